// The typed errors of the API. Each class becomes a GraphQL type implementing the contract's
// `Error` interface (schema/errors.ts); services throw them and the errors plugin returns them as
// members of the mutation's result union.

export const ERROR_CODES = [
  "INVALID_INPUT",
  "NOT_FOUND",
  "METER_NOT_FOUND",
  "METER_INACTIVE",
  "CUSTOMER_NOT_FOUND",
  "CUSTOMER_NOT_SPECIFIED",
  "INVALID_VALUE",
  "TIMESTAMP_TOO_FAR_IN_PAST",
  "TIMESTAMP_IN_FUTURE",
  "DUPLICATE_EVENT",
  "EVENT_NOT_FOUND",
  "EVENT_ALREADY_INVOICED",
  "CANCEL_WINDOW_EXPIRED",
  "EVENT_NAME_TAKEN",
  "TEST_CLOCK_IN_LIVE_MODE",
  "TEST_CLOCK_BACKWARDS",
  "TEST_CLOCK_ADVANCE_TOO_FAR",
  "TEST_CLOCK_IN_USE",
  "SUBSCRIPTION_NOT_ACTIVE",
  "SUBSCRIPTION_NOT_TRIALING",
  "CURRENCY_MISMATCH",
  "INTERVAL_MISMATCH",
  "CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS",
  "PRORATION_DATE_OUT_OF_PERIOD",
  "INVOICE_STATE_INVALID",
  "CREDIT_NOTE_EXCEEDS_CREDITABLE",
  "FORBIDDEN",
  "IDEMPOTENCY_KEY_REUSED",
  "IDEMPOTENCY_KEY_IN_USE",
  "DIMENSION_CARDINALITY_EXCEEDED",
  "PRICE_SEGMENTS_OVERLAP",
  "COUPON_NOT_REDEEMABLE",
  "PROMOTION_CODE_TAKEN",
  "TAX_RATE_INACTIVE",
  "STREAM_FENCE_TIMEOUT",
  "SPEND_CAP_EXCEEDED",
  "INSUFFICIENT_CREDIT",
  "CREDIT_HOLD_NOT_ACTIVE",
  // Requests refused before execution (http/graphql-limits.ts, http/content-type.ts): top-level errors.
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "TOO_MANY_TOKENS",
  "TOO_MANY_DIRECTIVES",
  "QUERY_TOO_COSTLY",
  "UNSUPPORTED_MEDIA_TYPE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class TallyError extends Error {
  abstract readonly code: ErrorCode;
  /** Path of the input field at fault, e.g. ["input", "tiers", "1", "upTo"]. */
  readonly field: string[] | null;

  constructor(message: string, field?: string[] | null) {
    super(message);
    this.name = new.target.name;
    this.field = field ?? null;
  }
}

export class InvalidInputError extends TallyError {
  readonly code: ErrorCode;

  constructor(message: string, field?: string[] | null, code: ErrorCode = "INVALID_INPUT") {
    super(message, field);
    this.code = code;
  }
}

export class NotFoundError extends TallyError {
  readonly code: ErrorCode;

  constructor(message: string, field?: string[] | null, code: ErrorCode = "NOT_FOUND") {
    super(message, field);
    this.code = code;
  }
}

/**
 * A meter event refused by a rule of docs/concepts/meter-events.md#error-codes (METER_NOT_FOUND, DUPLICATE_EVENT, …) or by
 * cancellation (EVENT_NOT_FOUND, …). For DUPLICATE_EVENT, `existingEvent` is the event stored first
 * under that identifier (a MeterEvent row; typed loosely so this module stays free of Prisma).
 */
export class MeterEventError extends TallyError {
  readonly code: ErrorCode;
  readonly existingEvent: { seq: bigint } | null;

  constructor(code: ErrorCode, message: string, field?: string[] | null, existingEvent?: { seq: bigint } | null) {
    super(message, field);
    this.code = code;
    this.existingEvent = existingEvent ?? null;
  }
}

/** A read fenced on the streamed ingest whose events were not all stored within the bound (docs/operations/scaling.md#read-your-writes). */
export class StreamFenceTimeoutError extends TallyError {
  readonly code: ErrorCode = "STREAM_FENCE_TIMEOUT";
}
