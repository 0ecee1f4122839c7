// Retries against the real server with a fetch that fails on purpose: a meter event whose response
// is lost is retried with the same identifier and counted once; every other mutation is retried
// with the idempotency key of its call, and runs once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TallyConflictError,
  TallyConnectionError,
  TallyIdempotencyKeyInUseError,
  TallyInvalidInputError,
  type Tally,
} from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failure } from "./support/failure.js";
import {
  failAfterServerReceived,
  type RecordedRequest,
  refuseConnection,
  respondWith,
  scriptedFetch,
} from "./support/fetch.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

const customersOn = async (testClockId: string) =>
  (await tally.customers.list({ testClockId }).autoPagingToArray({ limit: 100 })).length;

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
    expect(requests[1]!.idempotencyKey).toBe(requests[0]!.idempotencyKey);
    // The retry got the first attempt's response again: the event it stored.
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
  const sameKeyThroughout = (requests: RecordedRequest[]) => {
    const [first] = requests.map((r) => r.idempotencyKey);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    for (const request of requests) expect(request.idempotencyKey).toBe(first);
  };

  it("a createSubscription whose response is lost is retried with the same key, and one subscription exists", async () => {
    const { clock, usage, license } = await alpaca(tally);
    const customer = await tally.customers.create({ name: "Subscribed once", testClockId: clock.id });
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const subscription = await server
      .client({ fetch })
      .subscriptions.create({ customerId: customer.id, items: [{ priceId: usage.id }, { priceId: license.id }] });

    expect(requests.map((r) => r.operationName)).toEqual(["CreateSubscription", "CreateSubscription"]);
    sameKeyThroughout(requests);
    const all = await tally.subscriptions.list({ customerId: customer.id }).autoPagingToArray({ limit: 100 });
    expect(all.map((s) => s.id)).toEqual([subscription.id]);
    // Its first invoice (the license fee, at creation) was made once too.
    expect(await tally.invoices.list({ customerId: customer.id }).autoPagingToArray({ limit: 100 })).toHaveLength(1);
  });

  it("a customers.create whose response is lost is retried with the same key, and one customer exists", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const customer = await server.client({ fetch }).customers.create({ name: "Once", testClockId: clock.id });
    expect(requests).toHaveLength(2);
    sameKeyThroughout(requests);
    expect(customer.name).toBe("Once");
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("are retried after a 5xx, with the same key", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([respondWith(502, "bad gateway")]);
    await server.client({ fetch }).customers.create({ name: "After 502", testClockId: clock.id });
    expect(requests).toHaveLength(2);
    sameKeyThroughout(requests);
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("are retried after a 409 IDEMPOTENCY_KEY_IN_USE, honouring its Retry-After", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const inUse = JSON.stringify({
      errors: [{ message: "in use", extensions: { code: "IDEMPOTENCY_KEY_IN_USE", retryable: true } }],
    });
    const { fetch, requests } = scriptedFetch([respondWith(409, inUse, { "retry-after": "1" })]);
    const started = Date.now();
    await server.client({ fetch }).customers.create({ name: "After 409", testClockId: clock.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(requests).toHaveLength(2);
    sameKeyThroughout(requests);
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("are not retried after a 409 the server does not mark retryable: TallyConflictError", async () => {
    const conflict = JSON.stringify({ errors: [{ message: "conflict", extensions: { code: "SOME_CONFLICT" } }] });
    const { fetch, requests } = scriptedFetch([respondWith(409, conflict)]);
    const error = await failure(server.client({ fetch }).products.create({ name: "Conflicted" }));
    expect(error).toBeInstanceOf(TallyConflictError);
    expect(error).not.toBeInstanceOf(TallyIdempotencyKeyInUseError);
    expect(error).toMatchObject({ code: "SOME_CONFLICT", statusCode: 409, retryable: false });
    expect(requests).toHaveLength(1);
  });

  it("are retried when the connection was refused and after a 429, honouring Retry-After", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([refuseConnection, respondWith(429, "{}", { "retry-after": "1" })]);
    const started = Date.now();
    const customer = await server.client({ fetch }).customers.create({ name: "Retried", testClockId: clock.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(requests).toHaveLength(3);
    expect(customer.name).toBe("Retried");
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("each call has a key of its own, and gives up after maxNetworkRetries", async () => {
    const { fetch, requests } = scriptedFetch([
      failAfterServerReceived,
      failAfterServerReceived,
      respondWith(503, "unavailable"),
    ]);
    const client = server.client({ fetch, maxNetworkRetries: 1 });
    const error = await client.products.create({ name: "Given up" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TallyConnectionError);
    expect((await client.products.create({ name: "Second call" })).name).toBe("Second call");
    expect(requests).toHaveLength(4);
    expect(requests[0]!.idempotencyKey).toBe(requests[1]!.idempotencyKey);
    expect(requests[2]!.idempotencyKey).toBe(requests[3]!.idempotencyKey);
    expect(requests[2]!.idempotencyKey).not.toBe(requests[0]!.idempotencyKey);
  });
});

describe("a caller's own idempotency key", () => {
  it("is sent as given: the same call again returns the first result, and runs once", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const idempotencyKey = `order-${clock.id}`;
    const first = await tally.customers.create({ name: "Mine", testClockId: clock.id }, { idempotencyKey });
    const again = await tally.customers.create({ name: "Mine", testClockId: clock.id }, { idempotencyKey });
    expect(again).toEqual(first);
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("with a different request is refused: TallyInvalidInputError IDEMPOTENCY_KEY_REUSED", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const idempotencyKey = `reused-${clock.id}`;
    await tally.customers.create({ name: "First", testClockId: clock.id }, { idempotencyKey });
    const error = await failure(tally.customers.create({ name: "Second", testClockId: clock.id }, { idempotencyKey }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", statusCode: 400 });
    expect(await customersOn(clock.id)).toBe(1);
  });

  it("still running in another call: TallyIdempotencyKeyInUseError once the retries are used up", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const idempotencyKey = `busy-${clock.id}`;
    const calls = Array.from({ length: 5 }, () =>
      server
        .client({ maxNetworkRetries: 0 })
        .customers.create({ name: "Busy", testClockId: clock.id }, { idempotencyKey })
        .then(
          () => "created",
          (error: unknown) => error,
        ),
    );
    const outcomes = await Promise.all(calls);
    const refused = outcomes.filter((o) => o !== "created");
    for (const error of refused) {
      expect(error).toBeInstanceOf(TallyIdempotencyKeyInUseError);
      expect(error).toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE", statusCode: 409, retryAfterMs: 1000 });
    }
    expect(refused.length).toBeGreaterThan(0);
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
