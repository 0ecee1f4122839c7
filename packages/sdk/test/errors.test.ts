// Every failure reaches the caller as its TallyError subclass, with the code, field and status.
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Tally,
  TallyApiError,
  TallyAuthenticationError,
  TallyConnectionError,
  TallyError,
  TallyInvalidInputError,
  TallyNotFoundError,
  TallyPermissionError,
  TallyRateLimitError,
} from "../src/index.js";
import { failure } from "./support/failure.js";
import { respondWith, scriptedFetch, type Step } from "./support/fetch.js";
import { startServer, type TestServer } from "./support/server.js";
import { TEST_CONFIG } from "@tally/server/test/support/app.js";

let server: TestServer;
beforeAll(async () => void (server = await startServer()));
afterAll(() => server.close());

/** A loopback port nothing listens on: one the OS just handed out and we released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("result-union errors", () => {
  it("InvalidInputError → TallyInvalidInputError with code and field", async () => {
    const error = await failure(server.client().customers.create({ email: "not-an-email" }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toBeInstanceOf(TallyError);
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: ["input", "email"] });
  });

  it("NotFoundError → TallyNotFoundError", async () => {
    const error = await failure(server.client().customers.create({ testClockId: "clock_missing" }));
    expect(error).toBeInstanceOf(TallyNotFoundError);
    expect(error).toMatchObject({ code: "NOT_FOUND", field: ["input", "testClockId"] });
  });

  it("keeps the API's specific code (TEST_CLOCK_IN_LIVE_MODE with a live key)", async () => {
    const live = server.client({ apiKey: server.app.account.liveSecretKey });
    const error = await failure(live.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "TEST_CLOCK_IN_LIVE_MODE" });
  });

  it("an advance past the limit → TallyInvalidInputError (TEST_CLOCK_ADVANCE_TOO_FAR, on frozenTime)", async () => {
    const clock = await server.client().testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const error = await failure(server.client().testClocks.advance(clock.id, { frozenTime: "2028-01-01T00:00:01Z" }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "TEST_CLOCK_ADVANCE_TOO_FAR", field: ["input", "frozenTime"] });
  });
});

describe("the server's request limits", () => {
  it("a refusal (QUERY_TOO_COSTLY) → TallyInvalidInputError with status and request id", async () => {
    const strict = await startServer({
      config: { ...TEST_CONFIG, graphql: { ...TEST_CONFIG.graphql, maxCost: 1 } },
    });
    try {
      const error = await failure(strict.client().customers.list());
      expect(error).toBeInstanceOf(TallyInvalidInputError);
      expect(error).toMatchObject({ code: "QUERY_TOO_COSTLY", statusCode: 400 });
      expect((error as TallyError).message).toMatch(/^Query cost limit of 1 exceeded/);
      expect((error as TallyError).requestId).toMatch(/^req_[A-Za-z0-9]{20}$/);
    } finally {
      await strict.close();
    }
  });
});

describe("top-level GraphQL errors", () => {
  it("a wrong key → TallyAuthenticationError (HTTP 401, UNAUTHENTICATED)", async () => {
    const error = await failure(server.client({ apiKey: "sk_test_wrong" }).customers.list());
    expect(error).toBeInstanceOf(TallyAuthenticationError);
    expect(error).toMatchObject({ code: "UNAUTHENTICATED", statusCode: 401 });
  });

  it("the operator key on a tenant operation → TallyPermissionError (FORBIDDEN)", async () => {
    const error = await failure(server.client({ apiKey: server.app.deps.adminKey! }).customers.create({ name: "x" }));
    expect(error).toBeInstanceOf(TallyPermissionError);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
  });

  it("a value the schema rejects (not a DateTime) → TallyInvalidInputError", async () => {
    const error = await failure(server.client().testClocks.create({ frozenTime: "next tuesday" }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
  });
});

describe("transport errors", () => {
  const withFetch = (step: Step) => server.client({ fetch: scriptedFetch([step]).fetch, maxNetworkRetries: 0 });

  it("429 → TallyRateLimitError with Retry-After", async () => {
    const error = await failure(withFetch(respondWith(429, "{}", { "retry-after": "7" })).customers.list());
    expect(error).toBeInstanceOf(TallyRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, retryAfterMs: 7000 });
  });

  it("5xx → TallyApiError with the status, even with a GraphQL body", async () => {
    const body = JSON.stringify({
      errors: [{ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
    const error = await failure(withFetch(respondWith(503, body, { "x-request-id": "req_123" })).customers.list());
    expect(error).toBeInstanceOf(TallyApiError);
    expect(error).toMatchObject({ statusCode: 503, requestId: "req_123", message: "Unexpected error." });
  });

  it("a response that is not GraphQL → TallyApiError", async () => {
    const error = await failure(
      withFetch(
        async () => new Response("<html>proxy</html>", { headers: { "content-type": "text/html" } }),
      ).customers.list(),
    );
    expect(error).toBeInstanceOf(TallyApiError);
    expect(error).toMatchObject({ code: "INVALID_RESPONSE" });
  });

  it("a refused connection → TallyConnectionError, known not to have been sent", async () => {
    const closed = new Tally({
      apiKey: server.apiKey,
      url: `http://127.0.0.1:${await closedPort()}`,
      maxNetworkRetries: 0,
    });
    const error = await failure(closed.customers.list());
    expect(error).toBeInstanceOf(TallyConnectionError);
    expect(error).toMatchObject({ code: "CONNECTION_ERROR", requestSent: false });
  });

  it("a timeout → TallyConnectionError (TIMEOUT), which may have been sent", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
    const error = await failure(server.client({ fetch: hanging, timeout: 50, maxNetworkRetries: 0 }).customers.list());
    expect(error).toBeInstanceOf(TallyConnectionError);
    expect(error).toMatchObject({ code: "TIMEOUT", requestSent: true });
  });
});
