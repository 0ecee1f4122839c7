// @tally/sdk: the client, its errors, the webhook helpers, and the API's types.
export { Tally, DEFAULT_URL, type TallyOptions } from "./client.js";
export {
  TallyError,
  TallyInvalidInputError,
  TallyNotFoundError,
  TallyMeterEventError,
  TallyAuthenticationError,
  TallyPermissionError,
  TallyRateLimitError,
  TallyIdempotencyKeyInUseError,
  TallyConnectionError,
  TallyApiError,
  TallySignatureVerificationError,
} from "./errors.js";
export type { Page, ListResult } from "./paginate.js";
export type { Success, RequestOptions } from "./methods.js";
export type { MeterEvent, EventResult, BatchResult } from "./meter-events.js";
export type { MeterEventBatcher, BatcherOptions } from "./batcher.js";
export { webhooks, constructEvent, generateTestHeaderString, SIGNATURE_HEADER, type TallyEvent } from "./webhooks.js";
// The API's input, enum and fragment types, generated from schema.graphql (decimals are strings).
export type * from "./generated/graphql.js";
