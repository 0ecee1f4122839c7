// Three `tally serve` replicas on one PostgreSQL database, sharing Redis (docs/operations/scaling.md):
// subscriptions hear events recorded on any replica, a revoked key is refused everywhere within 1 s,
// three schedulers invoice each period once and deliver each webhook once, duplicates spread over
// the replicas count once, a kill -9 mid-ingest loses and doubles nothing. The third replica's
// process clock is 2 hours ahead: it still stamps events and closes periods by the database's clock.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  data,
  eventually,
  gql,
  migrate,
  newAccount,
  REDIS_URL,
  type Replica,
  type ScratchDatabase,
  scratchDatabase,
  sleep,
  startReplica,
  subscribe,
} from "./support/replicas.js";

const SKEW_MS = 2 * 3600_000;
let db: ScratchDatabase;
let replicas: Replica[];
let urls: string[];
let key: string;
let accountId: string;

async function databaseNow(): Promise<Date> {
  return (await db.sql.query<{ now: Date }>("SELECT now() AS now")).rows[0]!.now;
}

beforeAll(async () => {
  db = await scratchDatabase();
  await migrate(db.url);
  replicas = await Promise.all([
    startReplica(db.url, { TALLY_BILLING_INTERVAL_SECONDS: "1", TALLY_WEBHOOK_ALLOW_PRIVATE: "true" }),
    startReplica(db.url, { TALLY_BILLING_INTERVAL_SECONDS: "1", TALLY_WEBHOOK_ALLOW_PRIVATE: "true" }),
    startReplica(db.url, {
      TALLY_BILLING_INTERVAL_SECONDS: "1",
      TALLY_WEBHOOK_ALLOW_PRIVATE: "true",
      TALLY_TEST_CLOCK_SKEW_MS: String(SKEW_MS),
    }),
  ]);
  urls = replicas.map((r) => r.url);
  ({ accountId, key } = await newAccount(urls[0]!, "Replicas"));
}, 180_000);

afterAll(async () => {
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await db?.drop();
});

async function createMeter(url: string, eventName: string): Promise<string> {
  const { createMeter } = await data(
    url,
    key,
    `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { ... on Meter { id } ... on Error { message } } }`,
    { input: { displayName: eventName, eventName, aggregation: "SUM" } },
  );
  return createMeter.id;
}

async function createCustomer(url: string): Promise<string> {
  const { createCustomer } = await data(
    url,
    key,
    `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { ... on Customer { id } ... on Error { message } } }`,
    { input: { name: "Replica customer" } },
  );
  return createCustomer.id;
}

const RECORD_MANY = `mutation ($input: RecordMeterEventsInput!) {
  recordMeterEvents(input: $input) {
    ... on RecordMeterEventsSummary { accepted duplicates rejected { index code message } }
    ... on Error { code message }
  }
}`;

async function counted(eventName: string): Promise<{ count: number; sum: number }> {
  const { rows } = await db.sql.query<{ count: string; sum: string | null }>(
    `SELECT count(*) AS count, sum("value")::text AS sum FROM "MeterEvent" e JOIN "Meter" m ON m."id" = e."meterId"
     WHERE e."accountId" = $1 AND m."eventName" = $2`,
    [accountId, eventName],
  );
  return { count: Number(rows[0]!.count), sum: Number(rows[0]!.sum ?? 0) };
}

describe("three replicas", () => {
  it("a usageAlertTriggered subscription on every replica hears a crossing recorded on another", async () => {
    const meterId = await createMeter(urls[0]!, "replica_alerts");
    const customerId = await createCustomer(urls[1]!);
    await data(
      urls[2]!,
      key,
      `mutation ($input: CreateUsageAlertInput!) { createUsageAlert(input: $input) { ... on UsageAlert { id } ... on Error { message } } }`,
      { input: { meterId, recurrence: "ONE_TIME", threshold: "10", title: "ten" } },
    );
    const streams = await Promise.all(
      urls.map((url) => subscribe(url, key, "subscription { usageAlertTriggered { id value customer { id } } }")),
    );
    try {
      // Each replica subscribes to the tenant's Redis channel once its stream is open.
      const redis = new Redis(REDIS_URL);
      try {
        await eventually(
          async () => {
            const [, subscribers] = (await redis.pubsub("NUMSUB", `usageAlertTriggered:${accountId}:test`)) as [
              string,
              number,
            ];
            return subscribers === 3;
          },
          20_000,
          "three replicas subscribed",
        );
      } finally {
        redis.disconnect();
      }
      const heard = Promise.all(streams.map((s) => s.next()));
      const recorded = await data(urls[0]!, key, RECORD_MANY, {
        input: { events: [{ eventName: "replica_alerts", customerId, value: "12", identifier: "crossing" }] },
      });
      expect(recorded.recordMeterEvents.accepted).toBe(1);
      const messages = await heard;
      expect(messages.map((m) => m.usageAlertTriggered.customer.id)).toEqual([customerId, customerId, customerId]);
      expect(new Set(messages.map((m) => m.usageAlertTriggered.id)).size).toBe(1);
      expect(messages[0].usageAlertTriggered.value).toBe("12");
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it("a revoked key is refused by every replica within 1 s, although each had it cached", async () => {
    const { createApiKey } = await data(
      urls[0]!,
      key,
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreatedApiKey { secret apiKey { id } } } }`,
      { input: { name: "short-lived", mode: "TEST" } },
    );
    const ping = (url: string) => gql(url, createApiKey.secret, "{ testClocks(first: 1) { edges { node { id } } } }");
    expect((await Promise.all(urls.map(ping))).map((r) => r.status)).toEqual([200, 200, 200]);
    await data(urls[1]!, key, `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { ... on ApiKey { id } } }`, {
      id: createApiKey.apiKey.id,
    });
    await sleep(1_000);
    expect((await Promise.all(urls.map(ping))).map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it("duplicates sent to all three replicas at once are counted once", async () => {
    await createMeter(urls[0]!, "replica_dupes");
    const customerId = await createCustomer(urls[0]!);
    const events = Array.from({ length: 300 }, (_, i) => ({
      eventName: "replica_dupes",
      customerId,
      value: String((i % 7) + 1),
      identifier: `dupe-${i}`,
    }));
    const expectedSum = events.reduce((sum, e) => sum + Number(e.value), 0);
    // Each replica gets every event, in batches of 50, in its own order.
    const sends = urls.flatMap((url, r) => {
      const order =
        r === 1 ? [...events].reverse() : r === 2 ? [...events.slice(150), ...events.slice(0, 150)] : events;
      return Array.from({ length: 6 }, (_, b) =>
        data(url, key, RECORD_MANY, { input: { events: order.slice(b * 50, b * 50 + 50) } }),
      );
    });
    const results = (await Promise.all(sends)).map((d) => d.recordMeterEvents);
    expect(results.flatMap((r) => r.rejected)).toEqual([]);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(300);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(600);
    expect(await counted("replica_dupes")).toEqual({ count: 300, sum: expectedSum });
  });

  it("the skewed replica stamps events by the database's clock", async () => {
    await createMeter(urls[0]!, "replica_clock");
    const customerId = await createCustomer(urls[0]!);
    const { recordMeterEvent } = await data(
      urls[2]!,
      key,
      `mutation ($input: RecordMeterEventInput!) {
        recordMeterEvent(input: $input) { ... on MeterEvent { timestamp createdAt } ... on Error { code message } }
      }`,
      { input: { eventName: "replica_clock", customerId, value: "1" } },
    );
    const now = (await databaseNow()).getTime();
    // Its own clock would say two hours from now.
    expect(Math.abs(new Date(recordMeterEvent.timestamp).getTime() - now)).toBeLessThan(60_000);
    expect(Math.abs(new Date(recordMeterEvent.createdAt).getTime() - now)).toBeLessThan(60_000);
  });

  it("three schedulers invoice each ended period once, deliver each webhook once, and close no period early", async () => {
    const deliveries: string[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => void (body += chunk.toString()));
      req.on("end", () => {
        deliveries.push((JSON.parse(body) as { id: string }).id);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = await data(
        urls[0]!,
        key,
        `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on WebhookEndpointWithSecret { secret } ... on Error { message } } }`,
        {
          input: {
            url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
            enabledEvents: ["invoice.created", "invoice.finalized"],
          },
        },
      );
      expect(endpoint.createWebhookEndpoint.secret).toMatch(/^whsec_/);
      const meterId = await createMeter(urls[0]!, "replica_billing");
      const { createProduct } = await data(
        urls[0]!,
        key,
        `mutation { createProduct(input: { name: "Compute" }) { ... on Product { id } } }`,
      );
      const { createPrice } = await data(
        urls[0]!,
        key,
        `mutation ($input: CreatePriceInput!) { createPrice(input: $input) { ... on Price { id } ... on Error { message } } }`,
        {
          input: {
            productId: createProduct.id,
            currency: "usd",
            unitAmount: "0.5",
            recurring: { interval: "DAY", usageType: "METERED", meterId },
          },
        },
      );
      const dayMs = 24 * 3600_000;
      const now = (await databaseNow()).getTime();
      const subscribe = async (periodEndsInMs: number) => {
        const customerId = await createCustomer(urls[0]!);
        const { createSubscription } = await data(
          urls[1]!,
          key,
          `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { ... on Subscription { id } ... on Error { code message } } }`,
          {
            input: {
              customerId,
              items: [{ priceId: createPrice.id }],
              startDate: new Date(now - dayMs + periodEndsInMs).toISOString(),
            },
          },
        );
        expect(createSubscription.id).toBeDefined();
        return createSubscription.id as string;
      };
      const ending = await Promise.all([8_000, 8_000, 9_000, 9_000, 10_000].map(subscribe));
      // The skewed replica's own clock has passed this period's end; the database's has not.
      const notYet = await subscribe(3600_000);

      const cycleInvoices = async (subscriptionId: string) =>
        (
          await data(
            urls[0]!,
            key,
            `query ($id: ID!) { invoices(subscriptionId: $id, first: 20) { edges { node { id billingReason } } } }`,
            { id: subscriptionId },
          )
        ).invoices.edges.filter((e: any) => e.node.billingReason === "SUBSCRIPTION_CYCLE").length;
      await eventually(
        async () => (await Promise.all(ending.map(cycleInvoices))).every((n) => n >= 1),
        45_000,
        "every ended period invoiced",
      );
      await sleep(3_000); // three more scheduler rounds on each replica
      expect(await Promise.all(ending.map(cycleInvoices))).toEqual([1, 1, 1, 1, 1]);
      expect(await cycleInvoices(notYet)).toBe(0);

      const { rows } = await db.sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM "Event" WHERE "accountId" = $1 AND "type" = ANY($2)`,
        [accountId, ["invoice.created", "invoice.finalized"]],
      );
      const expected = Number(rows[0]!.n);
      expect(expected).toBeGreaterThanOrEqual(ending.length);
      await eventually(async () => deliveries.length >= expected, 30_000, "every event delivered");
      await sleep(3_000); // a dispatcher round on each replica
      expect(deliveries.length).toBe(expected);
      expect(new Set(deliveries).size).toBe(expected);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("a replica killed with SIGKILL mid-ingest loses and doubles nothing once its client retries elsewhere", async () => {
    await createMeter(urls[0]!, "replica_kill");
    const customerId = await createCustomer(urls[0]!);
    const batches = Array.from({ length: 40 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => ({
        eventName: "replica_kill",
        customerId,
        value: "1",
        identifier: `kill-${b}-${i}`,
      })),
    );
    const victim = replicas[2]!;
    // Four clients stream batches to the victim; whatever did not answer is retried on replica 0.
    let sent = 0;
    const unanswered: typeof batches = [];
    const client = async () => {
      for (let b = sent++; b < batches.length; b = sent++) {
        try {
          const result = await gql(victim.url, key, RECORD_MANY, { input: { events: batches[b] } });
          if (result.status !== 200 || result.errors) unanswered.push(batches[b]!);
        } catch {
          unanswered.push(batches[b]!);
        }
        if (b === 8) void victim.kill();
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    expect(victim.child.signalCode).toBe("SIGKILL");
    expect(unanswered.length).toBeGreaterThan(0);
    const retried = await Promise.all(
      unanswered.map((events) => data(urls[0]!, key, RECORD_MANY, { input: { events } })),
    );
    expect(retried.flatMap((r) => r.recordMeterEvents.rejected)).toEqual([]);
    expect(await counted("replica_kill")).toEqual({ count: 2000, sum: 2000 });
  });
});
