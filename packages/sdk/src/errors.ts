// Every failure the SDK reports is a TallyError subclass. Which subclass is decided in one place,
// ERROR_CLASSES below, whether the failure came back as a member of a mutation's result union
// (by __typename), as a top-level GraphQL error (by extensions.code) or as an HTTP status.

export interface TallyErrorDetails {
  message: string;
  /** The API's ErrorCode (e.g. "DUPLICATE_EVENT"), a top-level GraphQL code, or an SDK code such as "CONNECTION_ERROR". */
  code: string;
  /** Path of the input field at fault, e.g. ["input", "tiers", "1", "upTo"], when the API names one. */
  field?: readonly string[] | null;
  statusCode?: number;
  requestId?: string;
  cause?: unknown;
}

export class TallyError extends Error {
  readonly code: string;
  readonly field: readonly string[] | null;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;

  constructor(details: TallyErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code;
    this.field = details.field ?? null;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
  }
}

/** The input was rejected: a validation error, a state conflict (EVENT_NAME_TAKEN, TEST_CLOCK_BACKWARDS, …). */
export class TallyInvalidInputError extends TallyError {}

/** An object named in the request does not exist for this account and mode. */
export class TallyNotFoundError extends TallyError {}

/** A meter event was refused; for DUPLICATE_EVENT, `existingEvent` is the event stored first. */
export class TallyMeterEventError extends TallyError {
  readonly existingEvent: unknown;

  constructor(details: TallyErrorDetails & { existingEvent?: unknown }) {
    super(details);
    this.existingEvent = details.existingEvent ?? null;
  }
}

/** Missing or invalid API key (HTTP 401, UNAUTHENTICATED). */
export class TallyAuthenticationError extends TallyError {}

/** The key may not do this (FORBIDDEN), e.g. a secret key calling createAccount. */
export class TallyPermissionError extends TallyError {}

/** Too many requests (HTTP 429); `retryAfterMs` is the server's Retry-After when it sent one. */
export class TallyRateLimitError extends TallyError {
  readonly retryAfterMs: number | undefined;

  constructor(details: TallyErrorDetails & { retryAfterMs?: number }) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * A conflict (HTTP 409). `retryable` is the server's word that nothing ran and the same request may
 * be sent again after `retryAfterMs`; the SDK retries those by itself.
 */
export class TallyConflictError extends TallyError {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(details: TallyErrorDetails & { retryable?: boolean; retryAfterMs?: number }) {
    super(details);
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * The request's idempotency key is in use by a request still running (HTTP 409,
 * IDEMPOTENCY_KEY_IN_USE). Nothing ran: retrying with the same key after `retryAfterMs` is safe.
 */
export class TallyIdempotencyKeyInUseError extends TallyConflictError {}

/**
 * No HTTP response: DNS, refused or reset connection, timeout (`TIMEOUT`), or the caller's own
 * AbortSignal (`ABORTED`, never retried). `requestSent` is false only when the request certainly
 * never reached the server.
 */
export class TallyConnectionError extends TallyError {
  readonly requestSent: boolean;

  constructor(details: TallyErrorDetails & { requestSent: boolean }) {
    super(details);
    this.requestSent = details.requestSent;
  }
}

/** The server failed (HTTP 5xx) or answered something that is not a GraphQL response. */
export class TallyApiError extends TallyError {}

/** A webhook's Tally-Signature header did not verify. */
export class TallySignatureVerificationError extends TallyError {}

/** What a table entry is constructed from: the common details plus the extras some classes keep. */
export type ErrorInput = TallyErrorDetails & { existingEvent?: unknown; retryAfterMs?: number; retryable?: boolean };

type ErrorClass = new (details: ErrorInput) => TallyError;

/**
 * The one mapping table. Keys are result-union __typenames, top-level GraphQL extensions.code
 * values, and "http:<status>" for responses without a usable GraphQL error.
 */
const ERROR_CLASSES: Record<string, ErrorClass> = {
  InvalidInputError: TallyInvalidInputError,
  NotFoundError: TallyNotFoundError,
  MeterEventError: TallyMeterEventError,
  UNAUTHENTICATED: TallyAuthenticationError,
  FORBIDDEN: TallyPermissionError,
  IDEMPOTENCY_KEY_REUSED: TallyInvalidInputError,
  IDEMPOTENCY_KEY_IN_USE: TallyIdempotencyKeyInUseError,
  INVALID_INPUT: TallyInvalidInputError,
  NOT_FOUND: TallyNotFoundError,
  TEST_CLOCK_ADVANCE_TOO_FAR: TallyInvalidInputError,
  EVENT_ALREADY_INVOICED: TallyMeterEventError,
  // graphql-yoga's codes for a request the schema rejects (bad variables, unknown fields).
  BAD_USER_INPUT: TallyInvalidInputError,
  GRAPHQL_VALIDATION_FAILED: TallyInvalidInputError,
  // The server's abuse limits (docs/api/limits.md): the request must change to pass.
  QUERY_TOO_DEEP: TallyInvalidInputError,
  TOO_MANY_ALIASES: TallyInvalidInputError,
  TOO_MANY_TOKENS: TallyInvalidInputError,
  TOO_MANY_DIRECTIVES: TallyInvalidInputError,
  QUERY_TOO_COSTLY: TallyInvalidInputError,
  UNSUPPORTED_MEDIA_TYPE: TallyInvalidInputError,
  REQUEST_ENTITY_TOO_LARGE: TallyInvalidInputError,
  "http:400": TallyInvalidInputError,
  "http:401": TallyAuthenticationError,
  "http:403": TallyPermissionError,
  "http:404": TallyNotFoundError,
  "http:409": TallyConflictError,
  "http:429": TallyRateLimitError,
};

/** The error for the first of `keys` found in the table; `fallback` when none is. */
export function createError(
  keys: ReadonlyArray<string | undefined>,
  details: ErrorInput,
  fallback: ErrorClass = TallyApiError,
): TallyError {
  const key = keys.find((k): k is string => k !== undefined && k in ERROR_CLASSES);
  const ErrorClass = key ? ERROR_CLASSES[key]! : fallback;
  return new ErrorClass(details);
}
