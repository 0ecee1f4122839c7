// The rules of docs/concepts/meter-events.md#recording-an-event for a list of events (a batch, or
// one event): each comes back valid or with the typed error that refuses it. Meters and customers
// are looked up set-based (lookup.ts); the rules themselves need no database, and "now" is the
// customer's. Rules that need the stored events (duplicates, invoiced periods) are decided when
// the events are stored (ingest.ts).
import { Decimal, dimensionValuesOf, EVENT_VALUE_LIMIT, MAX_DIMENSION_VALUE_LENGTH, toDecimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { InvalidInputError, TallyError } from "../../errors.js";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "../../input/text.js";
import { customerNow } from "../time.js";
import {
  customerNotFound,
  customerNotSpecified,
  invalidValue,
  meterInactive,
  meterNotFound,
  timestampInFuture,
  timestampTooFarInPast,
} from "./errors.js";
import { eventIdentifier } from "./identity.js";
import { customersById, type EventCustomer, type EventMeter, metersByEventName } from "./lookup.js";

export interface RecordMeterEventInput {
  eventName: string;
  customerId?: string | null;
  /** As sent (the EventValue scalar): a decimal string or a number once checked (parseValue). */
  value?: unknown;
  payload?: Record<string, unknown> | null;
  timestamp?: Date | null;
  identifier?: string | null;
}

type Payload = Record<string, string | number>;

/** An event that passed every rule that does not need the stored events. */
export interface ValidEvent {
  identifier: string;
  meter: EventMeter;
  customer: EventCustomer;
  value: Decimal;
  timestamp: Date;
  payload: Payload | null;
  /** Receipt time in the customer's time (its test clock's, if any): the cancellation window's start. */
  receivedAt: Date;
  /** Its values for the meter's dimension keys, in their order (null: the meter has none). */
  dimensions: Array<string | null> | null;
}

/** One event of the list: valid, or the typed error that refuses it. */
export type Checked = { ok: true; event: ValidEvent } | { ok: false; error: TallyError };

const MAX_PAYLOAD_KEYS = 50;
const MAX_PAYLOAD_KEY_LENGTH = 100;
const MAX_PAYLOAD_STRING_LENGTH = 500;
const MAX_SIGNIFICANT_DIGITS = 15;
// The MeterEvent.value column is numeric(65, 30).
const MAX_DECIMAL_PLACES = 30;
const NEGATIVE_VALUE_LIMIT = EVENT_VALUE_LIMIT.neg();
const PAST_WINDOW_MS = 35 * 24 * 3_600_000;
const FUTURE_WINDOW_MS = 5 * 60_000;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Validates the events, `fieldOf(i)` being event i's input path in errors. */
export async function validateEvents(
  db: Db,
  scope: Scope,
  clock: Clock,
  inputs: RecordMeterEventInput[],
  fieldOf: (index: number) => string[],
): Promise<Checked[]> {
  const results: Checked[] = new Array(inputs.length);
  const attempt = <T>(index: number, step: () => T): T | undefined => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof TallyError)) throw error;
      results[index] = { ok: false, error };
      return undefined;
    }
  };

  // Each event's field path, built once (three checks use it, almost always without error).
  const fields = inputs.map((_, i) => fieldOf(i));
  // One receipt instant for the request's events on the wall clock.
  const now = clock.now();
  const received: Clock = { now: () => now };
  const shapes = inputs.map((input, i) => attempt(i, () => checkEventShape(input, fields[i]!)));
  const explicitCustomerIds = inputs.flatMap((input, i) => (shapes[i] && input.customerId ? [input.customerId] : []));
  // Most events name their customer explicitly: then both lookups run at once.
  const [meters, explicitCustomers] = await Promise.all([
    metersByEventName(
      db,
      scope,
      inputs.flatMap((input, i) => (shapes[i] ? [input.eventName] : [])),
    ),
    customersById(db, scope, explicitCustomerIds),
  ]);

  const pending: Array<{ index: number; shape: { identifier: string; payload: Payload | null }; customerId: string }> =
    [];
  inputs.forEach((input, i) => {
    const shape = shapes[i];
    if (!shape) return;
    const customerId = attempt(i, () =>
      customerIdOf(input, shape.payload, checkMeter(input, meters.get(input.eventName), fields[i]!), fields[i]!),
    );
    if (customerId !== undefined) pending.push({ index: i, shape, customerId });
  });

  const queried = new Set(explicitCustomerIds);
  const missing = pending.map((p) => p.customerId).filter((id) => !queried.has(id));
  const customers: Map<string, EventCustomer> =
    missing.length > 0
      ? new Map([...explicitCustomers, ...(await customersById(db, scope, missing))])
      : explicitCustomers;

  for (const { index, shape, customerId } of pending) {
    const input = inputs[index]!;
    const meter = meters.get(input.eventName)!;
    const event = attempt(index, () =>
      completeEvent(input, shape, meter, customers.get(customerId), customerId, received, fields[index]!),
    );
    if (event) results[index] = { ok: true, event };
  }
  return results;
}

/** The input checks that need no lookup: storable text, identifier and payload shape. */
function checkEventShape(
  input: RecordMeterEventInput,
  field: string[],
): { identifier: string; payload: Payload | null } {
  const unstorable = unstorableTextPath(input, field);
  if (unstorable) throw new InvalidInputError(UNSTORABLE_TEXT_MESSAGE, unstorable);
  const identifier = eventIdentifier(input.identifier, field);
  return { identifier, payload: input.payload ? checkPayload(input.payload, [...field, "payload"]) : null };
}

function checkPayload(payload: Record<string, unknown>, field: string[]): Payload {
  const entries = Object.entries(payload);
  if (entries.length > MAX_PAYLOAD_KEYS)
    throw new InvalidInputError(`payload has at most ${MAX_PAYLOAD_KEYS} keys`, field);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > MAX_PAYLOAD_KEY_LENGTH) {
      throw new InvalidInputError(`payload keys are 1–${MAX_PAYLOAD_KEY_LENGTH} characters`, [...field, key]);
    }
    const ok =
      (typeof value === "string" && value.length <= MAX_PAYLOAD_STRING_LENGTH) ||
      (typeof value === "number" && Number.isFinite(value));
    if (!ok) {
      throw new InvalidInputError(
        `payload is a flat object of numbers and strings of at most ${MAX_PAYLOAD_STRING_LENGTH} characters`,
        [...field, key],
      );
    }
  }
  return payload as Payload;
}

/** The meter named by the event, if it accepts events. */
function checkMeter(input: RecordMeterEventInput, meter: EventMeter | undefined, field: string[]): EventMeter {
  if (!meter) throw meterNotFound(input.eventName, [...field, "eventName"]);
  if (meter.status !== "ACTIVE") throw meterInactive(input.eventName, [...field, "eventName"]);
  return meter;
}

/** `customerId`, else the payload's value under the meter's customerPayloadKey. */
function customerIdOf(
  input: RecordMeterEventInput,
  payload: Payload | null,
  meter: EventMeter,
  field: string[],
): string {
  if (input.customerId) return input.customerId;
  const fromPayload = payload?.[meter.customerPayloadKey];
  if (fromPayload === undefined || fromPayload === "") {
    throw customerNotSpecified(meter.customerPayloadKey, [...field, "customerId"]);
  }
  return String(fromPayload);
}

/**
 * Checks the value and the timestamp and completes the event: value from `value`, else the
 * payload's valuePayloadKey, else 1 for COUNT meters; timestamp defaults to the customer's now.
 */
function completeEvent(
  input: RecordMeterEventInput,
  shape: { identifier: string; payload: Payload | null },
  meter: EventMeter,
  customer: EventCustomer | undefined,
  customerId: string,
  clock: Clock,
  field: string[],
): ValidEvent {
  if (!customer) throw customerNotFound(customerId, [...field, "customerId"]);
  const fromPayload = shape.payload?.[meter.valuePayloadKey];
  const raw = input.value ?? fromPayload ?? (meter.aggregation === "COUNT" ? "1" : undefined);
  const value = parseValue(raw, meter.valuePayloadKey);
  if (!(value instanceof Decimal)) {
    throw invalidValue(value, input.value != null ? [...field, "value"] : [...field, "payload", meter.valuePayloadKey]);
  }
  const now = customerNow(customer, clock);
  const timestamp = input.timestamp ?? now;
  if (timestamp.getTime() < now.getTime() - PAST_WINDOW_MS) {
    throw timestampTooFarInPast(timestamp, now, PAST_WINDOW_MS, [...field, "timestamp"]);
  }
  if (timestamp.getTime() > now.getTime() + FUTURE_WINDOW_MS) {
    throw timestampInFuture(timestamp, now, FUTURE_WINDOW_MS, [...field, "timestamp"]);
  }
  return {
    identifier: shape.identifier,
    meter,
    customer,
    value,
    timestamp,
    payload: shape.payload,
    receivedAt: now,
    dimensions: dimensionsOf(shape.payload, meter, field),
  };
}

/** The event's dimension values (docs/concepts/meter-events.md#dimensions), null for a meter without dimensions. */
function dimensionsOf(payload: Payload | null, meter: EventMeter, field: string[]): Array<string | null> | null {
  if (meter.dimensionPayloadKeys.length === 0) return null;
  const read = dimensionValuesOf(payload, meter.dimensionPayloadKeys);
  if (!read.ok) {
    throw new InvalidInputError(`Dimension values are at most ${MAX_DIMENSION_VALUE_LENGTH} characters`, [
      ...field,
      "payload",
      read.key,
    ]);
  }
  return read.values;
}

/** The event's value, or why it is not one (an error built only when needed: this runs per event). */
function parseValue(raw: unknown, valueKey: string): Decimal | string {
  if (raw === undefined || raw === null) return `The event has no value: give value or payload.${valueKey}`;
  let value: Decimal;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return "value must be a finite number";
    value = toDecimal(String(raw));
  } else if (typeof raw === "string") {
    if (!DECIMAL_TEXT.test(raw.trim()))
      return `value must be a decimal number, got ${JSON.stringify(raw.slice(0, 40))}`;
    value = toDecimal(raw.trim());
  } else if (Decimal.isDecimal(raw)) {
    value = toDecimal(raw);
  } else {
    return "value must be a decimal number, as a string or a JSON number";
  }
  if (value.isZero()) return toDecimal("0"); // also "-0" and "0e-40"
  if (value.sd() > MAX_SIGNIFICANT_DIGITS) return `value has more than ${MAX_SIGNIFICANT_DIGITS} significant digits`;
  if (value.gte(EVENT_VALUE_LIMIT) || value.lte(NEGATIVE_VALUE_LIMIT))
    return "value must be less than 1e20 in absolute value";
  if (value.decimalPlaces() > MAX_DECIMAL_PLACES) return `value has more than ${MAX_DECIMAL_PLACES} decimal places`;
  return value;
}
