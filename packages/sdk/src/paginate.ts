// list() results: a Promise of the first page that is also an async iterator over every item of
// every page, following Relay cursors (first/after) — the shape stripe-node made familiar.

export interface Page<T> {
  data: T[];
  hasMore: boolean;
  /** Pass as `after` to get the next page. */
  endCursor: string | null;
}

export interface ListResult<T> extends Promise<Page<T>>, AsyncIterable<T> {
  /** Every item across pages, stopping at `limit` (required, so a huge list is never loaded by accident). */
  toArray(options: { limit: number }): Promise<T[]>;
}

/** A Relay connection as the generated operations return it. */
export interface Connection<T> {
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function toPage<T>(connection: Connection<T>): Page<T> {
  return {
    data: connection.edges.map((edge) => edge.node),
    hasMore: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
  };
}

/** Starts fetching the first page at once; iteration reuses it and then follows `endCursor`. */
export function paginate<T>(
  fetchPage: (after: string | null) => Promise<Page<T>>,
  after: string | null = null,
): ListResult<T> {
  const firstPage = fetchPage(after);

  async function* items(): AsyncGenerator<T> {
    let page = await firstPage;
    for (;;) {
      yield* page.data;
      if (!page.hasMore || page.endCursor === null) return;
      page = await fetchPage(page.endCursor);
    }
  }

  async function toArray(options: { limit: number }): Promise<T[]> {
    const limit = options?.limit;
    if (!Number.isInteger(limit) || limit < 1)
      throw new TypeError("toArray({ limit }) needs a positive integer limit.");
    const result: T[] = [];
    for await (const item of items()) {
      result.push(item);
      if (result.length >= limit) break;
    }
    return result;
  }

  return Object.assign(firstPage, { [Symbol.asyncIterator]: items, toArray });
}
