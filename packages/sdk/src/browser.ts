// @tally/sdk/browser: the client for a customer's own frontend, holding a customer session token
// (`cs_…`, from createCustomerSession on your server) — never a secret key. It reads `viewer` and
// subscribes to live usage; it imports no Node built-in (test/browser-entry.test.ts).
// docs/sdk/README.md#browser-client, docs/concepts/customer-sessions.md.
import * as G from "./generated/graphql.js";
import { query } from "./methods.js";
import { type Connection, type List, type PageParams, paginate, toPage } from "./paginate.js";
import { createRequester, type Requester, type RequestOptions } from "./request.js";
import type { TallyResponse } from "./response.js";
import { type Stream, stream } from "./stream.js";
import { endpointOf } from "./transport.js";
import type * as T from "./types.js";

export interface TallyBrowserOptions {
  /** A customer session token: `cs_test_…` or `cs_live_…`. */
  sessionToken: string;
  /** The Tally server's base URL (`/graphql` is appended unless present); its TALLY_CORS_ORIGINS must list your origin. */
  url: string;
  /** Retries after network errors, 429 and 5xx; default 2. */
  maxNetworkRetries?: number;
  /** Milliseconds per attempt, default 30 000. */
  timeout?: number;
  fetch?: typeof fetch;
}

type R<X> = Promise<TallyResponse<X>>;
type O = RequestOptions;
type Viewer<Q extends { viewer: object }> = Q["viewer"];
type Document<Q, V> = import("@graphql-typed-document-node/core").TypedDocumentNode<Q, V>;

export class TallyBrowser {
  readonly #requester: Requester;

  constructor(options: TallyBrowserOptions) {
    if (!options?.sessionToken?.startsWith("cs_"))
      throw new TypeError(
        "new TallyBrowser({ sessionToken }) needs a customer session token (cs_…), never a secret key.",
      );
    this.#requester = createRequester({
      apiKey: options.sessionToken,
      endpoint: endpointOf(options.url),
      timeout: options.timeout ?? 30_000,
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
  }

  /** The session's customer (id, name, email) and the session itself (scopes, meters, expiry). */
  customer(options?: O): R<Viewer<G.ViewerCustomerQuery>> {
    return query(this.#requester, G.ViewerCustomerDocument, "viewer")({}, options);
  }

  /** Active meters the session may read (USAGE_READ). */
  meters(options?: O): R<NonNullable<Viewer<G.ViewerMetersQuery>["meters"]>> {
    return this.#field(G.ViewerMetersDocument, {}, "meters", options);
  }

  /** Usage over [startTime, endTime), in one summary or per HOUR / DAY, optionally per dimension group (USAGE_READ). */
  usage(params: G.ViewerUsageQueryVariables, options?: O): R<T.MeterEventSummary[]> {
    return this.#field(G.ViewerUsageDocument, params, "usage", options);
  }

  /** The current period's usage of the meter and the upcoming invoice total (USAGE_READ). */
  periodUsage(meterId: string, options?: O): R<T.UsageUpdate> {
    return this.#field(G.ViewerPeriodUsageDocument, { meterId }, "periodUsage", options);
  }

  /** The next invoice, with the usage so far; `upcomingInvoice: null` without a subscription (INVOICES_READ). */
  upcomingInvoice(
    params: G.ViewerUpcomingInvoiceQueryVariables = {},
    options?: O,
  ): R<{ upcomingInvoice: T.ViewerUpcomingInvoice | null }> {
    return this.#requester.request(G.ViewerUpcomingInvoiceDocument, params, options, (data) => ({
      upcomingInvoice: data.viewer.upcomingInvoice ?? null,
    }));
  }

  /** The customer's invoices, newest first (INVOICES_READ); iterate with `for await` or `autoPagingToArray`. */
  invoices(params: PageParams = {}, options?: O): List<T.ViewerInvoice> {
    return paginate(
      (relay, backward) =>
        this.#requester.request(G.ViewerInvoicesDocument, relay, options, (data) =>
          toPage(data.viewer.invoices as Connection<T.ViewerInvoice>, backward),
        ),
      params,
    );
  }

  /** Per currency, what the customer's credits can pay now and after the current usage (CREDITS_READ). */
  creditBalance(options?: O): R<NonNullable<Viewer<G.ViewerCreditBalanceQuery>["creditBalance"]>> {
    return this.#field(G.ViewerCreditBalanceDocument, {}, "creditBalance", options);
  }

  /** Active usage alerts watching the customer (ALERTS_READ). */
  alerts(options?: O): R<NonNullable<Viewer<G.ViewerAlertsQuery>["alerts"]>> {
    return this.#field(G.ViewerAlertsDocument, {}, "alerts", options);
  }

  /**
   * The period usage of the meter and the upcoming invoice total, now and after every accepted
   * event, at most every 250 ms (server-sent events); ends with an error when the session expires
   * or is revoked.
   */
  subscribeUsage(meterId: string, options: O = {}): Stream<T.UsageUpdate> {
    return stream(
      (signal) =>
        this.#requester.stream(
          G.ViewerUsageUpdatedDocument,
          { meterId },
          { ...options, signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal },
        ),
      (data: G.ViewerUsageUpdatedSubscription) => data.viewerUsageUpdated,
    );
  }

  /** One viewer field of a query; a field the session may not read is a thrown TallyPermissionError. */
  #field<Q extends { viewer: Record<string, unknown> }, V, K extends keyof Q["viewer"] & string>(
    document: Document<Q, V>,
    variables: V,
    field: K,
    options?: O,
  ): R<NonNullable<Q["viewer"][K]>> {
    return this.#requester.request(document, variables, options, (data) => data.viewer[field] as never);
  }
}

export type { TallyResponse } from "./response.js";
export type { Stream } from "./stream.js";
export type { List, PageParams } from "./paginate.js";
export type { RequestOptions } from "./request.js";
export type { UsageUpdate, ViewerInvoice, ViewerUpcomingInvoice, MeterEventSummary } from "./types.js";
export {
  TallyError,
  TallyAuthenticationError,
  TallyPermissionError,
  TallyInvalidInputError,
  TallyNotFoundError,
  TallyConnectionError,
} from "./errors.js";
