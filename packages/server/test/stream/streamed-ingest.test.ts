// The streamed ingest on NATS JetStream (docs/concepts/meter-events.md#streamed-ingest,
// docs/operations/scaling.md#streamed-ingest), with consumers in this process on the test
// database: events accepted before they are stored and then counted exactly once, reads fenced on
// the stream, refusals found when storing reported as meter_event.rejected (event log and
// webhooks), and two consumers sharing the partitions. The kill -9 of a consumer process is in
// test/replicas/stream-consumer-kill.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog, type Catalog } from "../support/catalog.js";
import { at, HOUR, meterEvents, T0 } from "../support/meter-events.js";
import type { StreamConsumer } from "../../src/services/meter-events/stream/consume.js";
import { attachStream, type TestStream } from "../support/stream.js";

const RECORD_ASYNC = `mutation ($input: RecordMeterEventsInput!) {
  recordMeterEventsAsync(input: $input) {
    __typename
    ... on RecordMeterEventsAsyncSummary { accepted duplicates rejected { index code message } streamSequence }
    ... on Error { code message }
  }
}`;

const SUMMARIES = `query ($meterId: ID!, $customerId: ID!, $after: String) {
  meterEventSummaries(meterId: $meterId, customerId: $customerId, startTime: "${at(-40 * 24 * HOUR)}", endTime: "${at(24 * HOUR)}", after: $after) {
    aggregatedValue
  }
}`;

let app: TestApp;
let c: Catalog;
let ts: TestStream;
let first: StreamConsumer;

beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
  ts = await attachStream(app, { fenceTimeoutMs: 20_000 });
});
afterAll(async () => {
  await ts.close();
  await app.close();
});

async function recordAsync(events: Array<Record<string, unknown>>, key?: string) {
  const res = await app.gql(RECORD_ASYNC, { input: { events } }, key);
  expect(res.errors).toBeUndefined();
  return res.data.recordMeterEventsAsync;
}

async function usage(meterId: string, customerId: string, after?: string | null, key?: string) {
  const res = await app.gql(SUMMARIES, { meterId, customerId, after }, key);
  return res;
}

const usageOf = async (meterId: string, customerId: string, after?: string | null) => {
  const res = await usage(meterId, customerId, after);
  expect(res.errors).toBeUndefined();
  return res.data.meterEventSummaries[0]?.aggregatedValue ?? "0";
};

const FENCED_READS = `query ($subscriptionId: ID!, $alertId: ID!, $after: String) {
  previewInvoice(subscriptionId: $subscriptionId, after: $after) { total { amount } }
  alertTriggers(alertId: $alertId, after: $after) { value }
}`;

const CREATE_ALERT = `mutation ($input: CreateUsageAlertInput!) {
  createUsageAlert(input: $input) { __typename ... on UsageAlert { id } ... on Error { code message } }
}`;

describe("recordMeterEventsAsync", () => {
  it("accepts events at once, then stores them: a read fenced on the sequence sees them", async () => {
    first = ts.startConsumer();
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const summary = await recordAsync([
      { eventName: meter.eventName, customerId, value: "2", identifier: "a-1", timestamp: at(-HOUR) },
      { eventName: meter.eventName, customerId, value: "3", identifier: "a-2", timestamp: at(-HOUR) },
      { eventName: "no_such_meter", customerId, value: "1", identifier: "a-3" },
    ]);
    expect(summary).toMatchObject({ __typename: "RecordMeterEventsAsyncSummary", accepted: 2, duplicates: 0 });
    expect(summary.rejected).toEqual([{ index: 2, code: "METER_NOT_FOUND", message: expect.any(String) }]);
    expect(summary.streamSequence).toMatch(/^\d+$/);
    expect(await usageOf(meter.id, customerId, summary.streamSequence)).toBe("5");
    // Stored as recordMeterEvents stores them: the rows carry the events as sent.
    const rows = await app.database.prisma.meterEvent.findMany({
      where: { meterId: meter.id },
      orderBy: { identifier: "asc" },
    });
    expect(rows.map((r) => [r.identifier, r.value.toString(), r.timestamp.toISOString()])).toEqual([
      ["a-1", "2", at(-HOUR)],
      ["a-2", "3", at(-HOUR)],
    ]);
  });

  it("fences previews and alert triggers too: an alert crossed by streamed events fires once", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const price = await c.metered(meter.id, { unitAmount: "0.5" });
    const subscription = await c.subscribe({ customerId, items: [{ priceId: price.id }] });
    const alert = (
      await app.gql(CREATE_ALERT, {
        input: { title: "Streamed", meterId: meter.id, customerId, threshold: "10", recurrence: "ONE_TIME" },
      })
    ).data.createUsageAlert;
    expect(alert.__typename).toBe("UsageAlert");
    const send = (from: number, count: number) =>
      recordAsync(
        Array.from({ length: count }, (_, i) => ({
          eventName: meter.eventName,
          customerId,
          value: "1",
          identifier: `fence-${from + i}`,
          timestamp: T0,
        })),
      );
    const reads = async (after: string) => {
      const res = await app.gql(FENCED_READS, { subscriptionId: subscription.id, alertId: alert.id, after });
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const firstSend = await send(0, 30);
    expect(await reads(firstSend.streamSequence)).toEqual({
      previewInvoice: { total: { amount: "15.00" } },
      alertTriggers: [{ value: expect.any(String) }],
    });
    const second = await send(30, 10);
    const after = await reads(second.streamSequence);
    expect(after.previewInvoice.total.amount).toBe("20.00");
    expect(after.alertTriggers).toHaveLength(1);
    expect(Number(after.alertTriggers[0].value)).toBeGreaterThanOrEqual(10);
  });

  it("reads without `after` wait for every event accepted before them", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const events = Array.from({ length: 500 }, (_, i) => ({
      eventName: meter.eventName,
      customerId,
      value: "1",
      identifier: `w-${i}`,
      timestamp: at(-HOUR),
    }));
    await recordAsync(events);
    expect(await usageOf(meter.id, customerId)).toBe("500");
  });

  it("counts each identifier once when the same events are sent many times at once", async () => {
    const meter = await c.freshMeter("SUM");
    const customers = await Promise.all(Array.from({ length: 6 }, () => c.clockCustomer(T0)));
    const events = Array.from({ length: 300 }, (_, i) => ({
      eventName: meter.eventName,
      customerId: customers[i % customers.length]!.customerId,
      value: "1",
      identifier: `dup-${i}`,
      timestamp: at(-HOUR),
    }));
    const sends = await Promise.all(
      Array.from({ length: 3 }, () => [events.slice(0, 150), events.slice(150)])
        .flat()
        .map((chunk) => recordAsync(chunk)),
    );
    expect(sends.reduce((n, s) => n + s.accepted, 0)).toBe(300);
    expect(sends.reduce((n, s) => n + s.duplicates, 0)).toBe(600);
    const sequence = String(Math.max(...sends.map((s) => Number(s.streamSequence))));
    const counted = await Promise.all(customers.map((cu) => usageOf(meter.id, cu.customerId, sequence)));
    expect(counted.reduce((n, v) => n + Number(v), 0)).toBe(300);
    expect(await app.database.prisma.meterEvent.count({ where: { meterId: meter.id } })).toBe(300);
  });

  it("reports refusals found when storing as meter_event.rejected, in the event log and to webhooks", async () => {
    // An app of its own whose consumer starts only once the meter is deactivated.
    const own = await createTestApp();
    const oc = catalog(own);
    const stream = await attachStream(own);
    try {
      const meter = await oc.freshMeter("SUM");
      const gone = await oc.freshMeter("SUM");
      const { customerId } = await oc.clockCustomer(T0);
      const endpoint = await own.gql(
        `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on WebhookEndpointWithSecret { endpoint { id } } } }`,
        { input: { url: "http://127.0.0.1:9/hook", enabledEvents: ["meter_event.rejected"] } },
      );
      const endpointId = endpoint.data.createWebhookEndpoint.endpoint.id;
      // Stored directly first: the stream never saw it, so only storing finds the duplicate (as past JetStream's window).
      await meterEvents(own).record({
        eventName: meter.eventName,
        customerId,
        value: "1",
        identifier: "late-dup",
        timestamp: at(-HOUR),
      });
      const res = await own.gql(RECORD_ASYNC, {
        input: {
          events: [
            { eventName: meter.eventName, customerId, value: "7", identifier: "late-dup", timestamp: at(-HOUR) },
            { eventName: gone.eventName, customerId, value: "1", identifier: "to-inactive", timestamp: at(-HOUR) },
            { eventName: meter.eventName, customerId, value: "2", identifier: "fine", timestamp: at(-HOUR) },
          ],
        },
      });
      const sent = res.data.recordMeterEventsAsync;
      expect(sent.accepted).toBe(3);
      await own.gql(`mutation ($id: ID!) { deactivateMeter(input: { id: $id }) { __typename } }`, { id: gone.id });
      stream.startConsumer();
      const summaries = await own.gql(SUMMARIES, { meterId: meter.id, customerId, after: sent.streamSequence });
      expect(summaries.data.meterEventSummaries[0].aggregatedValue).toBe("3");
      const rejected = await own.database.prisma.event.findMany({
        where: { type: "meter_event.rejected" },
        orderBy: { seq: "asc" },
      });
      const data = rejected.map((e) => e.data as Record<string, any>);
      expect(data.map((d) => [d.identifier, d.error.code])).toEqual([
        ["late-dup", "DUPLICATE_EVENT"],
        ["to-inactive", "METER_INACTIVE"],
      ]);
      expect(data[0]).toMatchObject({
        object: "meter_event",
        eventName: meter.eventName,
        customerId,
        value: "7",
        timestamp: at(-HOUR),
        streamSequence: expect.stringMatching(/^\d+$/),
      });
      expect(await own.database.prisma.meterEvent.count({ where: { meterId: gone.id } })).toBe(0);
      const deliveries = await own.database.prisma.webhookDelivery.count({
        where: { endpointId, eventId: { in: rejected.map((e) => e.id) } },
      });
      expect(deliveries).toBe(2);
    } finally {
      await stream.close();
      await own.close();
    }
  });

  it("fences reads per tenant: another account sees none of these events and does not wait on them", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const sent = await recordAsync([{ eventName: meter.eventName, customerId, value: "4", timestamp: at(-HOUR) }]);
    const other = await app.createAccount();
    const res = await usage(meter.id, customerId, sent.streamSequence, other.testSecretKey);
    expect(res.data?.meterEventSummaries ?? []).toEqual([]);
    expect(await usageOf(meter.id, customerId, sent.streamSequence)).toBe("4");
  });

  it("refuses a malformed sequence", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const res = await usage(meter.id, customerId, "12abc");
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: ["after"] });
  });
});

describe("POST /v1/meter_event_stream", () => {
  it("accepts newline-delimited events, refusing bad lines by their index", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const lines = [
      JSON.stringify({
        eventName: meter.eventName,
        customerId,
        value: "1.5",
        identifier: "nd-1",
        timestamp: at(-HOUR),
      }),
      "{not json",
      JSON.stringify({ eventName: meter.eventName, customerId, value: 2, identifier: "nd-2", timestamp: at(-HOUR) }),
      JSON.stringify({ eventName: meter.eventName, customerId, value: "x", identifier: "nd-3" }),
    ];
    const response = await app.fetch("/v1/meter_event_stream", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${app.account.testSecretKey}` },
      body: `${lines.join("\n")}\n`,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ accepted: 2, duplicates: 0, streamSequence: expect.stringMatching(/^\d+$/) });
    expect(body.rejected.map((r: any) => [r.index, r.code])).toEqual([
      [1, "INVALID_INPUT"],
      [3, "INVALID_VALUE"],
    ]);
    expect(await usageOf(meter.id, customerId, body.streamSequence)).toBe("3.5");
  });

  it("takes a secret key", async () => {
    const response = await app.fetch("/v1/meter_event_stream", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: "{}\n",
    });
    expect(response.status).toBe(401);
  });
});

describe("consumers", () => {
  it("share the partitions between them, and a stopped one's share moves to the other", async () => {
    const second = ts.startConsumer();
    const meter = await c.freshMeter("SUM");
    const customers = await Promise.all(Array.from({ length: 24 }, () => c.clockCustomer(T0)));
    const events = customers.flatMap((cu, n) =>
      Array.from({ length: 25 }, (_, i) => ({
        eventName: meter.eventName,
        customerId: cu.customerId,
        value: "1",
        identifier: `split-${n}-${i}`,
        timestamp: at(-HOUR),
      })),
    );
    let sequence = "0";
    for (let i = 0; i < events.length; i += 200)
      sequence = (await recordAsync(events.slice(i, i + 200))).streamSequence;
    const counted = await Promise.all(customers.map((cu) => usageOf(meter.id, cu.customerId, sequence)));
    expect(counted.reduce((n, v) => n + Number(v), 0)).toBe(600);
    // Within a few heartbeats the two hold disjoint halves of the partitions, together all of them.
    const partitions = async () =>
      (
        await app.database.sql.$queryRaw<Array<{ key: string; leaseOwner: string | null }>>`
          SELECT "accountId" || '.' || "mode" || '.' || "bucket" AS "key", "leaseOwner" FROM "StreamPartition"`
      ).sort((a, b) => a.key.localeCompare(b.key));
    await expect
      .poll(
        async () => {
          const all = await partitions();
          const share = Math.ceil(all.length / 2);
          return (
            [first.held().length, second.held().length].every((n) => n >= share - 1 && n <= share) &&
            [...first.held(), ...second.held()].sort().join() === all.map((p) => p.key).join()
          );
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(new Set((await partitions()).map((p) => p.leaseOwner))).toEqual(new Set([first.id, second.id]));
    await second.stop();
    await expect
      .poll(async () => (await partitions()).every((p) => p.leaseOwner === first.id), { timeout: 15_000 })
      .toBe(true);
    const meterAgain = await c.freshMeter("SUM");
    const again = await recordAsync(
      customers.map((cu, n) => ({
        eventName: meterAgain.eventName,
        customerId: cu.customerId,
        value: "1",
        identifier: `after-${n}`,
        timestamp: at(-HOUR),
      })),
    );
    const countedAgain = await Promise.all(
      customers.map((cu) => usageOf(meterAgain.id, cu.customerId, again.streamSequence)),
    );
    expect(countedAgain.reduce((n, v) => n + Number(v), 0)).toBe(24);
  });

  it("a fenced read fails with STREAM_FENCE_TIMEOUT when nothing stores the events in time", async () => {
    const own = await createTestApp();
    const oc = catalog(own);
    const stream = await attachStream(own, { fenceTimeoutMs: 300 });
    try {
      const meter = await oc.freshMeter("SUM");
      const { customerId } = await oc.clockCustomer(T0);
      const res = await own.gql(RECORD_ASYNC, {
        input: { events: [{ eventName: meter.eventName, customerId, value: "1", timestamp: at(-HOUR) }] },
      });
      const sequence = res.data.recordMeterEventsAsync.streamSequence;
      for (const after of [sequence, null]) {
        const read = await own.gql(SUMMARIES, { meterId: meter.id, customerId, after });
        expect(read.errors?.[0]?.extensions).toMatchObject({ code: "STREAM_FENCE_TIMEOUT", field: ["after"] });
      }
    } finally {
      await stream.close();
      await own.close();
    }
  });
});
