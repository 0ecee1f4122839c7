// The HTTP side: one attempt of one GraphQL request over the global (or a given) fetch, with the
// API key, a per-attempt timeout and the caller's AbortSignal, and every failure turned into a
// TallyError through the mapping table. Only web-standard APIs (fetch, AbortSignal, Headers), so
// it runs in browsers and edge runtimes.
import { createError, TallyApiError, TallyConnectionError, type TallyError } from "./errors.js";
import type { LastResponse } from "./response.js";

export interface Attempt {
  query: string;
  operationName: string | undefined;
  variables: unknown;
  apiKey: string;
  /** Milliseconds for this attempt, response body included. */
  timeout: number;
  signal: AbortSignal | undefined;
  /** Sent as `Idempotency-Key` (mutations). */
  idempotencyKey: string | undefined;
}

export interface Answer {
  data: unknown;
  lastResponse: LastResponse;
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

/** A failure to get (or read) a response; `aborted` is the caller's own signal firing. */
function connectionError(error: unknown, requestSent: boolean, aborted: boolean): TallyConnectionError {
  const timedOut = !aborted && (error as { name?: string } | null)?.name === "TimeoutError";
  const code = aborted ? "ABORTED" : timedOut ? "TIMEOUT" : "CONNECTION_ERROR";
  const message = aborted
    ? "The request to Tally was aborted by its signal."
    : timedOut
      ? "The request to Tally timed out."
      : `Could not reach Tally: ${(error as Error)?.message ?? String(error)}`;
  return new TallyConnectionError({ code, message, requestSent, cause: error });
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

interface GraphQLError {
  message?: string;
  extensions?: { code?: unknown; field?: unknown; retryable?: unknown };
}

/** The error a response stands for: its first GraphQL error, or its HTTP status. */
function responseError(
  status: number,
  headers: Headers,
  errors: GraphQLError[] | undefined,
  cause: unknown,
): TallyError {
  const first = errors?.[0];
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : undefined;
  const field = first?.extensions?.field;
  const details = {
    message: first?.message ?? `Tally answered HTTP ${status}.`,
    code: code ?? (status === 429 ? "RATE_LIMITED" : `HTTP_${status}`),
    // Queries have no result union: the server puts the field at fault in the error's extensions.
    field: Array.isArray(field) ? field.map(String) : null,
    statusCode: status,
    requestId: headers.get("x-request-id") ?? undefined,
    retryAfterMs: retryAfterMs(headers),
    retryable: first?.extensions?.retryable === true,
    cause,
  };
  // 429 and 5xx describe the whole request, whatever GraphQL error the body carries.
  const wholeRequest = status === 429 || status >= 500;
  return createError(wholeRequest ? [`http:${status}`] : [code, `http:${status}`], details);
}

export function lastResponseOf(response: Response, idempotencyKey: string | undefined): LastResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    requestId: response.headers.get("x-request-id") ?? undefined,
    statusCode: response.status,
    headers,
    idempotencyKey,
  };
}

/** The endpoint for a base URL (`/graphql` appended) or an endpoint URL. */
export function endpointOf(url: string): string {
  return url.replace(/\/+$/, "").replace(/(\/graphql)?$/, "/graphql");
}

/** Sends one attempt: resolves with the data and the response's metadata; rejects only with a TallyError. */
export async function post(endpoint: string, fetchImpl: typeof fetch, attempt: Attempt): Promise<Answer> {
  return (await exchange(endpoint, fetchImpl, attempt, false)) as Answer;
}

/** Opens one subscription attempt: resolves with the open `text/event-stream` response once its status is 200. */
export async function open(endpoint: string, fetchImpl: typeof fetch, attempt: Attempt): Promise<Response> {
  return (await exchange(endpoint, fetchImpl, attempt, true)) as Response;
}

/** `stream`: accept `text/event-stream` and hand back the open response instead of reading it. */
async function exchange(
  endpoint: string,
  fetchImpl: typeof fetch,
  attempt: Attempt,
  stream: boolean,
): Promise<Answer | Response> {
  // One controller for the caller's signal and the timeout; the timeout stops at the whole body,
  // or at the response's status for a stream, which then lives as long as the caller's signal lets it.
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(attempt.signal?.reason);
  if (attempt.signal?.aborted) forwardAbort();
  else attempt.signal?.addEventListener("abort", forwardAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new DOMException("The attempt timed out.", "TimeoutError")),
    attempt.timeout,
  );
  const aborted = () => attempt.signal?.aborted === true;
  const headers: Record<string, string> = {
    authorization: `Bearer ${attempt.apiKey}`,
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/graphql-response+json, application/json",
  };
  if (attempt.idempotencyKey !== undefined) headers["idempotency-key"] = attempt.idempotencyKey;
  const body = JSON.stringify({
    query: attempt.query,
    operationName: attempt.operationName,
    variables: attempt.variables,
  });

  try {
    let response: Response;
    try {
      response = await fetchImpl(endpoint, { method: "POST", headers, body, signal: controller.signal });
    } catch (error) {
      throw error instanceof TallyConnectionError ? error : connectionError(error, !neverSent(error), aborted());
    }
    if (stream && response.status === 200) return response;

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The timeout can also fire while the body is being read, after fetch itself resolved.
      throw connectionError(error, true, aborted());
    }
    let json: { data?: unknown; errors?: GraphQLError[] } | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (json === undefined) {
      if (response.status < 400) throw invalidResponse(text, response);
      throw responseError(response.status, response.headers, undefined, { body: text });
    }
    if (json.errors?.length || response.status >= 400 || json.data == null)
      throw responseError(response.status, response.headers, json.errors, { body: text });
    return { data: json.data, lastResponse: lastResponseOf(response, attempt.idempotencyKey) };
  } finally {
    clearTimeout(timer);
    if (!stream) attempt.signal?.removeEventListener("abort", forwardAbort);
  }
}

function invalidResponse(text: string, response: Response): TallyApiError {
  return new TallyApiError({
    code: "INVALID_RESPONSE",
    message: `Tally sent a response that is not GraphQL (HTTP ${response.status}): ${text.slice(0, 100)}`,
    statusCode: response.status,
    requestId: response.headers.get("x-request-id") ?? undefined,
  });
}
