// `new Tally({ apiKey })`: the entry point. It holds the client's defaults, wires the requester
// (retries, idempotency keys, lastResponse) to the resource namespaces, sends raw GraphQL, and
// carries the webhook helpers. `Tally.Meter` and the other named types live in its namespace.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { DocumentNode } from "graphql";
import type { BatchResult, EventResult } from "./named-events.js";
import type { List as ListResult, Page as PageResult, PageParams as PageParamsType } from "./paginate.js";
import { createRequester, type Requester, type RequestOptions as Options } from "./request.js";
import { createResources, type Resources } from "./resources.js";
import type { LastResponse as LastResponseType, TallyResponse } from "./response.js";
import type { Stream as StreamResult } from "./stream.js";
import { endpointOf } from "./transport.js";
import type * as Types from "./types.js";
import { webhooks } from "./webhooks.js";

export interface TallyOptions {
  /** A secret key: `sk_test_…` or `sk_live_…` (the key decides the account and mode). */
  apiKey: string;
  /** The server's base URL, default http://localhost:4000 (`/graphql` is appended unless present). */
  url?: string;
  /** Retries after network errors, 429, 5xx and retryable 409s; default 2. */
  maxNetworkRetries?: number;
  /** Milliseconds per attempt, default 30 000. */
  timeout?: number;
  /** A fetch implementation; default the global fetch. */
  fetch?: typeof fetch;
}

export const DEFAULT_URL = "http://localhost:4000";

// Merged with the class below: a Tally instance has every namespace of createResources.
export interface Tally extends Resources {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns every namespace
export class Tally {
  /** Webhook signature verification; needs no client state, so it is also exported on its own. */
  readonly webhooks = webhooks;
  readonly #requester: Requester;

  constructor(options: TallyOptions) {
    if (!options?.apiKey) throw new TypeError("new Tally({ apiKey }) needs an API key.");
    this.#requester = createRequester({
      apiKey: options.apiKey,
      endpoint: endpointOf(options.url ?? DEFAULT_URL),
      timeout: options.timeout ?? 30_000,
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      // Looked up per call (a polyfill installed later still counts) and never detached from
      // globalThis (browsers throw "Illegal invocation" for an unbound fetch).
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
    Object.assign(this, createResources(this.#requester));
  }

  /**
   * Sends any one-operation GraphQL document (a string, a DocumentNode or a TypedDocumentNode) with
   * this client's key, retries, idempotency key for a mutation, and typed errors for top-level
   * GraphQL errors. Resolves with `data` as the server sent it (result unions are not unwrapped).
   */
  graphql<R = Record<string, unknown>, V = Record<string, unknown>>(
    document: TypedDocumentNode<R, V> | DocumentNode | string,
    variables?: V,
    options?: Options,
  ): Promise<TallyResponse<R>> {
    return this.#requester.request(document, (variables ?? {}) as V, options, (data) => data as R & object) as Promise<
      TallyResponse<R>
    >;
  }
}

/** The SDK's types, stripe-node style: `Tally.Customer`, `Tally.RequestOptions`, `Tally.Response<T>`… */
export declare namespace Tally {
  export type RequestOptions = Options;
  export type Response<T> = TallyResponse<T>;
  export type LastResponse = LastResponseType;
  export type List<T> = ListResult<T>;
  export type Page<T> = PageResult<T>;
  export type PageParams = PageParamsType;
  export type Stream<T> = StreamResult<T>;
  export type MeterEventBatchResult = BatchResult;
  export type MeterEventResult = EventResult;
  export type TestClock = Types.TestClock;
  export type Customer = Types.Customer;
  export type Meter = Types.Meter;
  export type MeterEvent = Types.MeterEvent;
  export type MeterEventSummary = Types.MeterEventSummary;
  export type Product = Types.Product;
  export type Price = Types.Price;
  export type Subscription = Types.Subscription;
  export type Money = Types.Money;
  export type InvoiceLine = Types.InvoiceLine;
  export type Invoice = Types.Invoice;
  export type InvoicePreview = Types.InvoicePreview;
  export type CreditGrant = Types.CreditGrant;
  export type CreditBalanceTransaction = Types.CreditBalanceTransaction;
  export type UsageAlert = Types.UsageAlert;
  export type AlertTrigger = Types.AlertTrigger;
  export type WebhookEndpoint = Types.WebhookEndpoint;
  export type WebhookEndpointWithSecret = Types.WebhookEndpointWithSecret;
  export type DeletedWebhookEndpoint = Types.DeletedWebhookEndpoint;
  export type WebhookDelivery = Types.WebhookDelivery;
  export type Event = Types.Event;
  export type MeterSegmentCondition = Types.MeterSegmentCondition;
  export type DimensionValue = Types.DimensionValue;
  export type DimensionFilter = Types.DimensionFilter;
  export type Coupon = Types.Coupon;
  export type PromotionCode = Types.PromotionCode;
  export type Discount = Types.Discount;
  export type TaxRate = Types.TaxRate;
}
