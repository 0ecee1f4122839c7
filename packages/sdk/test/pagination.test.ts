// list(): a Promise of one page, an async iterator over every item across pages, autoPagingEach
// and autoPagingToArray({ limit }); forwards (startingAfter) and backwards (endingBefore).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tally } from "../src/index.js";
import { scriptedFetch } from "./support/fetch.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
let clockId: string;
let created: string[];
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
  clockId = (await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" })).id;
  created = [];
  for (let i = 0; i < 7; i++)
    created.push((await tally.customers.create({ name: `Page ${i}`, testClockId: clockId })).id);
});
afterAll(() => server.close());

describe("list()", () => {
  it("awaited, is the first page", async () => {
    const page = await tally.customers.list({ testClockId: clockId, limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.hasMore).toBe(true);
    expect(page.endCursor).toEqual(expect.any(String));
    const next = await tally.customers.list({ testClockId: clockId, limit: 3, startingAfter: page.endCursor! });
    expect(next.data.map((c) => c.id)).not.toContain(page.data[0]!.id);
  });

  it("iterated, yields every item across 4 pages, fetching each page once", async () => {
    const { fetch, requests } = scriptedFetch();
    const seen: string[] = [];
    for await (const customer of server.client({ fetch }).customers.list({ testClockId: clockId, limit: 2 }))
      seen.push(customer.id);
    expect(seen.sort()).toEqual([...created].sort());
    expect(requests.map((r) => r.variables.after ?? null)).toHaveLength(4);
    expect(new Set(requests.map((r) => r.variables.after)).size).toBe(4);
  });

  it("autoPagingToArray stops at the limit, and insists on one", async () => {
    const { fetch, requests } = scriptedFetch();
    const items = await server
      .client({ fetch })
      .customers.list({ testClockId: clockId, limit: 2 })
      .autoPagingToArray({ limit: 5 });
    expect(items).toHaveLength(5);
    expect(new Set(items.map((c) => c.id)).size).toBe(5);
    expect(requests).toHaveLength(3);
    // @ts-expect-error the limit is required
    await expect(tally.customers.list().autoPagingToArray()).rejects.toThrow(TypeError);
    await expect(tally.customers.list().autoPagingToArray({ limit: 0 })).rejects.toThrow(/positive integer/);
  });

  it("autoPagingEach visits every item and stops when the callback returns false", async () => {
    const seen: string[] = [];
    await tally.customers.list({ testClockId: clockId, limit: 2 }).autoPagingEach((customer) => {
      seen.push(customer.id);
    });
    expect(seen.sort()).toEqual([...created].sort());
    const firstThree: string[] = [];
    await tally.customers.list({ testClockId: clockId, limit: 2 }).autoPagingEach(async (customer) => {
      firstThree.push(customer.id);
      return firstThree.length < 3;
    });
    expect(firstThree).toHaveLength(3);
  });

  it("endingBefore pages backwards: the page before a cursor, and auto-paging back to the start", async () => {
    const all = await tally.customers.list({ testClockId: clockId, limit: 100 });
    const ids = all.data.map((c) => c.id);
    expect(ids).toHaveLength(7);
    const last = await tally.customers.list({
      testClockId: clockId,
      limit: 2,
      startingAfter: (await tally.customers.list({ testClockId: clockId, limit: 5 })).endCursor!,
    });
    expect(last.data.map((c) => c.id)).toEqual(ids.slice(5));
    expect(last.hasMore).toBe(false);

    const before = await tally.customers.list({ testClockId: clockId, limit: 2, endingBefore: last.startCursor! });
    expect(before.data.map((c) => c.id)).toEqual(ids.slice(3, 5));
    expect(before.hasMore).toBe(true);
    const earlier = await tally.customers.list({ testClockId: clockId, limit: 2, endingBefore: before.startCursor! });
    expect(earlier.data.map((c) => c.id)).toEqual(ids.slice(1, 3));

    // Backwards, auto-paging walks away from the cursor: nearest first.
    const backwards = await tally.customers
      .list({ testClockId: clockId, limit: 2, endingBefore: last.startCursor! })
      .autoPagingToArray({ limit: 100 });
    expect(backwards.map((c) => c.id)).toEqual(ids.slice(0, 5).reverse());
  });

  it("refuses both cursors at once and a limit the API cannot serve", () => {
    expect(() => tally.customers.list({ startingAfter: "a", endingBefore: "b" })).toThrow(TypeError);
    expect(() => tally.customers.list({ limit: 101 })).toThrow(RangeError);
    expect(() => tally.customers.list({ limit: 0 })).toThrow(RangeError);
  });
});
