// Usage alerts (docs/concepts/alerts.md) through the API: ONE_TIME and EVERY_PERIOD firing exactly once at the
// crossing request (single and batch ingest, and under concurrent requests), cancellations, test-clock time, the
// usageAlertTriggered subscription over server-sent events, validation and isolation.
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { meterEvents } from "./support/meter-events.js";
import { graphql } from "./generated/gql.js";
import type { CreateUsageAlertInput, RecordMeterEventsInput } from "./generated/graphql.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

// The subscription below is sent as a raw server-sent-events request, so its selection stays a string.
const TRIGGER = "id alert { id } customer { id } value triggeredAt";

const CREATE_ALERT = graphql(`
  mutation AlertsCreate($input: CreateUsageAlertInput!) {
    createUsageAlert(input: $input) {
      __typename
      ... on UsageAlert {
        id
        title
        meter {
          id
        }
        customer {
          id
        }
        threshold
        recurrence
        status
        createdAt
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const TRIGGERS = graphql(`
  query AlertsTriggers($alertId: ID, $customerId: ID) {
    alertTriggers(alertId: $alertId, customerId: $customerId) {
      id
      alert {
        id
      }
      customer {
        id
      }
      value
      triggeredAt
    }
  }
`);

const RECORD_MANY = graphql(`
  mutation AlertsRecordMany($input: RecordMeterEventsInput!) {
    recordMeterEvents(input: $input) {
      __typename
      ... on RecordMeterEventsSummary {
        accepted
        duplicates
        rejected {
          index
          code
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

const RECORD = graphql(`
  mutation AlertsRecord($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
    }
  }
`);

const TRIGGERED_EVENTS = graphql(`
  query AlertsTriggeredEvents {
    events(first: 10, type: "billing.alert.triggered") {
      edges {
        node {
          type
          data
        }
      }
    }
  }
`);

const ARCHIVE = graphql(`
  mutation AlertsArchive($id: ID!) {
    archiveUsageAlert(input: { id: $id }) {
      __typename
      ... on UsageAlert {
        id
        status
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const ALERT_IDS = graphql(`
  query AlertsIds {
    usageAlerts(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const VISIBLE = graphql(`
  query AlertsVisible($alertId: ID!, $triggerId: ID!) {
    usageAlerts(first: 100) {
      edges {
        node {
          id
        }
      }
    }
    usageAlert(id: $alertId) {
      id
    }
    node(id: $triggerId) {
      id
    }
    alertTriggers {
      id
    }
    byAlert: alertTriggers(alertId: $alertId) {
      id
    }
  }
`);

const ARCHIVE_TYPENAME = graphql(`
  mutation AlertsArchiveTypename($id: ID!) {
    archiveUsageAlert(input: { id: $id }) {
      __typename
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const TRIGGER_NODE = graphql(`
  query AlertsTriggerNode($id: ID!) {
    node(id: $id) {
      id
      ... on AlertTrigger {
        value
      }
    }
  }
`);

let n = 0;
async function newMeter(aggregation: "SUM" | "COUNT" | "LAST" | "MAX" = "SUM", key?: string) {
  const eventName = `tokens_${(n += 1)}_${Date.now()}`;
  return { id: await billing(app, key).meter(eventName, aggregation), eventName };
}

async function tryCreateAlert(input: Obj, key?: string) {
  const res = await app.request(CREATE_ALERT, { input: input as CreateUsageAlertInput }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.createUsageAlert;
}

async function createAlert(input: Obj, key?: string): Promise<string> {
  const alert = await tryCreateAlert({ title: "Usage alert", recurrence: "ONE_TIME", ...input }, key);
  expect(alert.__typename).toBe("UsageAlert");
  assert(alert.__typename === "UsageAlert");
  return alert.id;
}

async function triggers(filter: { alertId?: string; customerId?: string }, key?: string) {
  const res = await app.request(TRIGGERS, filter, key);
  expect(res.errors).toBeUndefined();
  return res.data!.alertTriggers;
}

async function recordMany(events: Obj[], key?: string) {
  const res = await app.request(RECORD_MANY, { input: { events: events as RecordMeterEventsInput["events"] } }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.recordMeterEvents;
}

/** A customer on a test clock, subscribed monthly to a metered price of a new SUM meter. */
async function subscribed(frozenTime: string) {
  const clock = await b.clock(frozenTime);
  const customer = await b.customer({ testClockId: clock });
  const meter = await newMeter();
  const price = await b.metered(meter.id, { unitAmount: "0.01" });
  await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
  return { clock, customer, meter };
}

describe("ONE_TIME alerts", () => {
  it("fire once, in the request that crosses the threshold, at the customer's (test clock) time", async () => {
    const { clock, customer, meter } = await subscribed("2026-01-10T12:00:00Z");
    const alertId = await createAlert({
      title: "100 tokens",
      meterId: meter.id,
      threshold: "100",
      customerId: customer,
    });
    const record = (value: string) => b.record({ eventName: meter.eventName, customerId: customer, value });

    await record("60");
    expect(await triggers({ alertId })).toEqual([]);
    await record("40.5");
    expect(await triggers({ alertId })).toEqual([
      {
        id: expect.stringMatching(/^atrg_/),
        alert: { id: alertId },
        customer: { id: customer },
        value: "100.5",
        triggeredAt: "2026-01-10T12:00:00.000Z",
      },
    ]);
    await record("10");
    await b.advance(clock, "2026-03-10T00:00:00Z");
    await b.advance(clock, "2026-03-15T00:00:00Z");
    await record("500");
    expect(await triggers({ alertId })).toHaveLength(1);

    const events = (await app.data(TRIGGERED_EVENTS, {})).events.edges;
    expect(events.map((e) => e.node.data).filter((d: Obj) => d.alert.id === alertId)).toEqual([
      {
        id: (await triggers({ alertId }))[0]!.id,
        alert: expect.objectContaining({
          id: alertId,
          title: "100 tokens",
          meterId: meter.id,
          customerId: customer,
          threshold: "100",
          recurrence: "ONE_TIME",
        }),
        customerId: customer,
        value: "100.5",
        triggeredAt: "2026-01-10T12:00:00.000Z",
      },
    ]);
  });

  it("count only usage reported after the alert's creation", async () => {
    const { customer, meter } = await subscribed("2026-01-10T00:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "150" });
    const alertId = await createAlert({ meterId: meter.id, threshold: "100", customerId: customer });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "10" });
    expect(await triggers({ alertId })).toEqual([]);
    await b.record({ eventName: meter.eventName, customerId: customer, value: "90" });
    expect(await triggers({ alertId })).toMatchObject([{ value: "100" }]);
  });

  it("watch every customer separately when no customer is given", async () => {
    const meter = await newMeter();
    const [ann, bob] = [await b.customer({ name: "Ann" }), await b.customer({ name: "Bob" })];
    const alertId = await createAlert({ meterId: meter.id, threshold: "100" });
    await b.record({ eventName: meter.eventName, customerId: ann, value: "60" });
    await b.record({ eventName: meter.eventName, customerId: bob, value: "60" });
    expect(await triggers({ alertId })).toEqual([]);
    await b.record({ eventName: meter.eventName, customerId: ann, value: "50" });
    expect(await triggers({ alertId })).toMatchObject([{ customer: { id: ann }, value: "110" }]);
    await b.record({ eventName: meter.eventName, customerId: bob, value: "40" });
    expect((await triggers({ alertId })).map((t) => t.customer.id).sort()).toEqual([ann, bob].sort());
    expect(await triggers({ alertId, customerId: bob })).toMatchObject([{ customer: { id: bob }, value: "100" }]);
    expect(await triggers({ customerId: bob })).toHaveLength(1);
  });

  it("use the meter's aggregation: LAST follows the latest timestamp, not the latest report", async () => {
    const clock = await b.clock("2026-02-01T12:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const meter = await newMeter("LAST");
    const alertId = await createAlert({ meterId: meter.id, threshold: "50", customerId: customer });
    const record = (value: string, timestamp: string) =>
      b.record({ eventName: meter.eventName, customerId: customer, value, timestamp });
    await record("10", "2026-02-01T11:00:00Z");
    // Larger, but earlier than the last one: the meter's value stays 10.
    await record("60", "2026-02-01T10:00:00Z");
    expect(await triggers({ alertId })).toEqual([]);
    await record("70", "2026-02-01T11:30:00Z");
    expect(await triggers({ alertId })).toMatchObject([{ value: "70" }]);
  });

  it("order a batch's events of equal timestamps by receipt, as LAST does: the later in the list", async () => {
    const clock = await b.clock("2026-02-01T12:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const meter = await newMeter("LAST");
    const alertId = await createAlert({ meterId: meter.id, threshold: "50", customerId: customer });
    const event = (value: string, timestamp: string) => ({
      eventName: meter.eventName,
      customerId: customer,
      value,
      timestamp,
    });
    expect(await recordMany([event("60", "2026-02-01T11:00:00Z"), event("10", "2026-02-01T11:00:00Z")])).toMatchObject({
      accepted: 2,
    });
    expect(await triggers({ alertId })).toEqual([]);
    expect(await recordMany([event("10", "2026-02-01T11:30:00Z"), event("70", "2026-02-01T11:30:00Z")])).toMatchObject({
      accepted: 2,
    });
    expect(await triggers({ alertId })).toMatchObject([{ value: "70" }]);
  });

  it("fire once for a batch that crosses the threshold, with the batch's total", async () => {
    const { customer, meter } = await subscribed("2026-01-10T00:00:00Z");
    const alertId = await createAlert({ meterId: meter.id, threshold: "100", customerId: customer });
    const event = (value: string) => ({ eventName: meter.eventName, customerId: customer, value });
    expect(await recordMany([event("30"), event("30"), event("30"), event("30"), event("30")])).toMatchObject({
      accepted: 5,
    });
    expect(await triggers({ alertId })).toMatchObject([{ value: "150" }]);
    expect(await recordMany([event("30"), event("30")])).toMatchObject({ accepted: 2 });
    expect(await triggers({ alertId })).toHaveLength(1);
  });

  it("do not count a batch's duplicates", async () => {
    const meter = await newMeter();
    const customer = await b.customer();
    const alertId = await createAlert({ meterId: meter.id, threshold: "100", customerId: customer });
    const event = (identifier: string, value: string) => ({
      eventName: meter.eventName,
      customerId: customer,
      value,
      identifier,
    });
    expect(await recordMany([event(`a-${n}`, "60"), event(`a-${n}`, "60")])).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    expect(await recordMany([event(`a-${n}`, "60")])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await triggers({ alertId })).toEqual([]);
  });

  it("stop firing once archived", async () => {
    const meter = await newMeter();
    const customer = await b.customer();
    const alertId = await createAlert({ meterId: meter.id, threshold: "10", customerId: customer });
    const res = await app.data(ARCHIVE, { id: alertId });
    expect(res.archiveUsageAlert).toEqual({ __typename: "UsageAlert", id: alertId, status: "ARCHIVED" });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "50" });
    expect(await triggers({ alertId })).toEqual([]);
  });
});

describe("EVERY_PERIOD alerts", () => {
  it("fire at most once per billing period of the customer's subscription, on the period's usage", async () => {
    const { clock, customer, meter } = await subscribed("2026-01-01T00:00:00Z");
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "80" });
    // Usage of the period before the alert's creation counts.
    const alertId = await createAlert({
      meterId: meter.id,
      threshold: "100",
      customerId: customer,
      recurrence: "EVERY_PERIOD",
    });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "10" });
    expect(await triggers({ alertId })).toEqual([]);
    await b.record({ eventName: meter.eventName, customerId: customer, value: "15" });
    expect(await triggers({ alertId })).toMatchObject([{ value: "105", triggeredAt: "2026-01-05T00:00:00.000Z" }]);
    await b.record({ eventName: meter.eventName, customerId: customer, value: "100" });
    expect(await triggers({ alertId })).toHaveLength(1);

    // February: a new period, a new count.
    await b.advance(clock, "2026-02-03T00:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "99" });
    expect(await triggers({ alertId })).toHaveLength(1);
    await b.record({ eventName: meter.eventName, customerId: customer, value: "1" });
    expect(await triggers({ alertId })).toMatchObject([
      { value: "105" },
      { value: "100", triggeredAt: "2026-02-03T00:00:00.000Z" },
    ]);
  });

  it("use the UTC calendar month for a customer without a subscription to the meter", async () => {
    const clock = await b.clock("2026-01-20T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const meter = await newMeter();
    const alertId = await createAlert({
      meterId: meter.id,
      threshold: "100",
      customerId: customer,
      recurrence: "EVERY_PERIOD",
    });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "100" });
    await b.advance(clock, "2026-01-31T23:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "100" });
    expect(await triggers({ alertId })).toHaveLength(1);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "60" });
    expect(await triggers({ alertId })).toHaveLength(1);
    await b.record({ eventName: meter.eventName, customerId: customer, value: "40" });
    expect((await triggers({ alertId })).map((t) => [t.value, t.triggeredAt])).toEqual([
      ["100", "2026-01-20T00:00:00.000Z"],
      ["100", "2026-02-01T00:00:00.000Z"],
    ]);
  });

  it("count a cancelled event no more, also after the period's usage was counted", async () => {
    const { customer, meter } = await subscribed("2026-01-10T00:00:00Z");
    const alertId = await createAlert({
      meterId: meter.id,
      threshold: "100",
      customerId: customer,
      recurrence: "EVERY_PERIOD",
    });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "60", identifier: `${alertId}-60` });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "30" });
    expect(await meterEvents(app).cancel(meter.eventName, `${alertId}-60`)).toMatchObject({ __typename: "MeterEvent" });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "20" });
    expect(await triggers({ alertId })).toEqual([]);
    await b.record({ eventName: meter.eventName, customerId: customer, value: "50" });
    expect(await triggers({ alertId })).toMatchObject([{ value: "100" }]);
  });

  it("fire once for a crossing batch", async () => {
    const { customer, meter } = await subscribed("2026-01-10T00:00:00Z");
    const alertId = await createAlert({
      meterId: meter.id,
      threshold: "100",
      customerId: customer,
      recurrence: "EVERY_PERIOD",
    });
    const events = Array.from({ length: 10 }, () => ({
      eventName: meter.eventName,
      customerId: customer,
      value: "25",
    }));
    expect(await recordMany(events)).toMatchObject({ accepted: 10 });
    expect(await triggers({ alertId })).toMatchObject([{ value: "250" }]);
  });
});

describe("under concurrent requests", () => {
  for (const recurrence of ["ONE_TIME", "EVERY_PERIOD"] as const) {
    it(`${recurrence}: 20 events crossing at once fire exactly one trigger, at the threshold`, async () => {
      const { customer, meter } = await subscribed("2026-01-10T00:00:00Z");
      const alertId = await createAlert({ meterId: meter.id, threshold: "10", customerId: customer, recurrence });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          app.request(RECORD, {
            input: { eventName: meter.eventName, customerId: customer, value: "1", identifier: `${alertId}-${i}` },
          }),
        ),
      );
      expect(results.map((r) => r.data?.recordMeterEvent.__typename)).toEqual(Array(20).fill("MeterEvent"));
      expect(await triggers({ alertId })).toMatchObject([{ value: "10" }]);
    });
  }

  it("batches crossing at once fire one trigger, with the total after the crossing batch", async () => {
    const { customer, meter } = await subscribed("2026-01-10T00:00:00Z");
    const alertId = await createAlert({ meterId: meter.id, threshold: "10", customerId: customer });
    const batch = (k: number) =>
      Array.from({ length: 3 }, (_, i) => ({
        eventName: meter.eventName,
        customerId: customer,
        value: "1",
        identifier: `${alertId}-${k}-${i}`,
      }));
    const results = await Promise.all(Array.from({ length: 5 }, (_, k) => recordMany(batch(k))));
    expect(results.map((r) => (r.__typename === "RecordMeterEventsSummary" ? r.accepted : r))).toEqual(
      Array(5).fill(3),
    );
    // Totals after each batch: 3, 6, 9, 12: the fourth crosses, whichever it is. 15 would mean the
    // batches were evaluated together.
    expect(await triggers({ alertId })).toMatchObject([{ value: "12" }]);
  });
});

/**
 * A usageAlertTriggered subscription over server-sent events, read continuously as a client does;
 * `next(ms)` resolves to the next message, or null if none comes within `ms`.
 */
async function subscribe(key: string) {
  const response = await app.fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: `subscription { usageAlertTriggered { ${TRIGGER} } }` }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: Obj[] = [];
  let chunks = 0;
  void (async () => {
    let buffer = "";
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      chunks += 1;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = block.split("\n").find((line) => line.startsWith("data:"));
        if (block.startsWith("event: next") && data) messages.push(JSON.parse(data.slice(5)));
      }
    }
  })();
  // The stream's first chunk (a keep-alive comment) means the subscription is listening.
  await waitUntil(() => chunks > 0, 5_000);
  let read = 0;
  return {
    async next(ms = 3_000): Promise<Obj | null> {
      return (await waitUntil(() => messages.length > read, ms)) ? messages[read++]! : null;
    },
    close: () => reader.cancel(),
  };
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe("the usageAlertTriggered subscription", () => {
  it("streams each trigger to its own account and mode only, after the crossing request", async () => {
    const other = await app.createAccount();
    const mine = await subscribe(app.account.testSecretKey);
    const theirs = await subscribe(other.testSecretKey);
    const live = await subscribe(app.account.liveSecretKey);
    try {
      const meter = await newMeter();
      const customer = await b.customer();
      const alertId = await createAlert({ meterId: meter.id, threshold: "5", customerId: customer });
      await b.record({ eventName: meter.eventName, customerId: customer, value: "4" });
      await b.record({ eventName: meter.eventName, customerId: customer, value: "4" });
      const [stored] = await triggers({ alertId });
      expect(await mine.next()).toEqual({
        data: {
          usageAlertTriggered: {
            id: stored!.id,
            alert: { id: alertId },
            customer: { id: customer },
            value: "8",
            triggeredAt: stored!.triggeredAt,
          },
        },
      });
      expect(await mine.next(300)).toBeNull();
      expect(await theirs.next(300)).toBeNull();
      expect(await live.next(300)).toBeNull();
    } finally {
      await Promise.all([mine.close(), theirs.close(), live.close()]);
    }
  });

  it("needs a secret key", async () => {
    const response = await app.fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: "subscription { usageAlertTriggered { id } }" }),
    });
    const text = await response.text();
    expect(text).not.toMatch(/event: next\ndata: \{"data"/);
    expect(text).toMatch(/errors/);
  });
});

describe("createUsageAlert", () => {
  it("returns the alert", async () => {
    const meter = await newMeter();
    const customer = await b.customer();
    expect(
      await tryCreateAlert({
        title: "  Big spender ",
        meterId: meter.id,
        threshold: "1000.50",
        customerId: customer,
        recurrence: "EVERY_PERIOD",
      }),
    ).toEqual({
      __typename: "UsageAlert",
      id: expect.stringMatching(/^alrt_/),
      title: "Big spender",
      meter: { id: meter.id },
      customer: { id: customer },
      threshold: "1000.5",
      recurrence: "EVERY_PERIOD",
      status: "ACTIVE",
      createdAt: expect.any(String),
    });
  });

  it("refuses bad input and unknown or other tenants' meters and customers, storing nothing", async () => {
    const meter = await newMeter();
    const other = await app.createAccount();
    const theirMeter = await newMeter("SUM", other.testSecretKey);
    const liveMeter = await newMeter("SUM", app.account.liveSecretKey);
    const theirCustomer = await billing(app, other.testSecretKey).customer();
    const before = await app.database.prisma.usageAlert.count();
    const base = { title: "Alert", meterId: meter.id, threshold: "10", recurrence: "ONE_TIME" };
    const cases: Array<[Obj, Obj]> = [
      [{ threshold: "0" }, { code: "INVALID_INPUT", field: ["input", "threshold"] }],
      [{ threshold: "-5" }, { code: "INVALID_INPUT", field: ["input", "threshold"] }],
      [{ threshold: "0.0000000000000000000000000000001" }, { code: "INVALID_INPUT", field: ["input", "threshold"] }],
      [{ title: "   " }, { code: "INVALID_INPUT", field: ["input", "title"] }],
      [{ meterId: "mtr_nope" }, { code: "NOT_FOUND", field: ["input", "meterId"] }],
      [{ meterId: theirMeter.id }, { code: "NOT_FOUND", field: ["input", "meterId"] }],
      [{ meterId: liveMeter.id }, { code: "NOT_FOUND", field: ["input", "meterId"] }],
      [{ customerId: theirCustomer }, { code: "NOT_FOUND", field: ["input", "customerId"] }],
    ];
    for (const [change, error] of cases) expect(await tryCreateAlert({ ...base, ...change })).toMatchObject(error);
    expect(await app.database.prisma.usageAlert.count()).toBe(before);
  });
});

describe("isolation", () => {
  it("keeps alerts and triggers to their account and mode", async () => {
    const meter = await newMeter();
    const customer = await b.customer();
    const alertId = await createAlert({ meterId: meter.id, threshold: "1", customerId: customer });
    await b.record({ eventName: meter.eventName, customerId: customer, value: "1" });
    const [trigger] = await triggers({ alertId });
    const mine = await app.data(ALERT_IDS, {});
    expect(mine.usageAlerts.edges.map((e) => e.node.id)).toContain(alertId);

    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const res = await app.data(VISIBLE, { alertId, triggerId: trigger!.id }, key);
      expect(res).toEqual({
        usageAlerts: { edges: [] },
        usageAlert: null,
        node: null,
        alertTriggers: [],
        byAlert: [],
      });
      const archive = await app.data(ARCHIVE_TYPENAME, { id: alertId }, key);
      expect(archive.archiveUsageAlert).toMatchObject({ __typename: "NotFoundError", field: ["input", "id"] });
    }
    const node = await app.data(TRIGGER_NODE, { id: trigger!.id });
    expect(node.node).toEqual({ id: trigger!.id, value: "1" });
  });
});
