// The building blocks every resource method is made of, so that resources.ts is a table: a
// mutation unwraps its result union (errors become thrown TallyErrors), a retrieve turns null into
// TallyNotFoundError, a list pages through a connection. Ids come first, Stripe-style:
// `update(id, params)`, `del(id)`; request options always come last.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createError, TallyError, TallyNotFoundError } from "./errors.js";
import { type Connection, type List, type PageParams, paginate, type RelayVariables, toPage } from "./paginate.js";
import type { Requester, RequestOptions } from "./request.js";
import type { LastResponse, TallyResponse } from "./response.js";

/** A member of a result union that is one of the API's error types (they all end in "Error"). */
type ErrorMember = { __typename: `${string}Error` };

/** What a successful mutation returns: its result union without the error members and `__typename`. */
export type Success<R> = R extends ErrorMember ? never : Omit<R, "__typename">;

interface ErrorFields {
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
export function unwrap<R extends { __typename: string }>(result: R, lastResponse: LastResponse): Success<R> {
  if (!isErrorMember(result)) {
    const { __typename, ...object } = result;
    return object as Success<R>;
  }
  const { __typename, code, message, field, existingEvent } = result;
  const { statusCode, requestId } = lastResponse;
  throw createError([__typename, code], { code, message, field, existingEvent, statusCode, requestId }, TallyError);
}

type Doc<R, V> = TypedDocumentNode<R, V>;
type Union = { __typename: string };

/** `create(params)`: a mutation taking the params as its `input`. */
export function create<K extends string, I, R extends Union>(
  requester: Requester,
  document: Doc<Record<K, R>, { input: I }>,
  field: K,
): (params: I, options?: RequestOptions) => Promise<TallyResponse<Success<R>>> {
  return (params, options) =>
    requester.request(document, { input: params }, options, (data, { lastResponse }) =>
      unwrap(data[field], lastResponse),
    );
}

/** `update(id, params)`, `advance(id, params)`, `cancel(id, params)`: the id joins the params in `input`. */
export function withId<K extends string, I extends { id: string }, R extends Union>(
  requester: Requester,
  document: Doc<Record<K, R>, { input: I }>,
  field: K,
): (id: string, params: Omit<I, "id">, options?: RequestOptions) => Promise<TallyResponse<Success<R>>> {
  const call = create(requester, document, field);
  return (id, params, options) => call({ ...params, id } as I, options);
}

/** `del(id)`, `void(id)`, `deactivate(id)`…: a mutation whose input is only the id. */
export function byId<K extends string, R extends Union>(
  requester: Requester,
  document: Doc<Record<K, R>, { input: { id: string } }>,
  field: K,
): (id: string, options?: RequestOptions) => Promise<TallyResponse<Success<R>>> {
  const call = create(requester, document, field);
  return (id, options) => call({ id }, options);
}

/** `retrieve(id)`: the object, or TallyNotFoundError when the API returns null. */
export function retrieve<
  K extends string,
  T extends object,
  V extends string = "id",
  Vars extends Record<V, string> = Record<V, string>,
>(
  requester: Requester,
  document: Doc<Record<K, T | null>, Vars>,
  field: K,
  variable = "id" as V,
): (id: string, options?: RequestOptions, more?: Omit<Vars, V>) => Promise<TallyResponse<T>> {
  return (id, options, more) =>
    requester.request(document, { ...more, [variable]: id } as Vars, options, (data, { lastResponse }) => {
      const found = data[field];
      if (found !== null) return found as T;
      throw new TallyNotFoundError({
        code: "NOT_FOUND",
        message: `No ${field} for ${variable} ${id}.`,
        field: [variable],
        statusCode: lastResponse.statusCode,
        requestId: lastResponse.requestId,
      });
    });
}

/** A list's parameters: its filters, with Stripe's paging parameters instead of Relay's. */
export type ListParams<V> = Omit<V, keyof RelayVariables> & PageParams;

/** `list(params)` over a Relay connection; see paginate.ts. */
export function list<K extends string, V extends object, T>(
  requester: Requester,
  document: Doc<Record<K, Connection<T>>, V>,
  field: K,
): (params?: ListParams<V>, options?: RequestOptions) => List<T> {
  return (params = {} as ListParams<V>, options) => {
    const { limit, startingAfter, endingBefore, ...filters } = params;
    return paginate(
      (relay, backward) =>
        requester.request(document, { ...filters, ...relay } as unknown as V, options, (data) =>
          toPage(data[field], backward),
        ),
      { limit, startingAfter, endingBefore },
    );
  };
}

/** Any other query returning a list: its field, with `lastResponse` on the array. */
export function query<K extends string, V, T extends object>(
  requester: Requester,
  document: Doc<Record<K, T>, V>,
  field: K,
): (params: V, options?: RequestOptions) => Promise<TallyResponse<T>> {
  return (params, options) => requester.request(document, params, options, (data) => data[field]);
}
