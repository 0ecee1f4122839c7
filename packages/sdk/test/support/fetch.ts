// fetch doubles for transport tests: they record every request the SDK sends and can fail or
// answer in its place, while the rest goes to the real server.

export interface RecordedRequest {
  operationName: string;
  variables: Record<string, unknown>;
  idempotencyKey: string | null;
}

export type Step = (forward: () => Promise<Response>) => Promise<Response>;

/**
 * A fetch that runs `steps[i]` for the i-th request (forwarding to the real fetch once steps run
 * out), recording each request's operation, variables and idempotency key.
 */
export function scriptedFetch(steps: Step[] = []) {
  const requests: RecordedRequest[] = [];
  const fetchDouble: typeof fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> };
    const step = steps[requests.length];
    const idempotencyKey = new Headers(init?.headers).get("idempotency-key");
    requests.push({ operationName: body.operationName, variables: body.variables, idempotencyKey });
    const forward = () => fetch(input, init);
    return step ? step(forward) : forward();
  };
  return { fetch: fetchDouble, requests };
}

/** Like undici when the connection drops after the request was written: "fetch failed". */
export const networkFailure = (code = "ECONNRESET") =>
  Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

/** The server receives and executes the request, then the response is lost. */
export const failAfterServerReceived: Step = async (forward) => {
  await forward();
  throw networkFailure();
};

/** The connection is refused: the request never left. */
export const refuseConnection: Step = async () => {
  throw networkFailure("ECONNREFUSED");
};

export const respondWith =
  (status: number, body: string, headers: Record<string, string> = {}): Step =>
  async () =>
    new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
