// Live usage across replicas (docs/concepts/customer-sessions.md#live-usage): three `tally serve`
// on one PostgreSQL database sharing Redis; a usage stream open on one replica gets the exact
// totals of events recorded on the others within 2 s, still at most one message per 250 ms.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  data,
  eventually,
  migrate,
  newAccount,
  REDIS_URL,
  type Replica,
  type ScratchDatabase,
  scratchDatabase,
  startReplica,
  subscribe,
} from "./support/replicas.js";

let db: ScratchDatabase;
let replicas: Replica[];
let urls: string[];
let key: string;
let accountId: string;

beforeAll(async () => {
  db = await scratchDatabase();
  await migrate(db.url);
  replicas = await Promise.all([startReplica(db.url), startReplica(db.url), startReplica(db.url)]);
  urls = replicas.map((r) => r.url);
  ({ accountId, key } = await newAccount(urls[0]!, "Live usage replicas"));
}, 180_000);

afterAll(async () => {
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await db?.drop();
});

const RECORD = `mutation ($input: RecordMeterEventsInput!) {
  recordMeterEvents(input: $input) { ... on RecordMeterEventsSummary { accepted } ... on Error { code message } }
}`;

/** A stream's messages with the time each arrived, read as they come. */
function collect(stream: Awaited<ReturnType<typeof subscribe>>, field: string) {
  const messages: Array<{ at: number; usage: string }> = [];
  void (async () => {
    for (;;) {
      const message = await stream.next().catch(() => null);
      if (!message) return;
      messages.push({ at: Date.now(), usage: message[field].usage });
    }
  })();
  return messages;
}

async function waitFor(messages: Array<{ usage: string }>, usage: string, timeoutMs: number): Promise<void> {
  await eventually(async () => messages.at(-1)?.usage === usage, timeoutMs, `usage ${usage} pushed`);
}

describe("live usage on three replicas", () => {
  it("a stream on one replica gets events recorded on another within 2 s, exact and coalesced", async () => {
    const { createMeter } = await data(
      urls[0]!,
      key,
      `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { ... on Meter { id } } }`,
      { input: { displayName: "Live tokens", eventName: "live_tokens", aggregation: "SUM" } },
    );
    const { createCustomer } = await data(
      urls[0]!,
      key,
      `mutation { createCustomer(input: { name: "Live" }) { ... on Customer { id } } }`,
    );
    const [meterId, customerId] = [createMeter.id as string, createCustomer.id as string];
    const { createCustomerSession } = await data(
      urls[2]!,
      key,
      `mutation ($input: CreateCustomerSessionInput!) { createCustomerSession(input: $input) { ... on CustomerSession { token } } }`,
      { input: { customerId, scopes: ["USAGE_READ"] } },
    );
    // A session stream on replica B, a secret-key stream on replica C; events go to A.
    const viewer = await subscribe(
      urls[1]!,
      createCustomerSession.token,
      `subscription { viewerUsageUpdated(meterId: "${meterId}") { usage } }`,
    );
    const customer = await subscribe(
      urls[2]!,
      key,
      `subscription { customerUsageUpdated(customerId: "${customerId}", meterId: "${meterId}") { usage } }`,
    );
    try {
      const onB = collect(viewer, "viewerUsageUpdated");
      const onC = collect(customer, "customerUsageUpdated");
      await waitFor(onB, "0", 20_000);
      await waitFor(onC, "0", 20_000);
      const redis = new Redis(REDIS_URL);
      try {
        const [, subscribed] = (await redis.pubsub(
          "NUMSUB",
          `customerUsageChanged:${accountId}:test:${customerId}`,
        )) as [string, number];
        expect(subscribed).toBe(2);
      } finally {
        redis.disconnect();
      }

      const started = Date.now();
      const recorded = await data(urls[0]!, key, RECORD, {
        input: { events: [{ eventName: "live_tokens", customerId, value: "12.5", identifier: "a-1" }] },
      });
      expect(recorded.recordMeterEvents.accepted).toBe(1);
      await Promise.all([waitFor(onB, "12.5", 2_000), waitFor(onC, "12.5", 2_000)]);
      expect(Date.now() - started).toBeLessThan(2_000);

      // A burst from every replica, concurrently: the streams end on the exact total, coalesced.
      const values = Array.from({ length: 30 }, (_, i) => String(i + 1));
      const burstStart = onB.length;
      await Promise.all(
        values.map((value, i) =>
          data(urls[i % 3]!, key, RECORD, {
            input: { events: [{ eventName: "live_tokens", customerId, value, identifier: `burst-${i}` }] },
          }),
        ),
      );
      const total = String(12.5 + values.reduce((s, v) => s + Number(v), 0));
      const { meterEventSummaries } = await data(
        urls[1]!,
        key,
        `query ($meterId: ID!, $customerId: ID!, $start: DateTime!, $end: DateTime!) {
          meterEventSummaries(meterId: $meterId, customerId: $customerId, startTime: $start, endTime: $end) { aggregatedValue }
        }`,
        { meterId, customerId, start: "2000-01-01T00:00:00Z", end: "2100-01-01T00:00:00Z" },
      );
      expect(meterEventSummaries[0].aggregatedValue).toBe(total);
      await Promise.all([waitFor(onB, total, 2_000), waitFor(onC, total, 2_000)]);
      const burst = onB.slice(burstStart - 1);
      for (let i = 1; i < burst.length; i++) expect(burst[i]!.at - burst[i - 1]!.at).toBeGreaterThanOrEqual(200);
    } finally {
      viewer.close();
      customer.close();
    }
  });
});
