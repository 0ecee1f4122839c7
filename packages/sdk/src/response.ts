// `lastResponse`: what the HTTP response of a call said besides its data, on every result, as in
// stripe-node. Non-enumerable, so it stays out of JSON, spreads and deep equality.

export interface LastResponse {
  /** The server's `x-request-id`: quote it when asking about a call; its log lines carry it too. */
  requestId: string | undefined;
  statusCode: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The `Idempotency-Key` the call sent (mutations only). */
  idempotencyKey: string | undefined;
}

/** A method's result: the object (or page, or array) with the response it came in. */
export type TallyResponse<T> = T & { lastResponse: LastResponse };

export function withLastResponse<T extends object>(value: T, lastResponse: LastResponse): TallyResponse<T> {
  return Object.defineProperty(value, "lastResponse", { value: lastResponse, enumerable: false }) as TallyResponse<T>;
}
