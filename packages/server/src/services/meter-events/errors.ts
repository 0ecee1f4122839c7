// Every refusal of a meter event (docs/concepts/meter-events.md#error-codes), built here so that
// single events, batches and cancellation answer a rule with the same code and message. `field`
// is where the input went wrong (null where the answer carries no path, as in a batch's rejected).
import { MeterEventError } from "../../errors.js";

type Field = string[] | null;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const meterNotFound = (eventName: string, field: Field) =>
  new MeterEventError("METER_NOT_FOUND", `No meter has the event name ${eventName}`, field);

export const meterInactive = (eventName: string, field: Field) =>
  new MeterEventError("METER_INACTIVE", `The meter for ${eventName} is inactive`, field);

export const customerNotSpecified = (customerPayloadKey: string, field: Field) =>
  new MeterEventError(
    "CUSTOMER_NOT_SPECIFIED",
    `Name the customer with customerId or payload.${customerPayloadKey}`,
    field,
  );

export const customerNotFound = (customerId: string, field: Field) =>
  new MeterEventError("CUSTOMER_NOT_FOUND", `No customer ${customerId}`, field);

export const invalidValue = (message: string, field: Field) => new MeterEventError("INVALID_VALUE", message, field);

export const timestampTooFarInPast = (timestamp: Date, now: Date, windowMs: number, field: Field) =>
  new MeterEventError(
    "TIMESTAMP_TOO_FAR_IN_PAST",
    `timestamp ${timestamp.toISOString()} is more than ${windowMs / DAY_MS} days before now (${now.toISOString()})`,
    field,
  );

export const timestampInFuture = (timestamp: Date, now: Date, windowMs: number, field: Field) =>
  new MeterEventError(
    "TIMESTAMP_IN_FUTURE",
    `timestamp ${timestamp.toISOString()} is more than ${windowMs / 60_000} minutes after now (${now.toISOString()})`,
    field,
  );

/** DUPLICATE_EVENT, carrying the event stored first under the identifier. */
export const duplicateEvent = (identifier: string, existing: { seq: bigint }, field: Field) =>
  new MeterEventError(
    "DUPLICATE_EVENT",
    `An event with the identifier ${identifier} was already recorded; this one is not counted`,
    field,
    existing,
  );

export const eventNotFound = (eventName: string, identifier: string, field: Field) =>
  new MeterEventError("EVENT_NOT_FOUND", `No event ${identifier} of the meter ${eventName}`, field);

export const cancelWindowExpired = (receivedAt: Date, windowMs: number, field: Field) =>
  new MeterEventError(
    "CANCEL_WINDOW_EXPIRED",
    `Events can be cancelled within ${windowMs / HOUR_MS} hours of their receipt; this one was received at ${receivedAt.toISOString()}`,
    field,
  );

/** EVENT_ALREADY_INVOICED, for an event refused on ingest or whose cancellation is. */
export const alreadyInvoiced = (timestamp: Date, field: Field) =>
  new MeterEventError(
    "EVENT_ALREADY_INVOICED",
    `timestamp ${timestamp.toISOString()} falls in a usage period already invoiced by every subscription that bills it`,
    field,
  );

export const spendCapExceeded = (subscriptionId: string, cap: string, currency: string, field: Field) =>
  new MeterEventError(
    "SPEND_CAP_EXCEEDED",
    `The event would take subscription ${subscriptionId}'s total for the period over its spend cap of ${cap} ${currency.toUpperCase()}`,
    field,
  );

export const cardinalityExceeded = (limit: number, field: Field) =>
  new MeterEventError(
    "DIMENSION_CARDINALITY_EXCEEDED",
    `The event's dimension values would be the meter's combination number ${limit + 1} for this customer this month (UTC); at most ${limit} are kept`,
    field,
  );
