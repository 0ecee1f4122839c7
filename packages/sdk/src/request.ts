// One call of the API, as every method and client.graphql() make it: the client's defaults merged
// with the call's options, an idempotency key fixed once per mutating call and sent on each of its
// retries, the retries themselves, and `lastResponse` on the result.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, Kind, type OperationTypeNode, parse, print } from "graphql";
import { TallyInvalidInputError } from "./errors.js";
import { type LastResponse, type TallyResponse, withLastResponse } from "./response.js";
import { withRetries } from "./retry.js";
import { open, post } from "./transport.js";

/** Options of one call: the optional last argument of every method; each overrides the client's. */
export interface RequestOptions {
  /**
   * Mutations only: sent as `Idempotency-Key`; default a new UUID per call, sent again on each
   * retry. Within 24 hours the same key with the same request gets the first response again
   * instead of running twice (docs/api/idempotency.md).
   */
  idempotencyKey?: string;
  /** A different secret key for this call (another account, or live instead of test). */
  apiKey?: string;
  /** Milliseconds per attempt. */
  timeout?: number;
  /** Retries after network errors, 429, 5xx and retryable 409s. */
  maxNetworkRetries?: number;
  /** Aborts the call, its retries and their waits: it then rejects with TallyConnectionError `ABORTED`. */
  signal?: AbortSignal;
}

/** The client's settings every call starts from. */
export interface ClientSettings {
  apiKey: string;
  endpoint: string;
  timeout: number;
  maxNetworkRetries: number;
  fetch: typeof fetch;
}

export interface Operation {
  query: string;
  name: string | undefined;
  type: OperationTypeNode;
}

const operations = new WeakMap<DocumentNode, Operation>();

function describe(document: DocumentNode, query: string): Operation {
  const definitions = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (definitions.length !== 1)
    throw new TallyInvalidInputError({
      code: "INVALID_INPUT",
      message: `A document sent with the SDK needs exactly one operation; this one has ${definitions.length}.`,
    });
  const [definition] = definitions;
  return { query, name: definition!.name?.value, type: definition!.operation };
}

function parseOrThrow(query: string): DocumentNode {
  try {
    return parse(query);
  } catch (error) {
    throw new TallyInvalidInputError({ code: "GRAPHQL_PARSE_FAILED", message: (error as Error).message, cause: error });
  }
}

/** A document's text (printed once per document object; a string is sent as given) and its operation. */
export function operationOf(document: DocumentNode | string): Operation {
  if (typeof document === "string") return describe(parseOrThrow(document), document);
  let operation = operations.get(document);
  if (!operation) operations.set(document, (operation = describe(document, print(document))));
  return operation;
}

/** What an interpretation of one attempt's data gets besides the data. */
export interface AttemptInfo {
  /** 0 for the first attempt. */
  attempt: number;
  lastResponse: LastResponse;
}

export interface Requester {
  /**
   * Sends `document` with retries; `interpret` turns each attempt's data into the result (or
   * throws a typed error for a result-union error member, which is not retried).
   */
  request<R, V, T extends object>(
    document: TypedDocumentNode<R, V> | DocumentNode | string,
    variables: V,
    options: RequestOptions | undefined,
    interpret: (data: R, info: AttemptInfo) => T,
  ): Promise<TallyResponse<T>>;
  /** Opens a subscription: the `text/event-stream` response, once the server has accepted it. */
  stream(document: DocumentNode, variables: unknown, options: RequestOptions | undefined): Promise<Response>;
}

export function createRequester(settings: ClientSettings): Requester {
  const attemptOf = (operation: Operation, variables: unknown, options: RequestOptions, idempotencyKey?: string) => ({
    query: operation.query,
    operationName: operation.name,
    variables,
    apiKey: options.apiKey ?? settings.apiKey,
    timeout: options.timeout ?? settings.timeout,
    signal: options.signal,
    idempotencyKey,
  });
  const retryOptions = (options: RequestOptions) => ({
    maxNetworkRetries: options.maxNetworkRetries ?? settings.maxNetworkRetries,
    signal: options.signal,
  });

  return {
    async request(document, variables, options = {}, interpret) {
      const operation = operationOf(document);
      const idempotencyKey =
        operation.type === "mutation" ? (options.idempotencyKey ?? crypto.randomUUID()) : undefined;
      const attempt = attemptOf(operation, variables, options, idempotencyKey);
      return withRetries(async (n) => {
        const { data, lastResponse } = await post(settings.endpoint, settings.fetch, attempt);
        return withLastResponse(interpret(data as never, { attempt: n, lastResponse }), lastResponse);
      }, retryOptions(options));
    },
    async stream(document, variables, options = {}) {
      const attempt = attemptOf(operationOf(document), variables, options);
      return withRetries(() => open(settings.endpoint, settings.fetch, attempt), retryOptions(options));
    },
  };
}
