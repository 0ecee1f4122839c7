// The streamed ingest (figure ids streamed-ingest and pgbouncer; PostgreSQL only), against the
// direct path measured in the same run on the same database:
// - streamed-ingest: recordMeterEventsAsync with 1000 events per request from several clients to
//   a server that only publishes, stored by 1, 2 and 3 consumer processes (`tally serve` with
//   TALLY_INGEST=jetstream) → events/s from the first request until every event is stored; the
//   reference is recordMeterEvents on a direct server. And the fence's added latency: one event
//   sent with recordMeterEventsAsync then read with meterEventSummaries(after:), against
//   recordMeterEvent then the same read without a fence (median of `runs`).
// - pgbouncer: the direct batched ingest through PgBouncer in transaction mode (pgbouncer=true)
//   against the same server straight on PostgreSQL.
import pg from "pg";
import { connect } from "nats";
import { startPgBouncer } from "../../test/replicas/support/pgbouncer.js";
import { randomBase62 } from "../../src/ids.js";
import { runLoad } from "../lib/load.js";
import type { Row } from "../lib/report.js";
import { startServer, type ServerProcess } from "../lib/server.js";
import type { Session } from "../lib/session.js";
import { median } from "./cold-start.js";
import { BATCH, eventRows, type EventRow, type IngestFixture } from "./batched-ingest.js";

const NATS_URL = process.env.TALLY_NATS_URL ?? "nats://127.0.0.1:4222";

const SUMMARY = (field: string) => `mutation($input: RecordMeterEventsInput!) { ${field}(input: $input) {
  __typename ... on Error { code message } ${
    field === "recordMeterEvents"
      ? "... on RecordMeterEventsSummary { accepted duplicates rejected { code } }"
      : "... on RecordMeterEventsAsyncSummary { accepted duplicates rejected { code } streamSequence }"
  } } }`;

/** Sends `rows` with `field` (recordMeterEvents or recordMeterEventsAsync) in batches of 1000 from `clients` connections; seconds. */
async function ingest(
  url: string,
  key: string,
  field: string,
  fixture: IngestFixture,
  rows: EventRow[],
  clients: number,
) {
  const batches = Math.ceil(rows.length / BATCH);
  const query = SUMMARY(field);
  const result = await runLoad({
    url,
    key,
    connections: Math.min(clients, batches),
    amount: batches,
    body: (i) =>
      JSON.stringify({
        query,
        variables: {
          input: {
            events: rows.slice(i * BATCH, (i + 1) * BATCH).map((r) => ({ eventName: fixture.eventName, ...r })),
          },
        },
      }),
    check: (text) => {
      const summary = JSON.parse(text).data?.[field];
      if (summary?.accepted !== BATCH || summary.rejected.length > 0)
        throw new Error(`batch not accepted: ${text.slice(0, 300)}`);
    },
  });
  return result.seconds;
}

async function gql(server: ServerProcess, key: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function allStored(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS behind FROM "StreamPartition" WHERE "committedSeq" < "publishedSeq"`,
      );
      if (rows[0].behind === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}

export async function streamedIngest(
  session: Session,
  fixture: IngestFixture,
  scale: { events: number; clients: number; runs: number },
): Promise<Row[]> {
  const databaseUrl = session.target.serverEnv.DATABASE_URL!;
  const key = session.api.key;
  const stream = `TALLY_BENCH_${randomBase62(8)}`;
  const env = (consume: boolean) => ({
    ...session.target.serverEnv,
    TALLY_MIGRATE_ON_START: "0",
    TALLY_INGEST: "jetstream",
    TALLY_NATS_URL: NATS_URL,
    TALLY_NATS_STREAM: stream,
    TALLY_STREAM_CONSUMER: consume ? "on" : "off",
  });
  const publisher = await startServer(env(false));
  const consumers: ServerProcess[] = [];
  const rows: Row[] = [];
  try {
    // Warm-up of both paths (compilation, connections), not measured.
    await ingest(
      session.server.url,
      key,
      "recordMeterEvents",
      fixture,
      eventRows("sw-d", 2 * BATCH, fixture.customers),
      scale.clients,
    );
    consumers.push(await startServer(env(true)));
    await ingest(
      publisher.url,
      key,
      "recordMeterEventsAsync",
      fixture,
      eventRows("sw-s", 2 * BATCH, fixture.customers),
      scale.clients,
    );
    await allStored(databaseUrl);
    const direct =
      scale.events /
      (await ingest(
        session.server.url,
        key,
        "recordMeterEvents",
        fixture,
        eventRows("s-direct", scale.events, fixture.customers),
        scale.clients,
      ));
    for (const count of [1, 2, 3]) {
      while (consumers.length < count) consumers.push(await startServer(env(true)));
      // Until the new consumers hold their share of the partitions.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const started = performance.now();
      await ingest(
        publisher.url,
        key,
        "recordMeterEventsAsync",
        fixture,
        eventRows(`s-${count}`, scale.events, fixture.customers),
        scale.clients,
      );
      const accepted = (performance.now() - started) / 1000;
      await allStored(databaseUrl);
      const perSecond = scale.events / ((performance.now() - started) / 1000);
      rows.push({
        figure: "streamed-ingest",
        database: "postgres",
        what: `streamed batched ingest, ${count} consumer${count > 1 ? "s" : ""} (accepted at ${Math.round(scale.events / accepted)} events/s)`,
        value: perSecond,
        unit: "events/s",
        reference: { what: "direct recordMeterEvents", value: direct },
        ratio: perSecond / direct,
      });
    }
    // The fence's added latency: a read-your-writes read of one event just sent.
    const summaries = `query($m: ID!, $c: ID!, $after: String) { meterEventSummaries(meterId: $m, customerId: $c, startTime: "2000-01-01T00:00:00Z", endTime: "2100-01-01T00:00:00Z", after: $after) { aggregatedValue } }`;
    const customerId = fixture.customers[0]!;
    const fenced: number[] = [];
    const unfenced: number[] = [];
    for (let i = 0; i < scale.runs; i++) {
      const event = { eventName: fixture.eventName, customerId, value: "1", identifier: `fence-${i}` };
      let t = performance.now();
      const sent = await gql(publisher, key, SUMMARY("recordMeterEventsAsync"), { input: { events: [event] } });
      await gql(publisher, key, summaries, {
        m: fixture.meterId,
        c: customerId,
        after: sent.recordMeterEventsAsync.streamSequence,
      });
      fenced.push(performance.now() - t);
      t = performance.now();
      await gql(
        session.server,
        key,
        `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) { __typename } }`,
        {
          input: { ...event, identifier: `direct-${i}` },
        },
      );
      await gql(session.server, key, summaries, { m: fixture.meterId, c: customerId, after: null });
      unfenced.push(performance.now() - t);
    }
    const fencedMs = median(fenced);
    const directMs = median(unfenced);
    rows.push({
      figure: "streamed-ingest",
      database: "postgres",
      what: "send one event + read-your-writes summary, streamed and fenced",
      value: fencedMs,
      unit: "ms",
      reference: { what: "recordMeterEvent + summary, direct", value: directMs },
      ratio: fencedMs / directMs,
      ratioAs: "times",
    });
  } finally {
    await Promise.all([publisher, ...consumers].map((s) => s.stop()));
    const nats = await connect({ servers: NATS_URL });
    await (await nats.jetstreamManager()).streams.delete(stream).catch(() => {});
    await nats.close();
  }
  return rows;
}

export async function pgbouncerIngest(
  session: Session,
  fixture: IngestFixture,
  scale: { events: number; clients: number; rounds: number },
): Promise<Row> {
  const databaseUrl = new URL(session.target.serverEnv.DATABASE_URL!);
  const bouncer = await startPgBouncer(
    { host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) },
    { poolSize: 10 },
  );
  const through = await startServer({
    ...session.target.serverEnv,
    TALLY_MIGRATE_ON_START: "0",
    DATABASE_URL: `${bouncer.through(databaseUrl.toString())}?pgbouncer=true`,
  });
  try {
    const key = session.api.key;
    await ingest(
      through.url,
      key,
      "recordMeterEvents",
      fixture,
      eventRows("pb-warm", 2 * BATCH, fixture.customers),
      scale.clients,
    );
    const seconds = { direct: 0, bounced: 0 };
    const perRound = Math.ceil(scale.events / scale.rounds / BATCH) * BATCH;
    for (let round = 0; round < scale.rounds; round++) {
      seconds.direct += await ingest(
        session.server.url,
        key,
        "recordMeterEvents",
        fixture,
        eventRows(`pd-${round}`, perRound, fixture.customers),
        scale.clients,
      );
      seconds.bounced += await ingest(
        through.url,
        key,
        "recordMeterEvents",
        fixture,
        eventRows(`pb-${round}`, perRound, fixture.customers),
        scale.clients,
      );
    }
    const events = perRound * scale.rounds;
    return {
      figure: "pgbouncer",
      database: "postgres",
      what: "batched ingest through PgBouncer (transaction mode, pgbouncer=true)",
      value: events / seconds.bounced,
      unit: "events/s",
      reference: { what: "the same server straight on PostgreSQL", value: events / seconds.direct },
      ratio: seconds.direct / seconds.bounced,
    };
  } finally {
    await through.stop();
    await bouncer.stop();
  }
}
