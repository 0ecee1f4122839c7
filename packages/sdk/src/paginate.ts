// list() results: a Promise of one page that is also an async iterator over every item of every
// page, with stripe-node's autoPagingEach / autoPagingToArray. Relay cursors underneath: forward
// with first/after, backward (`endingBefore`) with last/before.
import type { PageInfoFieldsFragment } from "./generated/graphql.js";
import type { TallyResponse } from "./response.js";

/** Paging parameters of every list(); the cursors are a page's `endCursor` / `startCursor`. */
export interface PageParams {
  /** Items per page, 1–100 (the API's limit); default 20. */
  limit?: number;
  /** The page after this cursor (a page's `endCursor`). */
  startingAfter?: string;
  /** The page before this cursor (a page's `startCursor`); auto-paging then walks backwards. */
  endingBefore?: string;
}

export interface Page<T> {
  /** In the list's order (see docs/api/pagination.md#order), also when paging backwards. */
  data: T[];
  /** Whether more items lie in the paging direction: after this page, or before it with `endingBefore`. */
  hasMore: boolean;
  /** Pass as `endingBefore` for the page before this one. */
  startCursor: string | null;
  /** Pass as `startingAfter` for the page after this one. */
  endCursor: string | null;
}

export interface List<T> extends Promise<TallyResponse<Page<T>>>, AsyncIterable<T> {
  /**
   * Calls `onItem` with every item across pages, fetching pages as needed, until it returns
   * `false`. Backwards (`endingBefore`), items come nearest-first: the reverse of the list's order.
   */
  autoPagingEach(onItem: (item: T) => unknown): Promise<void>;
  /** Every item across pages, stopping at `limit` (required, so a huge list is never loaded by accident). */
  autoPagingToArray(options: { limit: number }): Promise<T[]>;
}

/** A Relay connection as the generated operations return it. */
export interface Connection<T> {
  edges: Array<{ node: T }>;
  pageInfo: PageInfoFieldsFragment;
}

export interface RelayVariables {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

export function toPage<T>(connection: Connection<T>, backward: boolean): Page<T> {
  const { pageInfo } = connection;
  return {
    data: connection.edges.map((edge) => edge.node),
    hasMore: backward ? pageInfo.hasPreviousPage : pageInfo.hasNextPage,
    startCursor: pageInfo.startCursor,
    endCursor: pageInfo.endCursor,
  };
}

function validate(params: PageParams): void {
  const { limit } = params;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100))
    throw new RangeError("limit must be an integer from 1 to 100.");
  if (params.startingAfter !== undefined && params.endingBefore !== undefined)
    throw new TypeError("Give startingAfter or endingBefore, not both.");
}

/** Starts fetching the first page at once; iteration reuses it and then follows the cursors. */
export function paginate<T>(
  fetchPage: (variables: RelayVariables, backward: boolean) => Promise<TallyResponse<Page<T>>>,
  params: PageParams,
): List<T> {
  validate(params);
  const backward = params.endingBefore !== undefined;
  const variablesAt = (cursor: string | undefined): RelayVariables =>
    backward ? { last: params.limit, before: cursor } : { first: params.limit, after: cursor };
  const firstPage = fetchPage(variablesAt(backward ? params.endingBefore : params.startingAfter), backward);

  async function* items(): AsyncGenerator<T> {
    let page = await firstPage;
    for (;;) {
      yield* backward ? [...page.data].reverse() : page.data;
      const cursor = backward ? page.startCursor : page.endCursor;
      if (!page.hasMore || cursor === null) return;
      page = await fetchPage(variablesAt(cursor), backward);
    }
  }

  async function autoPagingEach(onItem: (item: T) => unknown): Promise<void> {
    for await (const item of items()) if ((await onItem(item)) === false) return;
  }

  async function autoPagingToArray(options: { limit: number }): Promise<T[]> {
    const limit = options?.limit;
    if (!Number.isInteger(limit) || limit < 1)
      throw new TypeError("autoPagingToArray({ limit }) needs a positive integer limit.");
    const result: T[] = [];
    for await (const item of items()) {
      result.push(item);
      if (result.length >= limit) break;
    }
    return result;
  }

  return Object.assign(firstPage, { [Symbol.asyncIterator]: items, autoPagingEach, autoPagingToArray });
}
