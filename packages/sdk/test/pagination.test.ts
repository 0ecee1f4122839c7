// list(): a Promise of the first page, an async iterator over every item across pages (Relay
// first/after), and toArray({ limit }).
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

  it("toArray stops at the limit, and insists on one", async () => {
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
});
