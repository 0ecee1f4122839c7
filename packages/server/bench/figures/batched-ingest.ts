// Batched ingest (figure id batched-ingest): recordMeterEvents with 1000 events per request from several
// concurrent clients → events/s. References (PostgreSQL, same run, same rows, same batches and
// concurrency, one transaction per batch, in rounds alternating with the server's): COPY
// (pg-copy-streams) and INSERT … SELECT FROM unnest into scratch tables made LIKE "MeterEvent"
// INCLUDING ALL (same columns, defaults, primary key, unique and secondary indexes) plus its
// foreign keys and the identifiers' unique index. The server does more than the references: it also validates every event, checks
// it against its customer's invoiced usage periods (each customer has INVOICED_MONTHS invoices)
// and keeps the hourly rollups, in the same transaction.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { meteredPrice } from "../lib/api.js";
import type { DirectSql } from "../lib/database.js";
import { runLoad } from "../lib/load.js";
import { seedInvoiceHistory } from "../lib/seed.js";
import { withDatabase, type Session } from "../lib/session.js";

export const BATCH = 1000;

export interface IngestScale {
  events: number;
  clients: number;
  customers: number;
}

export interface EventRow {
  identifier: string;
  customerId: string;
  value: string;
  timestamp: string;
}

export interface IngestFixture {
  meterId: string;
  eventName: string;
  customers: string[];
}

/** Months of invoices each customer of the figure has already had (seedInvoiceHistory). */
export const INVOICED_MONTHS = 24;

/** A meter with a metered price, and customers with INVOICED_MONTHS invoices of its usage each. */
export async function ingestFixture(
  session: Session,
  customers: number,
  eventName = "bench_tokens",
): Promise<IngestFixture> {
  const a = session.api;
  const meter = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: "Tokens", eventName, aggregation: "SUM" },
    "Meter",
  );
  const priceId = await meteredPrice(a, meter.id, "0.01");
  const ids: string[] = [];
  for (let i = 0; i < customers; i += 1) {
    ids.push((await a.mutate("createCustomer", "CreateCustomerInput", { name: `Bench customer ${i}` }, "Customer")).id);
  }
  await withDatabase(session, async (db) => {
    const [row] = await db.query<{ accountId: string }>(`SELECT "accountId" FROM "Meter" WHERE "id" = $1`, [meter.id]);
    await seedInvoiceHistory(db, { accountId: row!.accountId, mode: "test" }, priceId, ids, INVOICED_MONTHS);
  });
  return { meterId: meter.id, eventName, customers: ids };
}

/**
 * `count` distinct events spread over the customers and the last 90 minutes (real-time ingest),
 * with decimal values of up to three places.
 */
export function eventRows(tag: string, count: number, customers: string[], now = Date.now()): EventRow[] {
  const span = 90 * 60_000;
  return Array.from({ length: count }, (_, i) => ({
    identifier: `${tag}-${i}`,
    customerId: customers[(i * 7919) % customers.length]!,
    value: (((i * 104_729) % 100_000) / 1000).toFixed(3),
    timestamp: new Date(now - span + ((i * 7_368_787) % span)).toISOString(),
  }));
}

const RECORD_EVENTS = `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) {
  __typename ... on RecordMeterEventsSummary { accepted duplicates rejected { index code message } } ... on Error { code message } } }`;

/** Drives recordMeterEvents with `rows` in batches of 1000 from `clients` connections; seconds taken. */
async function serverIngest(
  session: Session,
  fixture: IngestFixture,
  rows: EventRow[],
  clients: number,
): Promise<number> {
  const batches = Math.ceil(rows.length / BATCH);
  const body = (i: number) =>
    JSON.stringify({
      query: RECORD_EVENTS,
      variables: {
        input: {
          events: rows.slice(i * BATCH, (i + 1) * BATCH).map((r) => ({
            eventName: fixture.eventName,
            customerId: r.customerId,
            value: r.value,
            timestamp: r.timestamp,
            identifier: r.identifier,
          })),
        },
      },
    });
  const result = await runLoad({
    url: session.server.url,
    key: session.api.key,
    // A round's last part may hold fewer batches than there are clients (BENCH_QUICK).
    connections: Math.min(clients, batches),
    amount: batches,
    body,
    check: (text) => {
      const summary = JSON.parse(text).data?.recordMeterEvents;
      if (summary?.__typename !== "RecordMeterEventsSummary" || summary.duplicates > 0 || summary.rejected.length > 0) {
        throw new Error(`batch not fully accepted: ${text.slice(0, 500)}`);
      }
    },
  });
  return result.seconds;
}

/** Seconds `insert` takes over the batches of `rows`, from `clients` connections at once. */
async function referenceIngest(
  url: string,
  rows: EventRow[],
  clients: number,
  insert: (client: pg.Client, batch: EventRow[]) => Promise<void>,
): Promise<number> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    connections.map(async (client) => {
      for (let i = next++; i * BATCH < rows.length; i = next++)
        await insert(client, rows.slice(i * BATCH, (i + 1) * BATCH));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(connections.map((c) => c.end()));
  return seconds;
}

const COLUMNS = `"accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "createdAt"`;

interface References {
  /** Seconds of COPY of `rows` into a scratch copy of MeterEvent. */
  copy(rows: EventRow[]): Promise<number>;
  /** Seconds of INSERT…UNNEST of `rows` into another. */
  unnest(rows: EventRow[]): Promise<number>;
  drop(): Promise<void>;
}

/** The references' scratch copies of MeterEvent (PostgreSQL), and their loads from `clients` connections. */
async function references(direct: DirectSql, fixture: IngestFixture, clients: number): Promise<References> {
  const [meter] = await direct.query<{ accountId: string }>(`SELECT "accountId" FROM "Meter" WHERE "id" = $1`, [
    fixture.meterId,
  ]);
  const accountId = meter!.accountId;
  const foreignKeys = await direct.query<{ def: string }>(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = '"MeterEvent"'::regclass AND contype = 'f'`,
  );
  const tables = ["bench_copy", "bench_unnest"];
  for (const table of tables) {
    await direct.query(`DROP TABLE IF EXISTS ${table}`);
    await direct.query(`CREATE TABLE ${table} (LIKE "MeterEvent" INCLUDING ALL)`);
    // The identifier rule, which MeterEventIdentifier keeps beside the partitioned table.
    await direct.query(`CREATE UNIQUE INDEX ON ${table} ("accountId", "mode", "identifier")`);
    for (const { def } of foreignKeys) await direct.query(`ALTER TABLE ${table} ADD ${def}`);
  }
  const createdAt = new Date().toISOString();
  return {
    copy: (rows) =>
      referenceIngest(direct.url!, rows, clients, async (client, batch) => {
        const lines = batch.map(
          (r) =>
            `${accountId}\ttest\t${r.identifier}\t${fixture.meterId}\t${r.customerId}\t${r.value}\t${r.timestamp}\t${createdAt}\n`,
        );
        await pipeline(
          Readable.from([lines.join("")]),
          client.query(copyFrom(`COPY bench_copy (${COLUMNS}) FROM STDIN`)),
        );
      }),
    unnest: (rows) =>
      referenceIngest(direct.url!, rows, clients, async (client, batch) => {
        await client.query(
          `INSERT INTO bench_unnest (${COLUMNS})
           SELECT $1, 'test', t.* FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::timestamptz[], $7::timestamptz[]) AS t`,
          [
            accountId,
            batch.map((r) => r.identifier),
            batch.map(() => fixture.meterId),
            batch.map((r) => r.customerId),
            batch.map((r) => r.value),
            batch.map((r) => r.timestamp),
            batch.map(() => createdAt),
          ],
        );
      }),
    async drop() {
      for (const table of tables) await direct.query(`DROP TABLE ${table}`);
    },
  };
}

/**
 * Rounds of the measurement: each server and its references take turns on a quarter of their rows,
 * so that all see the same share of the host's noise: measured one after the other, the host's
 * drift between runs would decide the ratio.
 */
const ROUNDS = 4;

/** A server to measure, with `direct` SQL on its database for the references (PostgreSQL), or none. */
export interface IngestSubject {
  session: Session;
  scale: IngestScale;
  direct: DirectSql | null;
}

export interface IngestMeasurement {
  fixture: IngestFixture;
  /** The server's events/s. */
  eventsPerSecond: number;
  /** With `direct`: the references' events/s over the same rows. */
  references: { copy: number; unnest: number } | null;
}

/** Batched ingest on each subject, in alternating rounds (each server's peak RSS recorded under the figure). */
export async function measureIngests(subjects: IngestSubject[], tag: string): Promise<IngestMeasurement[]> {
  const runs = [];
  for (const { session, scale, direct } of subjects) {
    const fixture = await ingestFixture(session, scale.customers);
    // Warm-up (compilation, connections), not measured.
    await serverIngest(session, fixture, eventRows(`${tag}-warmup`, 4 * BATCH, fixture.customers), scale.clients);
    const rows = eventRows(tag, scale.events, fixture.customers);
    const refs = direct ? await references(direct, fixture, scale.clients) : null;
    runs.push({
      session,
      scale,
      fixture,
      rows,
      refs,
      perRound: Math.ceil(rows.length / BATCH / ROUNDS) * BATCH,
      seconds: { server: 0, copy: 0, unnest: 0 },
    });
    session.server.resetPeakRss();
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const run of runs) {
      const part = run.rows.slice(round * run.perRound, (round + 1) * run.perRound);
      if (part.length === 0) continue;
      run.seconds.server += await serverIngest(run.session, run.fixture, part, run.scale.clients);
      if (run.refs) {
        run.seconds.copy += await run.refs.copy(part);
        run.seconds.unnest += await run.refs.unnest(part);
      }
    }
  }
  return Promise.all(
    runs.map(async ({ session, fixture, rows, refs, seconds }) => {
      session.peakRss.push({
        figure: "batched-ingest",
        database: session.target.kind,
        bytes: session.server.peakRss(),
      });
      await refs?.drop();
      return {
        fixture,
        eventsPerSecond: rows.length / seconds.server,
        references: refs ? { copy: rows.length / seconds.copy, unnest: rows.length / seconds.unnest } : null,
      };
    }),
  );
}

/**
 * Batched ingest with usage alerts, after its rounds: a meter and customers of their own, watched by a
 * ONE_TIME and an EVERY_PERIOD alert on every customer (never reached), take `events` events in
 * batches from the figure's clients → events/s, after a warm-up like the figure's own (the fixture
 * restarts PGlite's server, and the first batch reads each customer's period usage once). Both kinds
 * are evaluated in the ingest transaction: every batch adds to the running aggregates.
 */
export async function alertedIngest(
  session: Session,
  scale: IngestScale,
  events: number,
  tag: string,
): Promise<number> {
  const fixture = await ingestFixture(session, scale.customers, "bench_alerted_tokens");
  for (const recurrence of ["ONE_TIME", "EVERY_PERIOD"]) {
    const input = { meterId: fixture.meterId, recurrence, threshold: "1000000000000", title: `Bench ${recurrence}` };
    await session.api.mutate("createUsageAlert", "CreateUsageAlertInput", input, "UsageAlert");
  }
  await serverIngest(session, fixture, eventRows(`${tag}-warmup`, 4 * BATCH, fixture.customers), scale.clients);
  const rows = eventRows(tag, events, fixture.customers);
  return rows.length / (await serverIngest(session, fixture, rows, scale.clients));
}
