// HTTP hygiene (docs/operations/security.md): slow clients are cut off, only JSON bodies execute
// (CSRF), CORS is an allowlist without credentials, every response and log line has a request id,
// and the two body limits hold.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type ServerConfig, serverConfigFromEnv } from "../../src/config.js";
import { startHttpServer } from "../../src/http/server.js";
import { createTallyYoga } from "../../src/http/yoga.js";
import { createTestApp, type TestApp } from "../support/app.js";

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

const CREATE = `mutation { createCustomer(input: { name: "csrf" }) { __typename } }`;
const customers = async () =>
  (await app.gql<{ customers: { edges: unknown[] } }>("{ customers(first: 100) { edges { node { id } } } }")).data!
    .customers.edges.length;
const auth = () => ({ authorization: `Bearer ${app.account.testSecretKey}` });

/** Opens a raw connection, writes `data`, then stays silent; resolves with what came back and when it closed. */
function silentClient(port: number, data: string): Promise<{ closedAfterMs: number; received: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let received = "";
    const socket: Socket = connect(port, "127.0.0.1", () => socket.write(data));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ closedAfterMs: performance.now() - started, received }));
  });
}

describe("timeouts", () => {
  const http = { ...DEFAULT_CONFIG.http, headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 500 };

  it("closes a connection that sends part of its headers and goes silent, within the headers timeout", async () => {
    const server = await startHttpServer(
      { ...app.deps, config: { ...app.deps.config, http } },
      { port: 0, host: "127.0.0.1" },
    );
    try {
      const port = Number(new URL(server.url).port);
      const slow = await silentClient(port, "POST /graphql HTTP/1.1\r\nHost: tally\r\nContent-Type: appl");
      console.info(`slow-header connection closed after ${slow.closedAfterMs.toFixed(0)} ms (headers timeout 1000 ms)`);
      expect(slow.closedAfterMs).toBeGreaterThanOrEqual(900);
      expect(slow.closedAfterMs).toBeLessThan(2_500);
      expect(slow.received).toMatch(/^HTTP\/1\.1 408/);

      // Headers complete, body short of its Content-Length: the request timeout.
      const body = await silentClient(
        port,
        'POST /graphql HTTP/1.1\r\nHost: tally\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":',
      );
      expect(body.closedAfterMs).toBeGreaterThanOrEqual(1_900);
      expect(body.closedAfterMs).toBeLessThan(3_500);

      // An idle keep-alive connection after a complete request: the keep-alive timeout.
      const idle = await silentClient(port, "GET /healthz HTTP/1.1\r\nHost: tally\r\n\r\n");
      expect(idle.received).toMatch(/^HTTP\/1\.1 200/);
      expect(idle.closedAfterMs).toBeLessThan(2_000);
      expect(server.server.headersTimeout).toBe(1_000);
      expect(server.server.requestTimeout).toBe(2_000);
      expect(server.server.keepAliveTimeout).toBe(500);
    } finally {
      await server.stop();
    }
  });

  it("defaults close a slow-header connection within 30 s, and are configurable", () => {
    // Node checks the deadline every second (server.ts): the worst case is the timeout plus one check.
    expect(DEFAULT_CONFIG.http.headersTimeoutMs + 1_000).toBeLessThanOrEqual(30_000);
    const config = serverConfigFromEnv({
      TALLY_HEADERS_TIMEOUT_SECONDS: "5",
      TALLY_REQUEST_TIMEOUT_SECONDS: "30",
      TALLY_KEEP_ALIVE_TIMEOUT_SECONDS: "2",
    });
    expect(config.http).toMatchObject({ headersTimeoutMs: 5_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 2_000 });
    expect(() => serverConfigFromEnv({ TALLY_HEADERS_TIMEOUT_SECONDS: "0" })).toThrow(/positive integer/);
  });
});

describe("CSRF: only JSON bodies execute", () => {
  const formBodies: Array<[string, BodyInit, Record<string, string>]> = [
    [
      "application/x-www-form-urlencoded",
      new URLSearchParams({ query: CREATE }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    ],
    ["text/plain", JSON.stringify({ query: CREATE }), { "content-type": "text/plain" }],
    ["no Content-Type", JSON.stringify({ query: CREATE }), {}],
  ];
  for (const [name, body, headers] of formBodies) {
    it(`refuses a mutation POSTed as ${name}: 415, UNSUPPORTED_MEDIA_TYPE, nothing stored`, async () => {
      const before = await customers();
      const response = await app.fetch("/graphql", { method: "POST", headers: { ...headers, ...auth() }, body });
      expect(response.status).toBe(415);
      const answer = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(answer.errors[0]!.extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(answer.errors[0]!.message).toMatch(
        /^POST bodies must be application\/json or application\/graphql-response\+json/,
      );
      expect(await customers()).toBe(before);
    });
  }

  it("refuses multipart/form-data the same way", async () => {
    const before = await customers();
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: CREATE }));
    const response = await app.fetch("/graphql", { method: "POST", headers: auth(), body: form });
    expect(response.status).toBe(415);
    expect(await customers()).toBe(before);
  });

  for (const type of ["application/json; charset=utf-8", "application/graphql-response+json"]) {
    it(`executes a mutation POSTed as ${type}`, async () => {
      const before = await customers();
      const response = await app.fetch("/graphql", {
        method: "POST",
        headers: { "content-type": type, ...auth() },
        body: JSON.stringify({ query: CREATE }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { createCustomer: { __typename: "Customer" } } });
      expect(await customers()).toBe(before + 1);
    });
  }

  it("never executes a mutation sent by GET", async () => {
    const before = await customers();
    const response = await app.fetch(`/graphql?query=${encodeURIComponent(CREATE)}`, { headers: auth() });
    expect(response.status).toBe(405);
    expect(await customers()).toBe(before);
  });
});

describe("CORS", () => {
  const preflight = (yoga: { fetch: (r: Request) => Promise<Response> | Response }, origin: string) =>
    Promise.resolve(
      yoga.fetch(
        new Request("http://tally.test/graphql", {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type, idempotency-key",
          },
        }),
      ),
    );

  it("is off by default: no origin is allowed to read answers", async () => {
    const yoga = createTallyYoga(app.deps);
    const response = await preflight(yoga, "https://evil.example");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    const post = await app.fetch("/graphql", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json", ...auth() },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows the configured origins only, never with credentials", async () => {
    const config: ServerConfig = {
      ...app.deps.config,
      http: {
        ...app.deps.config.http,
        ...serverConfigFromEnv({ TALLY_CORS_ORIGINS: "https://app.example, http://localhost:5173" }).http,
      },
    };
    expect(config.http.corsOrigins).toEqual(["https://app.example", "http://localhost:5173"]);
    const yoga = createTallyYoga({ ...app.deps, config });
    const allowed = await preflight(yoga, "https://app.example");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-allow-credentials")).not.toBe("true");
    // A browser client may send an idempotency key and read whether its answer was a replay.
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/idempotency-key/);
    expect(allowed.headers.get("access-control-expose-headers")).toMatch(/idempotent-replayed/);
    const other = await preflight(yoga, "https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).not.toBe("https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).not.toBe("*");
    expect(() => serverConfigFromEnv({ TALLY_CORS_ORIGINS: "https://app.example/path" })).toThrow(/TALLY_CORS_ORIGINS/);
  });
});

describe("request ids", () => {
  const post = (headers: Record<string, string> = {}, query = "{ __typename }") =>
    app.fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...auth(), ...headers },
      body: JSON.stringify({ query }),
    });

  it("are on every response: GraphQL, health, refusals", async () => {
    const responses = [
      await post(),
      await post(),
      await app.fetch("/healthz"),
      await app.fetch("/graphql", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }),
      await post({}, `{ ${"__typename ".repeat(DEFAULT_CONFIG.graphql.maxTokens + 1)} }`),
    ];
    const ids = responses.map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^req_[A-Za-z0-9]{20}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keep a caller's plain id and replace anything else", async () => {
    const traced = "4bf92f3577b34da6a3ce929d0e0e4736";
    expect((await post({ "x-request-id": traced })).headers.get("x-request-id")).toBe(traced);
    for (const bad of ["x".repeat(129), "two words", "<script>"]) {
      expect((await post({ "x-request-id": bad })).headers.get("x-request-id")).toMatch(/^req_[A-Za-z0-9]{20}$/);
    }
  });
});

describe("body limits", () => {
  const http = { ...DEFAULT_CONFIG.http, maxBodyBytes: 2_000, maxBatchBodyBytes: 20_000 };
  const limited = () => createTallyYoga({ ...app.deps, config: { ...app.deps.config, http } });
  const send = async (body: string) => {
    const response = await limited().fetch("http://tally.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...auth() },
      body,
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };
  const padded = (query: string, bytes: number) =>
    JSON.stringify({
      query,
      variables: { pad: "x".repeat(Math.max(0, bytes - JSON.stringify({ query, variables: { pad: "" } }).length)) },
    });

  it("refuse a request over the limit with 413, and allow batch ingest the larger one", async () => {
    const over = await send(padded(`query($pad: String!) { __type(name: $pad) { name } }`, 3_000));
    expect(over.status).toBe(413);
    expect(over.body.errors![0].extensions.code).toBe("REQUEST_ENTITY_TOO_LARGE");
    expect(over.body.errors![0].message).toBe("Request body too large: at most 2000 bytes");

    const before = await customers();
    const mutation = padded(`mutation($pad: String!) { createCustomer(input: { name: $pad }) { __typename } }`, 3_000);
    expect((await send(mutation)).status).toBe(413);
    expect(await customers()).toBe(before);

    const events = Array.from({ length: 60 }, (_, i) => ({
      eventName: "nothing",
      identifier: `body-limit-${i}`,
      value: "1",
    }));
    const batch = JSON.stringify({
      query: `mutation($events: [RecordMeterEventInput!]!) { recordMeterEvents(input: { events: $events }) { ... on RecordMeterEventsSummary { accepted rejected { code } } } }`,
      variables: { events },
    });
    expect(batch.length).toBeGreaterThan(2_000);
    const answer = await send(batch);
    expect(answer.status).toBe(200);
    // Executed: each event is refused on its own (no such meter), none for the body's size.
    expect(answer.body.data.recordMeterEvents.accepted).toBe(0);
    expect(answer.body.data.recordMeterEvents.rejected).toHaveLength(60);
    expect((await send(padded(`query($pad: String!) { __type(name: $pad) { name } }`, 25_000))).status).toBe(413);
  });

  it("default to 1 MB and 25 MB, configurable", () => {
    expect(DEFAULT_CONFIG.http).toMatchObject({ maxBodyBytes: 1_000_000, maxBatchBodyBytes: 25_000_000 });
    expect(serverConfigFromEnv({ TALLY_MAX_BODY_BYTES: "500", TALLY_MAX_BATCH_BODY_BYTES: "9000" }).http).toMatchObject(
      { maxBodyBytes: 500, maxBatchBodyBytes: 9_000 },
    );
  });
});
