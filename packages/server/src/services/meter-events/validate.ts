// The rules of docs/concepts/meter-events.md#recording-an-event for one meter event, given its meter and customer already looked up (in
// one query each for a whole batch: lookup.ts). Pure: no database, "now" is the customer's.
import { randomUUID } from "node:crypto";
import { Decimal, EVENT_VALUE_LIMIT, toDecimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import { InvalidInputError, MeterEventError } from "../../errors.js";
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "../../input/text.js";
import type { Meter } from "../../generated/prisma/client.js";
import { customerNow } from "../time.js";

export interface RecordMeterEventInput {
  eventName: string;
  customerId?: string | null;
  /** As sent (the EventValue scalar): a decimal string or a number once checked (parseValue). */
  value?: unknown;
  payload?: Record<string, unknown> | null;
  timestamp?: Date | null;
  identifier?: string | null;
}

/** The whole Meter row, so that the recorded event can answer `meter` without another query. */
export type EventMeter = Meter;

export interface EventCustomer {
  id: string;
  testClock: { frozenTime: Date } | null;
}

export type Payload = Record<string, string | number>;

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
}

export const MAX_PAYLOAD_KEYS = 50;
const MAX_PAYLOAD_KEY_LENGTH = 100;
const MAX_PAYLOAD_STRING_LENGTH = 500;
const MAX_IDENTIFIER_LENGTH = 100;
const MAX_SIGNIFICANT_DIGITS = 15;
// The MeterEvent.value column is numeric(65, 30).
const MAX_DECIMAL_PLACES = 30;
const NEGATIVE_VALUE_LIMIT = EVENT_VALUE_LIMIT.neg();
const PAST_WINDOW_MS = 35 * 24 * 3_600_000;
const FUTURE_WINDOW_MS = 5 * 60_000;

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The input checks that need no lookup: storable text, identifier and payload shape. */
export function checkEventShape(
  input: RecordMeterEventInput,
  field: string[],
): { identifier: string; payload: Payload | null } {
  const unstorable = unstorableTextPath(input, field);
  if (unstorable) throw new InvalidInputError(UNSTORABLE_TEXT_MESSAGE, unstorable);
  const identifier = input.identifier ?? randomUUID();
  if (identifier.length < 1 || identifier.length > MAX_IDENTIFIER_LENGTH) {
    throw new InvalidInputError(`identifier must be 1–${MAX_IDENTIFIER_LENGTH} characters`, [...field, "identifier"]);
  }
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
export function checkMeter(input: RecordMeterEventInput, meter: EventMeter | undefined, field: string[]): EventMeter {
  if (!meter)
    throw new MeterEventError("METER_NOT_FOUND", `No meter has the event name ${input.eventName}`, [
      ...field,
      "eventName",
    ]);
  if (meter.status !== "ACTIVE") throw meterInactive(input.eventName, [...field, "eventName"]);
  return meter;
}

export function meterInactive(eventName: string, field: string[] | null): MeterEventError {
  return new MeterEventError("METER_INACTIVE", `The meter for ${eventName} is inactive`, field);
}

/** `customerId`, else the payload's value under the meter's customerPayloadKey. */
export function customerIdOf(
  input: RecordMeterEventInput,
  payload: Payload | null,
  meter: EventMeter,
  field: string[],
): string {
  if (input.customerId) return input.customerId;
  const fromPayload = payload?.[meter.customerPayloadKey];
  if (fromPayload === undefined || fromPayload === "") {
    throw new MeterEventError(
      "CUSTOMER_NOT_SPECIFIED",
      `Name the customer with customerId or payload.${meter.customerPayloadKey}`,
      [...field, "customerId"],
    );
  }
  return String(fromPayload);
}

/**
 * Checks the value and the timestamp and completes the event: value from `value`, else the
 * payload's valuePayloadKey, else 1 for COUNT meters; timestamp defaults to the customer's now.
 */
export function completeEvent(
  input: RecordMeterEventInput,
  shape: { identifier: string; payload: Payload | null },
  meter: EventMeter,
  customer: EventCustomer | undefined,
  customerId: string,
  clock: Clock,
  field: string[],
): ValidEvent {
  if (!customer) throw new MeterEventError("CUSTOMER_NOT_FOUND", `No customer ${customerId}`, [...field, "customerId"]);
  const fromPayload = shape.payload?.[meter.valuePayloadKey];
  const raw = input.value ?? fromPayload ?? (meter.aggregation === "COUNT" ? "1" : undefined);
  const value = parseValue(raw, meter.valuePayloadKey);
  if (!(value instanceof Decimal)) {
    throw new MeterEventError(
      "INVALID_VALUE",
      value,
      input.value != null ? [...field, "value"] : [...field, "payload", meter.valuePayloadKey],
    );
  }
  const now = customerNow(customer, clock);
  const timestamp = input.timestamp ?? now;
  if (timestamp.getTime() < now.getTime() - PAST_WINDOW_MS) {
    throw new MeterEventError(
      "TIMESTAMP_TOO_FAR_IN_PAST",
      `timestamp ${timestamp.toISOString()} is more than 35 days before now (${now.toISOString()})`,
      [...field, "timestamp"],
    );
  }
  if (timestamp.getTime() > now.getTime() + FUTURE_WINDOW_MS) {
    throw new MeterEventError(
      "TIMESTAMP_IN_FUTURE",
      `timestamp ${timestamp.toISOString()} is more than 5 minutes after now (${now.toISOString()})`,
      [...field, "timestamp"],
    );
  }
  return { identifier: shape.identifier, meter, customer, value, timestamp, payload: shape.payload, receivedAt: now };
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
