// `new Tally({ apiKey })`: the entry point. It wires the transport (fetch, timeout, error mapping)
// to the resource namespaces and carries the webhook helpers.
import { createResources, type Resources } from "./resources.js";
import { createTransport } from "./transport.js";
import { webhooks } from "./webhooks.js";

export interface TallyOptions {
  /** A secret key: `sk_test_…` or `sk_live_…` (the key decides the account and mode). */
  apiKey: string;
  /** The server's base URL, default http://localhost:4000 (`/graphql` is appended unless present). */
  url?: string;
  /** Retries after network errors, 429, 5xx and a 409 IDEMPOTENCY_KEY_IN_USE (see README); default 2. */
  maxNetworkRetries?: number;
  /** Per attempt, default 30 s. */
  timeoutMs?: number;
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

  constructor(options: TallyOptions) {
    if (!options?.apiKey) throw new TypeError("new Tally({ apiKey }) needs an API key.");
    const sdk = createTransport({
      apiKey: options.apiKey,
      url: options.url ?? DEFAULT_URL,
      timeoutMs: options.timeoutMs ?? 30_000,
      // Looked up per call (a polyfill installed later still counts) and never detached from
      // globalThis (browsers throw "Illegal invocation" for an unbound fetch).
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
    Object.assign(this, createResources(sdk, { maxNetworkRetries: options.maxNetworkRetries ?? 2 }));
  }
}
