// meterEvents.batcher(): thousands of add() calls become a few recordMeterEvents requests, every
// caller gets its own event's outcome, and the server counts each event exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Tally, TallyAuthenticationError } from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failAfterServerReceived, scriptedFetch } from "./support/fetch.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

describe("meterEvents.batcher", () => {
  it("sends 5,000 events in batches of 1,000 and they are counted exactly, even when a response is lost", async () => {
    const { eventName, customer, januaryUsage } = await alpaca(tally);
    // The first batch reaches the server but its response is lost: the retry must not double-count.
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const batcher = server.client({ fetch }).meterEvents.batcher({ maxBatch: 1000, maxDelayMs: 50 });

    const values = Array.from({ length: 5000 }, (_, i) => (i % 7) + 1);
    const outcomes = values.map((value) => batcher.add({ eventName, customerId: customer.id, value: String(value) }));
    await batcher.close();
    const results = await Promise.all(outcomes);

    expect(results.every((r) => r.status === "accepted")).toBe(true);
    expect(new Set(results.map((r) => r.identifier)).size).toBe(5000);
    const batches = requests.map((r) => (r.variables.input as { events: unknown[] }).events.length);
    expect(batches).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    // Each batch is a call with its own idempotency key; the retry of the first (lost) one reuses its key.
    const keys = requests.map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(5);
    expect(keys.filter((key) => key === keys[0])).toHaveLength(2);
    expect(await januaryUsage()).toBe(String(values.reduce((a, b) => a + b, 0)));
  });

  it("resolves each caller with its own outcome: accepted, duplicate or rejected with its code", async () => {
    const { eventName, customer } = await alpaca(tally);
    await tally.meterEvents.create({ eventName, customerId: customer.id, value: "1", identifier: "already-stored" });
    const batcher = tally.meterEvents.batcher({ maxDelayMs: 10 });
    const [accepted, rejected, duplicate] = await Promise.all([
      batcher.add({ eventName, customerId: customer.id, value: "2" }),
      batcher.add({ eventName, customerId: "cus_missing", value: "3" }),
      batcher.add({ eventName, customerId: customer.id, value: "4", identifier: "already-stored" }),
    ]);
    expect(accepted.status).toBe("accepted");
    expect(rejected).toMatchObject({ status: "rejected", code: "CUSTOMER_NOT_FOUND" });
    expect(duplicate).toEqual({ identifier: "already-stored", status: "duplicate" });
    await batcher.close();
  });

  it("takes values as numbers or decimal strings, and a value that is neither refuses only its own event", async () => {
    const { eventName, customer, januaryUsage } = await alpaca(tally);
    const batcher = tally.meterEvents.batcher({ maxDelayMs: 10 });
    const results = await Promise.all([
      batcher.add({ eventName, customerId: customer.id, value: 2.5 }),
      batcher.add({ eventName, customerId: customer.id, value: "12abc" }),
      batcher.add({ eventName, customerId: customer.id, value: "4" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["accepted", "rejected", "accepted"]);
    expect(results[1]).toMatchObject({ code: "INVALID_VALUE" });
    expect(await januaryUsage()).toBe("6.5");
    await batcher.close();
  });

  it("sends a partial batch after maxDelayMs without a flush, and refuses add() once closed", async () => {
    const { eventName, customer, januaryUsage } = await alpaca(tally);
    const { fetch, requests } = scriptedFetch();
    const batcher = server.client({ fetch }).meterEvents.batcher({ maxDelayMs: 20 });
    const results = await Promise.all(
      [1, 2, 3].map((v) => batcher.add({ eventName, customerId: customer.id, value: String(v) })),
    );
    expect(results.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    expect(requests).toHaveLength(1);
    expect(await januaryUsage()).toBe("6");
    await batcher.close();
    await expect(batcher.add({ eventName, customerId: customer.id, value: "1" })).rejects.toThrow(/closed/);
  });

  it("rejects every caller of a batch the API refuses as a whole", async () => {
    const batcher = server
      .client({ apiKey: "sk_test_wrong", maxNetworkRetries: 0 })
      .meterEvents.batcher({ maxDelayMs: 1 });
    const outcomes = [batcher.add({ eventName: "x", value: "1" }), batcher.add({ eventName: "y", value: "1" })];
    for (const outcome of outcomes) await expect(outcome).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await batcher.close();
  });

  it("sends every batch with the batcher's request options (here a key the server refuses)", async () => {
    const batcher = tally.meterEvents.batcher({ apiKey: "sk_test_wrong", maxNetworkRetries: 0, maxDelayMs: 1 });
    const outcome = batcher.add({ eventName: "anything", customerId: "cus_x", value: "1" });
    await expect(outcome).rejects.toBeInstanceOf(TallyAuthenticationError);
    await batcher.close();
  });
});
