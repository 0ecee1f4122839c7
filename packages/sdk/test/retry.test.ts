// Retries against the real server with a fetch that fails on purpose: a meter event whose response
// is lost is retried with the same identifier and counted once; other mutations are retried only
// when the server certainly did not run them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyApiError, TallyConnectionError, type Tally } from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failAfterServerReceived, refuseConnection, respondWith, scriptedFetch } from "./support/fetch.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

const customersOn = async (testClockId: string) =>
  (await tally.customers.list({ testClockId }).toArray({ limit: 100 })).length;

describe("meter events", () => {
  it("a lost response is retried with the same identifier, and the event is counted once", async () => {
    const { eventName, customer, januaryUsage } = await alpaca(tally);
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const event = await server
      .client({ fetch })
      .meterEvents.create({ eventName, customerId: customer.id, value: "3000" });

    expect(requests.map((r) => r.operationName)).toEqual(["RecordMeterEvent", "RecordMeterEvent"]);
    const [first, second] = requests.map((r) => (r.variables.input as { identifier: string }).identifier);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    // The retry got DUPLICATE_EVENT: the SDK returns the event the first attempt stored.
    expect(event).toMatchObject({ identifier: first, value: "3000" });
    expect(await januaryUsage()).toBe("3000");
  });

  it("a batch whose response is lost is retried whole and its events count as accepted, once", async () => {
    const { eventName, customer, januaryUsage } = await alpaca(tally);
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const events = Array.from({ length: 3 }, (_, i) => ({ eventName, customerId: customer.id, value: String(i + 1) }));
    const result = await server
      .client({ fetch })
      .meterEvents.createMany([...events, { ...events[0]!, identifier: "named-by-caller" }]);

    expect(requests).toHaveLength(2);
    expect(requests[1]!.variables).toEqual(requests[0]!.variables);
    expect(result).toMatchObject({ accepted: 4, duplicates: 0, rejected: [] });
    expect(result.results.every((r) => r.status === "accepted")).toBe(true);
    expect(await januaryUsage()).toBe("7");
  });

  it("gives up after maxNetworkRetries with the connection error", async () => {
    const { eventName, customer } = await alpaca(tally);
    const { fetch, requests } = scriptedFetch([failAfterServerReceived, failAfterServerReceived]);
    const error = await server
      .client({ fetch, maxNetworkRetries: 1 })
      .meterEvents.create({ eventName, customerId: customer.id, value: "1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TallyConnectionError);
    expect(requests).toHaveLength(2);
  });
});

describe("other mutations", () => {
  it("are not retried after the request may have reached the server", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const error = await server
      .client({ fetch })
      .customers.create({ name: "Once", testClockId: clock.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TallyConnectionError);
    expect(requests).toHaveLength(1);
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("are not retried after a 5xx", async () => {
    const { fetch, requests } = scriptedFetch([respondWith(502, "bad gateway")]);
    await expect(server.client({ fetch }).products.create({ name: "x" })).rejects.toBeInstanceOf(TallyApiError);
    expect(requests).toHaveLength(1);
  });

  it("are retried when the connection was refused (never sent) and after a 429, honouring Retry-After", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([refuseConnection, respondWith(429, "{}", { "retry-after": "1" })]);
    const started = Date.now();
    const customer = await server.client({ fetch }).customers.create({ name: "Retried", testClockId: clock.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(requests).toHaveLength(3);
    expect(customer.name).toBe("Retried");
    expect(await customersOn(clock.id)).toBe(1);
  });
});

describe("queries", () => {
  it("are retried after network errors and 5xx", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([failAfterServerReceived, respondWith(503, "unavailable")]);
    expect((await server.client({ fetch }).testClocks.retrieve(clock.id)).id).toBe(clock.id);
    expect(requests.map((r) => r.operationName)).toEqual(["TestClock", "TestClock", "TestClock"]);
  });
});
