// The streamed ingest across processes (docs/operations/scaling.md#streamed-ingest): one
// `tally serve` accepts events onto JetStream without consuming, consumer processes store them, and
// a consumer killed with SIGKILL mid-stream loses nothing and counts nothing twice — its partitions
// are taken over from the position committed with the last batch it stored.
import { afterAll, beforeAll, expect, it } from "vitest";
import { NATS_URL, deleteStream } from "../support/stream.js";
import { randomBase62 } from "../../src/ids.js";
import {
  data,
  eventually,
  migrate,
  newAccount,
  type Replica,
  type ScratchDatabase,
  scratchDatabase,
  startReplica,
} from "./support/replicas.js";

const STREAM = `TALLY_KILL_${randomBase62(8)}`;
const streamed = (consume: boolean) => ({
  TALLY_INGEST: "jetstream",
  TALLY_NATS_URL: NATS_URL,
  TALLY_NATS_STREAM: STREAM,
  TALLY_STREAM_CONSUMER: consume ? "on" : "off",
  TALLY_STREAM_FENCE_TIMEOUT_MS: "60000",
});

let db: ScratchDatabase;
let publisher: Replica;
const consumers: Replica[] = [];
let key: string;
let accountId: string;

beforeAll(async () => {
  db = await scratchDatabase();
  await migrate(db.url);
  publisher = await startReplica(db.url, streamed(false));
  ({ accountId, key } = await newAccount(publisher.url, "Stream kill"));
}, 180_000);
afterAll(async () => {
  await Promise.all([publisher, ...consumers].map((r) => r?.stop()));
  await db?.drop();
  await deleteStream(STREAM);
});

const RECORD_ASYNC = `mutation ($input: RecordMeterEventsInput!) {
  recordMeterEventsAsync(input: $input) {
    ... on RecordMeterEventsAsyncSummary { accepted duplicates rejected { index code } streamSequence }
    ... on Error { code message }
  }
}`;

async function stored(): Promise<{ count: number; sum: number; rejected: number }> {
  const { rows } = await db.sql.query<{ count: string; sum: string | null; rejected: string }>(
    `SELECT (SELECT count(*) FROM "MeterEvent" WHERE "accountId" = $1) AS count,
            (SELECT sum("value")::text FROM "MeterEvent" WHERE "accountId" = $1) AS sum,
            (SELECT count(*) FROM "Event" WHERE "accountId" = $1 AND "type" = 'meter_event.rejected') AS rejected`,
    [accountId],
  );
  return { count: Number(rows[0]!.count), sum: Number(rows[0]!.sum ?? 0), rejected: Number(rows[0]!.rejected) };
}

it("a consumer killed with SIGKILL mid-stream loses and doubles nothing", async () => {
  const { createMeter } = await data(
    publisher.url,
    key,
    `mutation { createMeter(input: { displayName: "Kill", eventName: "stream_kill", aggregation: SUM }) { ... on Meter { id } } }`,
  );
  const customers: string[] = [];
  for (let i = 0; i < 10; i++) {
    const { createCustomer } = await data(
      publisher.url,
      key,
      `mutation { createCustomer(input: { name: "C${i}" }) { ... on Customer { id } } }`,
    );
    customers.push(createCustomer.id);
  }
  const BATCHES = 40;
  const PER_BATCH = 500;
  const send = async (b: number) => {
    const events = Array.from({ length: PER_BATCH }, (_, i) => ({
      eventName: "stream_kill",
      customerId: customers[(b * PER_BATCH + i) % customers.length],
      value: "1",
      identifier: `kill-${b}-${i}`,
    }));
    const { recordMeterEventsAsync: r } = await data(publisher.url, key, RECORD_ASYNC, { input: { events } });
    expect(r).toMatchObject({ accepted: PER_BATCH, duplicates: 0, rejected: [] });
    return r.streamSequence as string;
  };
  // Half the events wait on the stream; the victim starts on them while the rest arrive.
  for (let b = 0; b < BATCHES / 2; b++) await send(b);
  const victim = await startReplica(db.url, streamed(true));
  consumers.push(victim);
  let last = "0";
  for (let b = BATCHES / 2; b < BATCHES; b++) {
    last = await send(b);
    if (b === BATCHES / 2 + 2) {
      await eventually(async () => (await stored()).count > 0, 30_000, "the victim to store a batch");
      // Killed with events still waiting: mid-stream.
      expect((await stored()).count).toBeLessThan((b + 1) * PER_BATCH);
      await victim.kill();
      consumers.push(await startReplica(db.url, streamed(true)), await startReplica(db.url, streamed(true)));
    }
  }
  // A read fenced on the last sequence answers once every event is stored.
  const { meterEventSummaries } = await data(
    publisher.url,
    key,
    `query ($meterId: ID!, $customerId: ID!, $after: String) {
      meterEventSummaries(meterId: $meterId, customerId: $customerId, startTime: "2000-01-01T00:00:00Z", endTime: "2100-01-01T00:00:00Z", after: $after) { aggregatedValue }
    }`,
    { meterId: createMeter.id, customerId: customers[0], after: last },
  );
  expect(Number(meterEventSummaries[0].aggregatedValue)).toBe((BATCHES * PER_BATCH) / customers.length);
  expect(await stored()).toEqual({ count: BATCHES * PER_BATCH, sum: BATCHES * PER_BATCH, rejected: 0 });
  const { rows } = await db.sql.query<{ behind: string }>(
    `SELECT count(*) AS behind FROM "StreamPartition" WHERE "accountId" = $1 AND "committedSeq" <> "publishedSeq"`,
    [accountId],
  );
  expect(Number(rows[0]!.behind)).toBe(0);
}, 300_000);
