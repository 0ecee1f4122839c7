// @tally/sdk/browser: its module graph imports no Node built-in (it ships to browsers), and against
// the real server it reads a customer session's viewer and streams its live usage, while the
// secret-key client creates and revokes the sessions.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyAuthenticationError, TallyBrowser, TallyPermissionError } from "../src/browser.js";
import type { Tally } from "../src/index.js";
import { startServer, type TestServer } from "./support/server.js";

/** Every module specifier reached from `entry` through relative imports, the bare ones included. */
function importGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return { files, bare };
}

describe("the browser entry", () => {
  it("imports no Node built-in, directly or through the modules it imports", () => {
    const { files, bare } = importGraph(fileURLToPath(new URL("../src/browser.ts", import.meta.url)));
    expect(files.size).toBeGreaterThan(5);
    const builtins = new Set(builtinModules);
    expect([...bare].filter((s) => s.startsWith("node:") || builtins.has(s))).toEqual([]);
    // Packages: graphql and its typed-document types (both browser-safe); "@tally/sdk" is a doc comment's example.
    expect([...bare].filter((s) => s !== "@tally/sdk").sort()).toEqual([
      "@graphql-typed-document-node/core",
      "graphql",
    ]);
  });

  it("refuses a secret key", () => {
    expect(() => new TallyBrowser({ sessionToken: "sk_test_123", url: "http://localhost" })).toThrow(/cs_/);
  });
});

describe("TallyBrowser against the server", () => {
  let server: TestServer;
  let tally: Tally;
  beforeAll(async () => {
    server = await startServer();
    tally = server.client();
  });
  afterAll(() => server.close());

  it("reads the session's customer and usage, streams live usage, and fails once revoked", async () => {
    const customer = await tally.customers.create({ name: "Ada" });
    const meter = await tally.meters.create({
      displayName: "Calls",
      eventName: `calls_${Date.now()}`,
      aggregation: "SUM",
    });
    const session = await tally.customerSessions.create({ customerId: customer.id, scopes: ["USAGE_READ"] });
    expect(session.token).toMatch(/^cs_test_/);
    const browser = new TallyBrowser({ sessionToken: session.token, url: server.url, maxNetworkRetries: 0 });
    expect((await browser.customer()).customer).toEqual({ id: customer.id, name: "Ada", email: null });
    await expect(browser.creditBalance()).rejects.toBeInstanceOf(TallyPermissionError);

    const updates = browser.subscribeUsage(meter.id);
    await updates.ready;
    const iterator = updates[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ customerId: customer.id, usage: "0" });
    await tally.meterEvents.create({ eventName: meter.eventName, customerId: customer.id, value: "3" });
    expect((await iterator.next()).value).toMatchObject({ usage: "3" });
    expect((await browser.periodUsage(meter.id)).usage).toBe("3");

    expect(await tally.customerSessions.revokeAll(customer.id)).toMatchObject({ revokedCount: 1 });
    await expect(iterator.next()).rejects.toBeInstanceOf(TallyAuthenticationError);
    await expect(browser.customer()).rejects.toBeInstanceOf(TallyAuthenticationError);
  });

  it("reads usage grouped and filtered by dimension, as meters.listEventSummaries does", async () => {
    const customer = await tally.customers.create({ name: "Grace" });
    const meter = await tally.meters.create({
      displayName: "Tokens",
      eventName: `tokens_${Date.now()}`,
      aggregation: "SUM",
      dimensionPayloadKeys: ["model", "region"],
    });
    for (const [value, model, region] of [
      ["1", "large", "eu"],
      ["2", "large", "us"],
      ["4", "small", "eu"],
    ] as const)
      await tally.meterEvents.create({
        eventName: meter.eventName,
        customerId: customer.id,
        value,
        payload: { model, region },
      });
    const session = await tally.customerSessions.create({ customerId: customer.id, scopes: ["USAGE_READ"] });
    const browser = new TallyBrowser({ sessionToken: session.token, url: server.url, maxNetworkRetries: 0 });
    expect((await browser.meters()).find((m) => m.id === meter.id)?.dimensionPayloadKeys).toEqual(["model", "region"]);
    const range = {
      meterId: meter.id,
      startTime: new Date(Date.now() - 86_400_000).toISOString().slice(0, 16).concat(":00Z"),
      endTime: new Date(Date.now() + 120_000).toISOString().slice(0, 16).concat(":00Z"),
      groupBy: ["model"],
      dimensionFilters: [{ dimension: "region", values: ["eu"] }],
    };
    const grouped = await browser.usage(range);
    expect(grouped.map((g) => [g.dimensions, g.aggregatedValue])).toEqual([
      [[{ dimension: "model", value: "large" }], "1"],
      [[{ dimension: "model", value: "small" }], "4"],
    ]);
    const { meterId, ...rest } = range;
    expect([...(await tally.meters.listEventSummaries(meterId, { customerId: customer.id, ...rest }))]).toEqual([
      ...grouped,
    ]);
  });
});
