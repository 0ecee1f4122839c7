// The building blocks every resource method is made of, so that resources.ts is a table: a
// mutation unwraps its result union (errors become thrown TallyErrors), a retrieve turns null into
// TallyNotFoundError, a list pages through a connection. Retries are applied here, per call.
import { createError, TallyError, TallyNotFoundError } from "./errors.js";
import { paginate, toPage, type Connection, type ListResult } from "./paginate.js";
import { withRetries } from "./retry.js";

/** A member of a result union that is one of the API's error types (they all end in "Error"). */
type ErrorMember = { __typename: `${string}Error` };

/**
 * What a successful call returns: the result union without its error members, and without
 * `__typename` (only needed to tell the members apart), so it equals what retrieve() returns.
 */
export type Success<R> = R extends ErrorMember ? never : Omit<R, "__typename">;

export interface ErrorFields {
  __typename: string;
  code: string;
  message: string;
  field: readonly string[] | null;
  existingEvent?: unknown;
}

function isErrorMember(result: { __typename: string }): result is ErrorFields {
  return result.__typename.endsWith("Error");
}

/** The success member of a result union, or its error member thrown as a typed TallyError. */
export function unwrap<R extends { __typename: string }>(result: R): Success<R> {
  if (!isErrorMember(result)) {
    const { __typename, ...object } = result;
    return object as Success<R>;
  }
  const { __typename, code, message, field, existingEvent } = result;
  throw createError([__typename, code], { code, message, field, existingEvent }, TallyError);
}

/** What resources need from the client: its retry budget. */
export interface CallOptions {
  maxNetworkRetries: number;
}

/** Options of one call, the optional last argument of every mutating method. */
export interface RequestOptions {
  /**
   * Sent as the `Idempotency-Key` header; default a new UUID per call. Within 24 hours, the same
   * key with the same request gets the first response again instead of running twice.
   */
  idempotencyKey?: string;
}

/** The headers of every attempt of one mutating call: its idempotency key, fixed before the first. */
export function idempotencyHeaders(options: RequestOptions = {}): Record<string, string> {
  return { "idempotency-key": options.idempotencyKey ?? crypto.randomUUID() };
}

type Operation<V, R> = (variables: V, headers?: Record<string, string>) => Promise<R>;

/** `create(input)`-style method for a mutation taking `input` and returning a result union. */
export function mutation<I, K extends string, R extends { __typename: string }>(
  options: CallOptions,
  operation: Operation<{ input: I }, Record<K, R>>,
  field: K,
): (input: I, requestOptions?: RequestOptions) => Promise<Success<R>> {
  return (input, requestOptions) => {
    const headers = idempotencyHeaders(requestOptions);
    return withRetries(async () => unwrap((await operation({ input }, headers))[field]), options);
  };
}

/** `retrieve(id)`: the object, or TallyNotFoundError when the API returns null. */
export function retrieve<K extends string, T, V extends string = "id">(
  options: CallOptions,
  operation: Operation<Record<V, string>, Record<K, T | null>>,
  field: K,
  variable = "id" as V,
): (id: string) => Promise<T> {
  return (id) =>
    withRetries(async () => {
      const found = (await operation({ [variable]: id } as Record<V, string>))[field];
      if (found === null)
        throw new TallyNotFoundError({
          code: "NOT_FOUND",
          message: `No ${field} for ${variable} ${id}.`,
          field: [variable],
        });
      return found;
    }, options);
}

export type ListParams<F> = F & { first?: number | null; after?: string | null };

/** `list(params)` over a Relay connection: a Promise of the first page and an async iterator over all items. */
export function list<F, K extends string, T>(
  options: CallOptions,
  operation: Operation<ListParams<F>, Record<K, Connection<T>>>,
  field: K,
): (params?: ListParams<F>) => ListResult<T> {
  return (params = {} as ListParams<F>) =>
    paginate(
      (after) => withRetries(async () => toPage((await operation({ ...params, after }))[field]), options),
      params.after ?? null,
    );
}

/** Any other query: its field, retried like every read. */
export function query<V, K extends string, T>(
  options: CallOptions,
  operation: Operation<V, Record<K, T>>,
  field: K,
): (variables: V) => Promise<T> {
  return (variables) => withRetries(async () => (await operation(variables))[field], options);
}
