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
  TallyConflictError,
  TallyIdempotencyKeyInUseError,
  TallyConnectionError,
  TallyApiError,
  TallySignatureVerificationError,
} from "./errors.js";
export type { Page, List, PageParams } from "./paginate.js";
export type { RequestOptions } from "./request.js";
export type { LastResponse, TallyResponse } from "./response.js";
export type { Stream } from "./stream.js";
export type { Success, ListParams } from "./methods.js";
export type { EventResult, BatchResult } from "./named-events.js";
export type { AsyncBatchResult, MeterEventsResource } from "./meter-events.js";
export type { MeterEventBatcher, BatcherOptions } from "./batcher.js";
export type * from "./resources.js";
export {
  webhooks,
  constructEvent,
  constructEventAsync,
  generateTestHeaderString,
  generateTestHeaderStringAsync,
  SIGNATURE_HEADER,
  type TallyEvent,
  type TestHeaderOptions,
} from "./webhooks.js";
// Named object and parameter types (Meter, Invoice, MeterUpdateParams, …).
export type * from "./types.js";
// The API's input, enum and fragment types, generated from schema.graphql (decimals are strings).
export type * from "./generated/graphql.js";
