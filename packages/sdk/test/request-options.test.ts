// Request options (the last argument of every method, over the client's defaults), lastResponse on
// every result, and client.graphql() for documents the SDK does not wrap.
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Tally,
  TallyAuthenticationError,
  TallyConnectionError,
  TallyInvalidInputError,
  TallyNotFoundError,
} from "../src/index.js";
import { failure } from "./support/failure.js";
import { failAfterServerReceived, respondWith, scriptedFetch } from "./support/fetch.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

/** A fetch that never answers until its signal aborts. */
const hanging: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));

describe("request options", () => {
  it("apiKey: one call with another key (the live mode) sees the live mode only", async () => {
    const product = await tally.products.create({ name: "Test mode only" });
    const liveKey = server.app.account.liveSecretKey;
    expect(await failure(tally.products.retrieve(product.id, { apiKey: liveKey }))).toBeInstanceOf(TallyNotFoundError);
    const live = await tally.products.create({ name: "Live" }, { apiKey: liveKey });
    expect((await tally.products.retrieve(live.id, { apiKey: liveKey })).name).toBe("Live");
    expect(await failure(tally.products.retrieve(live.id))).toBeInstanceOf(TallyNotFoundError);
    expect(await failure(tally.customers.list({}, { apiKey: "sk_test_wrong" }))).toBeInstanceOf(
      TallyAuthenticationError,
    );
  });

  it("timeout and maxNetworkRetries: per call, over the client's", async () => {
    const waiting = server.client({ fetch: hanging, maxNetworkRetries: 0 });
    const started = Date.now();
    expect(await failure(waiting.customers.list({}, { timeout: 50 }))).toMatchObject({ code: "TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(5_000);

    const { fetch, requests } = scriptedFetch([respondWith(503, "unavailable"), respondWith(503, "unavailable")]);
    const noRetries = server.client({ fetch, maxNetworkRetries: 0 });
    expect((await noRetries.customers.list({}, { maxNetworkRetries: 2 })).data).toEqual(expect.any(Array));
    expect(requests).toHaveLength(3);
  });

  it("signal: aborting ends the call at once, as ABORTED, without retrying", async () => {
    let attempts = 0;
    const client = server.client({
      fetch: (input, init) => {
        attempts++;
        return hanging(input, init);
      },
    });
    const controller = new AbortController();
    const call = client.products.create({ name: "Aborted" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(call);
    expect(error).toBeInstanceOf(TallyConnectionError);
    expect(error).toMatchObject({ code: "ABORTED" });
    expect(attempts).toBe(1);
  });

  it("signal: an abort during the backoff stops the retries", async () => {
    const { fetch, requests } = scriptedFetch([failAfterServerReceived, failAfterServerReceived]);
    const controller = new AbortController();
    const started = Date.now();
    const call = server.client({ fetch, maxNetworkRetries: 5 }).customers.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await failure(call)).toBeInstanceOf(TallyConnectionError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests.length).toBeLessThanOrEqual(2);
  });
});

describe("lastResponse", () => {
  it("is on every result: object, page and array; not enumerable", async () => {
    const { fetch, requests } = scriptedFetch();
    const client = server.client({ fetch });
    const clock = await client.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    expect(clock.lastResponse).toMatchObject({
      requestId: expect.stringMatching(/^req_[A-Za-z0-9]{20}$/),
      statusCode: 200,
      idempotencyKey: requests[0]!.idempotencyKey,
    });
    expect(clock.lastResponse.headers["x-request-id"]).toBe(clock.lastResponse.requestId);
    expect(Object.keys(clock)).not.toContain("lastResponse");
    expect(JSON.stringify(clock)).not.toContain("lastResponse");

    const retrieved = await client.testClocks.retrieve(clock.id);
    expect(retrieved.lastResponse.requestId).not.toBe(clock.lastResponse.requestId);
    expect(retrieved.lastResponse.idempotencyKey).toBeUndefined();
    expect((await client.customers.list()).lastResponse.statusCode).toBe(200);
    expect((await client.alerts.listTriggers()).lastResponse.requestId).toMatch(/^req_/);
  });

  it("the request id is also on errors from a result union", async () => {
    const error = await failure(tally.customers.create({ email: "not-an-email" }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ statusCode: 200, requestId: expect.stringMatching(/^req_/) });
  });
});

describe("client.graphql()", () => {
  it("sends a query string with the client's key and returns data with lastResponse", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z", name: "raw" });
    const result = await tally.graphql<{ testClock: { id: string; name: string } | null }>(
      "query Clock($id: ID!) { testClock(id: $id) { id name } }",
      { id: clock.id },
    );
    expect(result.testClock).toEqual({ id: clock.id, name: "raw" });
    expect(result.lastResponse.requestId).toMatch(/^req_/);
  });

  it("a mutation gets an idempotency key, reused by its retries: it runs once", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const { fetch, requests } = scriptedFetch([failAfterServerReceived]);
    const document = parse(
      "mutation Create($input: CreateCustomerInput!) { createCustomer(input: $input) { __typename ... on Customer { id } } }",
    );
    const result = await server.client({ fetch }).graphql(document, { input: { name: "Raw", testClockId: clock.id } });
    expect(requests).toHaveLength(2);
    expect(requests[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[1]!.idempotencyKey).toBe(requests[0]!.idempotencyKey);
    expect(result).toMatchObject({ createCustomer: { __typename: "Customer", id: expect.any(String) } });
    expect(await tally.customers.list({ testClockId: clock.id }).autoPagingToArray({ limit: 10 })).toHaveLength(1);
  });

  it("top-level errors are typed errors; a document must hold one operation", async () => {
    expect(await failure(tally.graphql("query { nope }"))).toBeInstanceOf(TallyInvalidInputError);
    expect(await failure(tally.graphql("query {"))).toMatchObject({ code: "GRAPHQL_PARSE_FAILED" });
    expect(
      await failure(tally.graphql("query A { meters { pageInfo { hasNextPage } } } query B { __typename }")),
    ).toMatchObject({
      message: expect.stringMatching(/exactly one operation/),
    });
  });
});
