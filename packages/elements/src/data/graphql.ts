// The customer session's two ways to reach Tally: a GraphQL request, and a subscription over
// server-sent events (yoga's GraphQL-over-SSE, "distinct connections" mode). Only fetch and streams:
// no Node built-ins, no secret key (docs/elements.md#how-it-talks-to-tally).
import { type SessionProblem, sessionProblem } from "./problem.js";

export interface Endpoint {
  url: string;
  token: string;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** What a response's status and errors mean for the reader: the session is over, or Tally is unreachable for now. */
function problemOf(status: number, errors: GraphQLResponse<unknown>["errors"]): SessionProblem {
  const codes = new Set((errors ?? []).map((e) => e.extensions?.code));
  return status === 401 || codes.has("UNAUTHENTICATED") ? sessionProblem("expired") : sessionProblem("unavailable");
}

export function endpointOf(token: string, baseUrl: string | undefined): Endpoint {
  const base = baseUrl ?? (typeof location === "undefined" ? "" : location.origin);
  return { url: `${base.replace(/\/+$/, "")}/graphql`, token };
}

function post(endpoint: Endpoint, body: unknown, accept: string, signal?: AbortSignal): Promise<Response> {
  return fetch(endpoint.url, {
    method: "POST",
    headers: { authorization: `Bearer ${endpoint.token}`, "content-type": "application/json", accept },
    body: JSON.stringify(body),
    signal,
  });
}

/**
 * One query. Fields a session's scopes do not cover come back null with a FORBIDDEN error each: that
 * is data, not failure; any other error fails the request with a SessionProblem.
 */
export async function request<T>(
  endpoint: Endpoint,
  query: string,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  let body: GraphQLResponse<T>;
  try {
    response = await post(endpoint, { query, variables }, "application/graphql-response+json", signal);
    body = (await response.json()) as GraphQLResponse<T>;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw sessionProblem("unavailable");
  }
  const failures = (body.errors ?? []).filter((e) => e.extensions?.code !== "FORBIDDEN" || !e.path);
  if (!response.ok || !body.data || failures.length > 0) throw problemOf(response.status, failures);
  return body.data;
}

/** Each `data:` line of one server-sent event, joined as the SSE format says. */
function eventOf(block: string): { event: string; data: string } {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { event, data: data.join("\n") };
}

/**
 * A subscription: onNext for each result, onProblem once when it cannot go on (the session ended,
 * the connection dropped). Returns the function that closes it.
 */
export function subscribe<T>(
  endpoint: Endpoint,
  query: string,
  variables: Record<string, unknown>,
  onNext: (data: T) => void,
  onProblem: (problem: SessionProblem) => void,
): () => void {
  const controller = new AbortController();
  const fail = (problem: SessionProblem) => {
    if (!controller.signal.aborted) onProblem(problem);
    controller.abort();
  };
  (async () => {
    const response = await post(endpoint, { query, variables }, "text/event-stream", controller.signal);
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => ({}))) as GraphQLResponse<T>;
      return fail(problemOf(response.status, body.errors));
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return fail(sessionProblem("unavailable"));
      buffer += value.replace(/\r\n?/g, "\n");
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const { event, data } = eventOf(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        // The server ends the stream when the session ends; the reload that follows says why.
        if (event === "complete") return fail(sessionProblem("unavailable"));
        if (event !== "next" || !data) continue;
        const result = JSON.parse(data) as GraphQLResponse<T>;
        if (result.errors?.length || !result.data) return fail(problemOf(200, result.errors));
        onNext(result.data);
      }
    }
  })().catch(() => fail(sessionProblem("unavailable")));
  return () => controller.abort();
}
