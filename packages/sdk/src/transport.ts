// The HTTP side: graphql-request's client over the global (or a given) fetch, with the API key, a
// per-attempt timeout, and every failure turned into a TallyError through the mapping table.
// Only web-standard APIs (fetch, AbortSignal, Headers), so it runs in browsers and edge runtimes.
import { ClientError, GraphQLClient } from "graphql-request";
import { createError, TallyApiError, TallyConnectionError, TallyError } from "./errors.js";
import { getSdk, type Sdk } from "./generated/graphql.js";

export interface TransportOptions {
  apiKey: string;
  /** The server's base URL (`/graphql` is appended) or its GraphQL endpoint. */
  url: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Connection failures that prove the request never left this machine (Node/undici error codes). */
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

function neverSent(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } } | null)?.cause;
  if (!cause) return false;
  // undici reports "happy eyeballs" failures as an AggregateError of per-address errors.
  const codes = cause.errors ? cause.errors.map((e) => e.code) : [cause.code];
  return codes.length > 0 && codes.every((code) => typeof code === "string" && NEVER_SENT_CODES.has(code));
}

function connectionError(error: unknown, requestSent: boolean): TallyConnectionError {
  const timedOut = (error as { name?: string } | null)?.name === "TimeoutError";
  return new TallyConnectionError({
    code: timedOut ? "TIMEOUT" : "CONNECTION_ERROR",
    message: timedOut
      ? "The request to Tally timed out."
      : `Could not reach Tally: ${(error as Error)?.message ?? String(error)}`,
    requestSent,
    cause: error,
  });
}

/** fetch with a timeout per attempt; a failure to get a response becomes a TallyConnectionError here, at its source. */
function timedFetch(inner: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    try {
      return await inner(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw connectionError(error, !neverSent(error));
    }
  };
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function fromClientError(error: ClientError): TallyError {
  const { status, headers, errors } = error.response;
  const first = errors?.[0];
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : undefined;
  const field = first?.extensions?.field;
  const details = {
    message: first?.message ?? `Tally answered HTTP ${status}.`,
    code: code ?? (status === 429 ? "RATE_LIMITED" : `HTTP_${status}`),
    // Queries have no result union: the server puts the field at fault in the error's extensions.
    field: Array.isArray(field) ? field.map(String) : null,
    statusCode: status,
    requestId: headers?.get("x-request-id") ?? undefined,
    retryAfterMs: retryAfterMs(headers),
    cause: error,
  };
  // 429 and 5xx describe the whole request, whatever GraphQL error the body carries.
  const wholeRequest = status === 429 || status >= 500;
  return createError(wholeRequest ? [`http:${status}`] : [code, `http:${status}`], details);
}

/** Any failure of one request as a TallyError. */
export function toTallyError(error: unknown): TallyError {
  if (error instanceof TallyError) return error;
  if (error instanceof ClientError) return fromClientError(error);
  // The timeout can also fire while the body is being read, after fetch itself resolved.
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") return connectionError(error, true);
  return new TallyApiError({
    code: "INVALID_RESPONSE",
    message: `Tally sent a response that is not GraphQL: ${(error as Error)?.message ?? String(error)}`,
    cause: error,
  });
}

/** The generated operations, sending through fetch and throwing only TallyErrors. */
export function createTransport(options: TransportOptions): Sdk {
  const endpoint = options.url.replace(/\/+$/, "").replace(/(\/graphql)?$/, "/graphql");
  const client = new GraphQLClient(endpoint, {
    headers: { authorization: `Bearer ${options.apiKey}` },
    fetch: timedFetch(options.fetch, options.timeoutMs),
  });
  return getSdk(client, (action) => action().catch((error: unknown) => Promise.reject(toTallyError(error))));
}
