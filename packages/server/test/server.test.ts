import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kind, parse, validate } from "graphql";
import { WELCOME_DOCUMENT } from "../src/http/graphiql.js";
import { startHttpServer, type RunningServer } from "../src/http/server.js";
import { schema } from "../src/schema/index.js";
import { ensureDefaultAccount } from "../src/services/accounts.js";
import { lockCustomersUsage } from "../src/db/locks.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { createTestDatabase } from "./support/database.js";

let app: TestApp;
let server: RunningServer;
beforeAll(async () => {
  app = await createTestApp();
  server = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await server.stop();
  await app.close();
});

describe("HTTP server", () => {
  it("reports liveness and readiness", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("serves GraphiQL to a browser without a key", async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Tally</title>");
    expect(html).toContain("YogaGraphiQL.renderYogaGraphiQL");
    expect(html).toContain("query ListMeters");
    // Scripts, styles and the icon are inlined: nothing for the browser to fetch elsewhere.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']?https?:/i);
  });

  it("opens GraphiQL on a welcome document that is valid against the schema", () => {
    expect(validate(schema, parse(WELCOME_DOCUMENT))).toEqual([]);
    const operations = parse(WELCOME_DOCUMENT).definitions.map((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : null,
    );
    expect(operations).toEqual(["ListMeters", "ListSubscriptions", "RecordMeterEvent", "PreviewInvoice"]);
  });

  it("answers GraphQL over a real socket with the key", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.account.testSecretKey}` },
      body: JSON.stringify({ query: `{ node(id: "${app.account.account.id}") { id } }` }),
    });
    expect(await res.json()).toEqual({ data: { node: { id: app.account.account.id } } });
  });

  it("finishes in-flight requests when stopping, and refuses new connections after", async () => {
    const local = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Hold one request open inside the server until the stop has begun.
    local.server.prependListener("request", (req) => {
      if (req.url === "/healthz") req.pause();
    });
    const slow = fetch(`${local.url}/healthz`);
    await new Promise((r) => setTimeout(r, 50));
    const stopped = local.stop();
    release();
    await gate;
    const response = await slow;
    expect(response.status).toBe(200);
    await stopped;
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow();
  });
});

describe("graceful stop with a client gone", () => {
  it("waits for a handler still in its transaction after its client disconnected", async () => {
    const meter = await catalog(app).meter({ displayName: "Stop", eventName: "stop_test", aggregation: "SUM" });
    expect(meter.id).toMatch(/^mtr_/);
    const customer = (await catalog(app).customer({ name: "Gone" })).id;
    const local = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });

    // Hold the customer's usage lock the way invoice finalization does: the event's transaction waits.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = app.database.prisma.$transaction(async (tx) => {
      await lockCustomersUsage(tx, [customer], "exclusive");
      locked();
      await held;
    });
    await lockTaken;

    const client = new AbortController();
    const request = fetch(`${local.url}/graphql`, {
      method: "POST",
      signal: client.signal,
      headers: { "content-type": "application/json", authorization: `Bearer ${app.account.testSecretKey}` },
      body: JSON.stringify({
        query: `mutation { recordMeterEvent(input: { eventName: "stop_test", customerId: "${customer}", value: "5" }) { __typename } }`,
      }),
    }).catch((error: Error) => error.name);
    await new Promise((r) => setTimeout(r, 300));
    client.abort();
    expect(await request).toBe("AbortError");

    let stopped = false;
    const stopping = local.stop().then(() => void (stopped = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(stopped).toBe(false);
    release();
    await holding;
    await stopping;
    // The handler ran to completion before stop() resolved: the database could be closed safely.
    expect(await app.database.prisma.meterEvent.count({ where: { customerId: customer } })).toBe(1);
  });
});

describe("error masking", () => {
  it("masks unexpected errors for clients and logs them for operators, with the response's request id", async () => {
    const broken = await createTestApp();
    try {
      await broken.database.script(`ALTER TABLE "TestClock" RENAME TO "TestClockGone"`);
      const response = await broken.fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${broken.account.testSecretKey}` },
        body: JSON.stringify({ query: `{ testClock(id: "clock_x") { id } }` }),
      });
      const res = (await response.json()) as { errors?: Array<{ message: string }> };
      expect(res.errors?.[0]?.message).toBe("Unexpected error.");
      expect(JSON.stringify(res)).not.toContain('TestClock\\"');
      const logged = broken.logger.entries.find((e) => e.level === "error");
      expect(logged?.message).toMatch(/Unexpected error/);
      expect(String((logged?.detail?.error as Error | undefined)?.message)).toMatch(/TestClock/);
      expect(logged?.detail?.requestId).toBe(response.headers.get("x-request-id"));
    } finally {
      await broken.close();
    }
  });
});

describe("first start", () => {
  it("creates the Default account once, with working keys", async () => {
    const database = await createTestDatabase();
    try {
      const first = await ensureDefaultAccount(database.prisma);
      expect(first?.account.name).toBe("Default");
      expect(first?.testSecretKey).toMatch(/^sk_test_/);
      expect(await ensureDefaultAccount(database.prisma)).toBeNull();
      expect(await database.prisma.account.count()).toBe(1);
      expect(await database.prisma.apiKey.count()).toBe(2);
    } finally {
      await database.close();
    }
  });

  it("creates nothing when an account exists", async () => {
    expect(await ensureDefaultAccount(app.database.prisma)).toBeNull();
  });
});
