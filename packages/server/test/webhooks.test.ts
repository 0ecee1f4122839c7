// Webhook endpoints and deliveries (docs/concepts/webhooks.md) through the API, with a real HTTP receiver on the
// loopback interface: signatures, retries with backoff on the injectable clock, surviving a
// restart, disabled endpoints, event type filters, validation and isolation.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/context.js";
import { openDatabase } from "../src/db/client.js";
import { dispatchWebhooks, startWebhookDispatcher } from "../src/services/webhooks/dispatcher.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { onPostgres } from "./support/database.js";
import { graphql } from "./generated/gql.js";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "./generated/graphql.js";

let app: TestApp;
let b: Billing;
const receivers: Receiver[] = [];
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await app.close();
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1; `respond(n)` is the HTTP status of the n-th request (1-based). */
async function receiver(respond: (n: number) => number = () => 200): Promise<Receiver> {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      requests.push({ headers: req.headers, body });
      res.statusCode = respond(requests.length);
      res.end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const r: Receiver = {
    url: `http://127.0.0.1:${port}/tally/webhooks`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(r);
  return r;
}

graphql(`
  fragment WebhooksEndpoint on WebhookEndpoint {
    id
    url
    description
    enabledEvents
    status
    createdAt
  }
`);

const CREATE_ENDPOINT = graphql(`
  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on WebhookEndpointWithSecret {
        secret
        endpoint {
          ...WebhooksEndpoint
        }
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const UPDATE_ENDPOINT = graphql(`
  mutation WebhooksUpdateEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      __typename
      ...WebhooksEndpoint
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const DELETE_ENDPOINT = graphql(`
  mutation WebhooksDeleteEndpoint($id: ID!) {
    deleteWebhookEndpoint(input: { id: $id }) {
      __typename
      ... on DeletedWebhookEndpoint {
        id
        deleted
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const DELIVERIES = graphql(`
  query WebhooksDeliveries($id: ID!) {
    webhookDeliveries(endpointId: $id, first: 100) {
      edges {
        node {
          id
          status
          attempts
          nextAttemptAt
          lastAttemptAt
          lastResponseStatus
          lastError
          deliveredAt
          event {
            id
            type
          }
        }
      }
    }
  }
`);

const ENDPOINTS = graphql(`
  query WebhooksEndpoints {
    webhookEndpoints(first: 100) {
      edges {
        node {
          ...WebhooksEndpoint
        }
      }
    }
  }
`);

const DELETED = graphql(`
  query WebhooksDeleted($id: ID!) {
    webhookEndpoint(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    webhookEndpoints(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const LAST_METER_CREATED = graphql(`
  query WebhooksLastMeterCreated {
    events(first: 1, type: "billing.meter.created") {
      edges {
        node {
          id
          type
          data
          createdAt
        }
      }
    }
  }
`);

const CREATE_ALERT = graphql(`
  mutation WebhooksCreateAlert($input: CreateUsageAlertInput!) {
    createUsageAlert(input: $input) {
      __typename
      ... on UsageAlert {
        id
      }
    }
  }
`);

const RECORD_MANY = graphql(`
  mutation WebhooksRecordMany($input: RecordMeterEventsInput!) {
    recordMeterEvents(input: $input) {
      ... on RecordMeterEventsSummary {
        accepted
      }
    }
  }
`);

const VISIBLE = graphql(`
  query WebhooksVisible($id: ID!) {
    webhookEndpoint(id: $id) {
      id
    }
    webhookEndpoints(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

async function tryCreateEndpoint(input: Obj, key?: string) {
  const res = await app.request(CREATE_ENDPOINT, { input: input as CreateWebhookEndpointInput }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.createWebhookEndpoint;
}

async function createEndpoint(
  url: string,
  enabledEvents: string[],
  key?: string,
): Promise<{ id: string; secret: string }> {
  const created = await tryCreateEndpoint({ url, enabledEvents }, key);
  expect(created.__typename).toBe("WebhookEndpointWithSecret");
  assert(created.__typename === "WebhookEndpointWithSecret");
  return { id: created.endpoint.id, secret: created.secret };
}

async function updateEndpoint(input: Obj, key?: string): Promise<Obj> {
  const res = await app.request(UPDATE_ENDPOINT, { input: input as UpdateWebhookEndpointInput }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.updateWebhookEndpoint;
}

/** Endpoints of tests that never receive anything are deleted, so the dispatcher does not try them. */
async function deleteEndpoint(id: string, key?: string): Promise<Obj> {
  const res = await app.request(DELETE_ENDPOINT, { id }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.deleteWebhookEndpoint;
}

async function deliveries(endpointId: string, key?: string): Promise<Obj[]> {
  const res = await app.request(DELIVERIES, { id: endpointId }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.webhookDeliveries.edges.map((e) => e.node);
}

let n = 0;
const eventName = () => `hooks_${(n += 1)}_${Date.now()}`;
const dispatch = () => dispatchWebhooks(app.deps);
const advance = (ms: number) => app.clock.set(new Date(app.clock.now().getTime() + ms));
const MINUTE = 60_000;

/** The v1 signature of a delivery, recomputed as a receiver would: HMAC-SHA256 of "<t>.<body>" under the secret. */
function expectedSignature(secret: string, t: string, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

function parseSignature(header: string | string[] | undefined): { t: string; v1: string } {
  const parts = Object.fromEntries(
    String(header)
      .split(",")
      .map((p) => p.split("=") as [string, string]),
  );
  return { t: parts.t!, v1: parts.v1! };
}

describe("webhook endpoints", () => {
  it("returns a whsec_ secret once, at creation; lists endpoints without it", async () => {
    const created = await tryCreateEndpoint({
      url: "https://example.com/hooks",
      enabledEvents: ["invoice.finalized"],
      description: "Accounting",
    });
    expect(created).toMatchObject({
      __typename: "WebhookEndpointWithSecret",
      secret: expect.stringMatching(/^whsec_[0-9A-Za-z]{32}$/),
      endpoint: {
        id: expect.stringMatching(/^we_/),
        url: "https://example.com/hooks",
        description: "Accounting",
        enabledEvents: ["invoice.finalized"],
        status: "ENABLED",
      },
    });
    assert(created.__typename === "WebhookEndpointWithSecret");
    const list = await app.data(ENDPOINTS, {});
    expect(list.webhookEndpoints.edges.map((e) => e.node)).toContainEqual(created.endpoint);
    // The secret is not a field of the endpoint: it cannot be read again.
    // Hand-written on purpose: the field does not exist, and the test checks the validation error.
    const again = await app.gql(`query($id: ID!) { webhookEndpoint(id: $id) { id secret } }`, {
      id: created.endpoint.id,
    });
    expect(again.errors?.[0]?.message).toMatch(/Cannot query field "secret"/);
    await deleteEndpoint(created.endpoint.id);
  });

  it("validates the URL and the event types, storing nothing when they are bad", async () => {
    const before = await app.database.prisma.webhookEndpoint.count();
    const cases: Array<[Obj, string[]]> = [
      [{ url: "ftp://example.com/hooks", enabledEvents: ["*"] }, ["input", "url"]],
      [{ url: "not a url", enabledEvents: ["*"] }, ["input", "url"]],
      [{ url: "https://user:pw@example.com/", enabledEvents: ["*"] }, ["input", "url"]],
      [{ url: "https://example.com/", enabledEvents: [] }, ["input", "enabledEvents"]],
      [
        { url: "https://example.com/", enabledEvents: ["invoice.created", "invoice.eaten"] },
        ["input", "enabledEvents", "1"],
      ],
    ];
    for (const [input, field] of cases) {
      expect(await tryCreateEndpoint(input)).toMatchObject({
        __typename: "InvalidInputError",
        code: "INVALID_INPUT",
        field,
      });
    }
    expect(await app.database.prisma.webhookEndpoint.count()).toBe(before);
    const { id } = await createEndpoint("https://example.com/x", ["*"]);
    expect(await updateEndpoint({ id, url: "javascript:alert(1)" })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "url"],
    });
    expect(await updateEndpoint({ id, enabledEvents: ["nope"] })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "enabledEvents", "0"],
    });
    await deleteEndpoint(id);
  });

  it("updates, disables and deletes; a deleted endpoint is gone", async () => {
    const { id } = await createEndpoint("https://example.com/a", ["invoice.created"]);
    expect(
      await updateEndpoint({
        id,
        url: "https://example.com/b",
        enabledEvents: ["invoice.created", "invoice.created", "customer.created"],
        disabled: true,
      }),
    ).toMatchObject({
      url: "https://example.com/b",
      enabledEvents: ["invoice.created", "customer.created"],
      status: "DISABLED",
    });
    expect(await updateEndpoint({ id, disabled: false })).toMatchObject({
      status: "ENABLED",
      url: "https://example.com/b",
    });
    expect(await deleteEndpoint(id)).toEqual({ __typename: "DeletedWebhookEndpoint", id, deleted: true });
    const after = await app.data(DELETED, { id });
    expect(after.webhookEndpoint).toBeNull();
    expect(after.node).toBeNull();
    expect(after.webhookEndpoints.edges.map((e) => e.node.id)).not.toContain(id);
    expect(await updateEndpoint({ id, disabled: true })).toMatchObject({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
    expect(await deleteEndpoint(id)).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
  });
});

describe("deliveries", () => {
  it("POSTs the event signed with the endpoint's secret; the signature fails for another body", async () => {
    const r = await receiver();
    const { id, secret } = await createEndpoint(r.url, ["billing.meter.created"]);
    const meter = await b.meter(eventName());
    const report = await dispatch();
    expect(report.delivered).toBeGreaterThanOrEqual(1);

    expect(r.requests).toHaveLength(1);
    const [request] = r.requests;
    expect(request!.headers["content-type"]).toBe("application/json");
    const event = JSON.parse(request!.body);
    const [logged] = (await app.data(LAST_METER_CREATED, {})).events.edges;
    expect(event).toEqual({
      id: logged!.node.id,
      type: "billing.meter.created",
      created: Math.floor(Date.parse(logged!.node.createdAt) / 1000),
      data: logged!.node.data,
      livemode: false,
    });
    expect(event.data.id).toBe(meter);

    const { t, v1 } = parseSignature(request!.headers["tally-signature"]);
    expect(Number(t)).toBe(Math.floor(app.clock.now().getTime() / 1000));
    expect(v1).toBe(expectedSignature(secret, t, request!.body));
    expect(v1).not.toBe(
      expectedSignature(secret, t, request!.body.replace("billing.meter.created", "billing.meter.deleted")),
    );
    expect(v1).not.toBe(expectedSignature(secret.slice(0, -1) + (secret.endsWith("x") ? "y" : "x"), t, request!.body));

    expect(await deliveries(id)).toEqual([
      expect.objectContaining({
        status: "DELIVERED",
        attempts: 1,
        lastResponseStatus: 200,
        lastError: null,
        nextAttemptAt: null,
        event: { id: event.id, type: event.type },
      }),
    ]);
    // Delivered means done: nothing more is sent.
    await dispatch();
    expect(r.requests).toHaveLength(1);
  });

  it("retries a failing endpoint with exponential backoff, records every attempt and stops at the first 2xx", async () => {
    const r = await receiver((k) => (k <= 2 ? 500 : 204));
    const { id } = await createEndpoint(r.url, ["customer.created"]);
    await b.customer({ name: "Retry Ltd" });

    await dispatch();
    expect(r.requests).toHaveLength(1);
    let [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 1, lastResponseStatus: 500, lastError: "HTTP 500" });
    const firstWait = Date.parse(delivery!.nextAttemptAt) - Date.parse(delivery!.lastAttemptAt);
    expect(firstWait).toBeGreaterThanOrEqual(MINUTE);
    expect(firstWait).toBeLessThanOrEqual(1.25 * MINUTE);

    // Not due yet: nothing is sent.
    await dispatch();
    expect(r.requests).toHaveLength(1);

    advance(1.25 * MINUTE);
    await dispatch();
    expect(r.requests).toHaveLength(2);
    [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 2, lastResponseStatus: 500 });
    const secondWait = Date.parse(delivery!.nextAttemptAt) - Date.parse(delivery!.lastAttemptAt);
    expect(secondWait).toBeGreaterThanOrEqual(2 * MINUTE);
    expect(secondWait).toBeLessThanOrEqual(2.5 * MINUTE);

    advance(MINUTE);
    await dispatch();
    expect(r.requests).toHaveLength(2);
    advance(1.5 * MINUTE);
    await dispatch();
    expect(r.requests).toHaveLength(3);
    [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({
      status: "DELIVERED",
      attempts: 3,
      lastResponseStatus: 204,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(delivery!.deliveredAt).toBe(app.clock.now().toISOString());
    // The same event each time, each time signed afresh.
    expect(new Set(r.requests.map((q) => JSON.parse(q.body).id)).size).toBe(1);
    expect(new Set(r.requests.map((q) => parseSignature(q.headers["tally-signature"]).t)).size).toBe(3);

    advance(60 * MINUTE);
    await dispatch();
    expect(r.requests).toHaveLength(3);
  });

  it("records network errors as attempts too", async () => {
    const r = await receiver();
    const url = r.url;
    await r.close();
    const { id } = await createEndpoint(url, ["customer.created"]);
    await b.customer({ name: "Nobody home" });
    await dispatch();
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastResponseStatus: null,
      lastError: expect.stringMatching(/fetch failed|ECONNREFUSED/),
    });
    await updateEndpoint({ id, disabled: true });
  });

  it("delivers what was pending before a restart, from a new dispatcher on the same database", async () => {
    const r = await receiver((k) => (k === 1 ? 503 : 200));
    const { id } = await createEndpoint(r.url, ["billing.meter.created"]);
    await b.meter(eventName());

    const first = startWebhookDispatcher(app.deps, { intervalMs: 20 });
    await waitFor(() => r.requests.length === 1);
    await first.stop();
    expect(await deliveries(id)).toMatchObject([{ status: "PENDING", attempts: 1, lastResponseStatus: 503 }]);

    // A new process: its own connection pool on PostgreSQL, its own dispatcher; the state is all in the database.
    const database = onPostgres ? await openDatabase(app.database.config) : app.database;
    const restarted: AppDeps = { ...app.deps, database };
    try {
      advance(2 * MINUTE);
      const second = startWebhookDispatcher(restarted, { intervalMs: 20 });
      await waitFor(() => r.requests.length === 2);
      await second.stop();
    } finally {
      if (database !== app.database) await database.close();
    }
    expect(await deliveries(id)).toMatchObject([{ status: "DELIVERED", attempts: 2, lastResponseStatus: 200 }]);
    expect(JSON.parse(r.requests[1]!.body).id).toBe(JSON.parse(r.requests[0]!.body).id);
  });

  it("delivers each event once even with two dispatchers at work", async () => {
    const r = await receiver();
    await createEndpoint(r.url, ["customer.created"]);
    for (let i = 0; i < 10; i += 1) await b.customer({ name: `Parallel ${i}` });
    const database = onPostgres ? await openDatabase(app.database.config) : app.database;
    try {
      await Promise.all([dispatch(), dispatchWebhooks({ ...app.deps, database }), dispatch()]);
    } finally {
      if (database !== app.database) await database.close();
    }
    const ids = r.requests.map((q) => JSON.parse(q.body).id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });

  it("sends only the enabled event types; '*' gets them all; a disabled endpoint gets nothing", async () => {
    const customers = await receiver();
    const everything = await receiver();
    const disabled = await receiver();
    await createEndpoint(customers.url, ["customer.created"]);
    await createEndpoint(everything.url, ["*"]);
    const off = await createEndpoint(disabled.url, ["*"]);
    await updateEndpoint({ id: off.id, disabled: true });

    const customer = await b.customer({ name: "Filter Inc" });
    const meter = await b.meter(eventName());
    await dispatch();

    const typesOf = (r: Receiver) =>
      r.requests.map((q) => `${JSON.parse(q.body).type} ${JSON.parse(q.body).data.id}`).sort();
    expect(typesOf(customers)).toEqual([`customer.created ${customer}`]);
    expect(typesOf(everything)).toEqual([`billing.meter.created ${meter}`, `customer.created ${customer}`]);
    expect(disabled.requests).toEqual([]);
    expect(await deliveries(off.id)).toEqual([]);
  });

  it("delivers the alert triggers of a batch to every endpoint subscribed, one delivery per trigger", async () => {
    const name = eventName();
    const meter = await b.meter(name);
    const customers = [await b.customer({ name: "Ann" }), await b.customer({ name: "Bob" })];
    const alert = await app.data(CREATE_ALERT, {
      input: { title: "Ten", meterId: meter, threshold: "10", recurrence: "ONE_TIME" },
    });
    assert(alert.createUsageAlert.__typename === "UsageAlert");
    const alertId = alert.createUsageAlert.id;
    const [alerts, everything, other] = [await receiver(), await receiver(), await receiver()];
    await createEndpoint(alerts.url, ["billing.alert.triggered"]);
    await createEndpoint(everything.url, ["*"]);
    const unrelated = await createEndpoint(other.url, ["invoice.created"]);

    const recorded = await app.data(RECORD_MANY, {
      input: { events: customers.map((customerId) => ({ eventName: name, customerId, value: "10" })) },
    });
    expect(recorded.recordMeterEvents).toEqual({ accepted: 2 });
    await dispatch();

    const triggered = (r: Receiver) =>
      r.requests
        .map((q) => JSON.parse(q.body))
        .map((e: Obj) => `${e.type} ${e.data.alert.id} ${e.data.customerId} ${e.data.value}`)
        .sort();
    const expected = customers.map((customerId) => `billing.alert.triggered ${alertId} ${customerId} 10`).sort();
    expect(triggered(alerts)).toEqual(expected);
    expect(triggered(everything)).toEqual(expected);
    expect(other.requests).toEqual([]);
    await deleteEndpoint(unrelated.id);
  });

  it("gives up a pending delivery when its endpoint is disabled", async () => {
    const r = await receiver();
    const { id } = await createEndpoint(r.url, ["customer.created"]);
    await b.customer({ name: "Too late" });
    await updateEndpoint({ id, disabled: true });
    await dispatch();
    expect(r.requests).toEqual([]);
    expect(await deliveries(id)).toMatchObject([
      { status: "FAILED", attempts: 0, lastError: "The endpoint was disabled before delivery" },
    ]);
  });

  it("keeps retrying for three days, then gives up", async () => {
    const r = await receiver(() => 500);
    const { id } = await createEndpoint(r.url, ["customer.created"]);
    await b.customer({ name: "Always down" });
    const start = app.clock.now().getTime();
    try {
      await dispatch();
      for (let hours = 0; hours < 80; hours += 1) {
        advance(60 * MINUTE);
        await dispatch();
      }
      const [delivery] = await deliveries(id);
      expect(delivery).toMatchObject({ status: "FAILED", lastResponseStatus: 500, nextAttemptAt: null });
      expect(Date.parse(delivery!.lastAttemptAt) - start).toBeGreaterThanOrEqual(3 * 24 * 60 * MINUTE);
      // 1, 2, 4 … 256 minutes (≈ 8.5 h), then every 6–7.5 h until three days have passed.
      expect(delivery!.attempts).toBe(r.requests.length);
      expect(delivery!.attempts).toBeGreaterThanOrEqual(17);
      expect(delivery!.attempts).toBeLessThanOrEqual(22);
    } finally {
      app.clock.set(new Date());
    }
  });
});

describe("isolation", () => {
  it("keeps endpoints and deliveries to their account and mode", async () => {
    const mine = await receiver();
    const { id } = await createEndpoint(mine.url, ["customer.created"]);
    const other = await app.createAccount();
    const live = app.account.liveSecretKey;

    for (const key of [other.testSecretKey, live]) {
      const res = await app.data(VISIBLE, { id }, key);
      expect(res).toEqual({ webhookEndpoint: null, webhookEndpoints: { edges: [] } });
      expect(await deliveries(id, key)).toEqual([]);
      expect(await updateEndpoint({ id, disabled: true }, key)).toMatchObject({ code: "NOT_FOUND" });
      expect(await deleteEndpoint(id, key)).toMatchObject({ code: "NOT_FOUND" });
    }
    // Events of the other account and of live mode are not sent to this endpoint.
    await billing(app, other.testSecretKey).customer({ name: "Other's customer" });
    await billing(app, live).customer({ name: "Live customer" });
    await dispatch();
    expect(mine.requests).toEqual([]);

    const theirs = await receiver();
    await createEndpoint(theirs.url, ["customer.created"], live);
    const liveCustomer = await billing(app, live).customer({ name: "Live again" });
    await dispatch();
    expect(theirs.requests.map((q) => JSON.parse(q.body))).toEqual([
      expect.objectContaining({ livemode: true, data: expect.objectContaining({ id: liveCustomer }) }),
    ]);
    expect(mine.requests).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
