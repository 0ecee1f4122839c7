// Stores validated events and counts them, in one SQL statement: a multi-row insert of the events
// (sent as one parameter per column) that skips events in invoiced periods and events of meters no
// longer active, and fails on or skips (OnDuplicate) identifiers already stored (the unique
// constraint decides, also between concurrent requests); and one set-based upsert of the hourly
// rollups of the rows actually inserted. The same statement tells whether an active usage alert
// watches the meter of an inserted event, so that ingest without alerts needs no other statement.
// Run it inside a transaction holding lockCustomersUsage(…, "shared"), taken by a statement of its
// own (it may be issued with the insert, which runs after it): the insert's snapshot must see the
// invoices of a period close that held the lock exclusively.
import { violatesUnique } from "../../db/errors.js";
import type { Scope } from "../../db/tenant-scope.js";
import { Prisma, type Meter } from "../../generated/prisma/client.js";
import type { Db } from "../../db/transaction.js";
import { alreadyInvoiced } from "./invoiced.js";
import { MERGE_INTO_ROLLUP, PARTIAL_OF_EVENTS, ROLLUP_COLUMNS, ROLLUP_SHARD, rollupLockOrder } from "./rollup.js";
import type { ValidEvent } from "./validate.js";

export interface StoredEventRow {
  seq: bigint;
  accountId: string;
  mode: Scope["mode"];
  identifier: string;
  meterId: string;
  customerId: string;
  value: Prisma.Decimal;
  timestamp: Date;
  payload: Prisma.JsonValue | null;
  createdAt: Date;
  canceledAt: Date | null;
}

/**
 * What the insert does with an identifier that is taken: "fail" the statement (a plain insert), or
 * "skip" the event (ON CONFLICT DO NOTHING). A duplicate is rare (a client's retry), and ON
 * CONFLICT's speculative insertion costs every row: PostgreSQL 15 spent 4–5 ms more CPU on a
 * 1000-event batch with it, ~12 % of the batch's 38–42 ms. So ingest tries "fail" first
 * (retryingDuplicates).
 */
export type OnDuplicate = "fail" | "skip";

/**
 * Runs `store`, a transaction that inserts `events`, with duplicates failing it and, if an
 * identifier was taken (by a stored event or a concurrent request's), once more with duplicates
 * skipped; the failed transaction was rolled back, it stored nothing. A list that repeats an
 * identifier itself skips them from the start.
 */
export async function retryingDuplicates<T>(
  events: ValidEvent[],
  store: (onDuplicate: OnDuplicate) => Promise<T>,
): Promise<T> {
  if (new Set(events.map((e) => e.identifier)).size < events.length) return store("skip");
  try {
    return await store("fail");
  } catch (error) {
    if (!violatesUnique(error, "MeterEvent_accountId_mode_identifier_key")) throw error;
    return store("skip");
  }
}

/** A Meter row as to_jsonb gives it: timestamps as text. */
type MeterJson = Omit<Meter, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

/** One event of insertEvents: stored (`row`) or not, with its meter as it is now. */
export interface InsertOutcome {
  index: number;
  row: StoredEventRow | null;
  meter: Meter;
  /** An active usage alert watches the meter of an inserted event: alerts must be evaluated. */
  alertsWatch: boolean;
}

/**
 * Inserts the events and answers for each (in list order) whether it was stored, with the meter
 * read in the same statement: fresh for the response, and the reason when the meter is inactive.
 */
export async function insertEvents(
  tx: Db,
  scope: Scope,
  events: ValidEvent[],
  onDuplicate: OnDuplicate,
): Promise<InsertOutcome[]> {
  if (events.length === 0) return [];
  const rows = await tx.$queryRaw<Array<StoredEventRow & { ord: bigint; meterNow: MeterJson; alertsWatch: boolean }>>`
    ${insertStatement(scope, events, onDuplicate)}
    SELECT i.ord, to_jsonb(m) AS "meterNow", ${alertsWatchInserted(scope)} AS "alertsWatch", e.*
    FROM input i JOIN "Meter" m ON m."id" = i."meterId" LEFT JOIN inserted e ON e."seq" = i.seq
    ORDER BY i.ord`;
  return rows.map(({ ord, meterNow, alertsWatch, ...row }) => ({
    index: Number(ord) - 1,
    row: row.seq === null ? null : row,
    meter: { ...meterNow, createdAt: new Date(meterNow.createdAt), updatedAt: new Date(meterNow.updatedAt) },
    alertsWatch,
  }));
}

/** What insertEventBatch answers. */
export type BatchOutcome = {
  /** The events not inserted (a skipped duplicate identifier, an invoiced period or a meter made inactive meanwhile; usually none). */
  notInserted: Array<{ index: number; meterActive: boolean }>;
} & (
  | { alertsWatch: false }
  /** An active usage alert watches the meter of an inserted event: alerts must be evaluated, with each event's seq (in list order). */
  | { alertsWatch: true; seqs: bigint[] }
);

/**
 * insertEvents for batches, answering only what the caller needs (one row), so that no stored row
 * travels back; the events' seqs only when an alert watches them.
 */
export async function insertEventBatch(
  tx: Db,
  scope: Scope,
  events: ValidEvent[],
  onDuplicate: OnDuplicate,
): Promise<BatchOutcome> {
  if (events.length === 0) return { notInserted: [], alertsWatch: false };
  const [outcome] = await tx.$queryRaw<
    Array<{ notInserted: Array<{ ord: number; meterActive: boolean }>; seqs: string[] | null }>
  >`
    ${insertStatement(scope, events, onDuplicate)}
    SELECT coalesce(json_agg(json_build_object('ord', i.ord, 'meterActive', m."status" = 'ACTIVE') ORDER BY i.ord), '[]') AS "notInserted",
           CASE WHEN ${alertsWatchInserted(scope)} THEN (SELECT array_agg(a.seq::text ORDER BY a.ord) FROM input a) END AS "seqs"
    FROM input i JOIN "Meter" m ON m."id" = i."meterId"
    -- NOT IN over a subquery is hashed; a join with \`inserted\`, whose size the planner cannot
    -- estimate (it guesses one row), was planned as a nested loop: a million comparisons per batch.
    WHERE i.seq NOT IN (SELECT "seq" FROM inserted)`;
  const notInserted = outcome!.notInserted.map((r) => ({ index: r.ord - 1, meterActive: r.meterActive }));
  return outcome!.seqs
    ? { notInserted, alertsWatch: true, seqs: outcome!.seqs.map(BigInt) }
    : { notInserted, alertsWatch: false };
}

/**
 * SQL condition on insertStatement's `inserted`: an active usage alert watches the meter of one of
 * the rows inserted. Read in the insert's snapshot: an alert created concurrently may miss these
 * events, as it could with a lookup after the insert (its startSeq is read before it commits).
 */
function alertsWatchInserted(scope: Scope): Prisma.Sql {
  return Prisma.sql`EXISTS (
      SELECT 1 FROM "UsageAlert" a
      WHERE a."accountId" = ${scope.accountId} AND a."mode" = ${scope.mode}::"Mode" AND a."status" = 'ACTIVE'
        AND a."meterId" IN (SELECT "meterId" FROM inserted)
    )`;
}

/**
 * The events as seven parameters, one per column, decoded by PostgreSQL in list order: ids and
 * decimals (neither can hold a comma) as comma-separated text, instants as comma-separated
 * milliseconds from the first event's timestamp, identifiers and payloads (free text) as JSON
 * arrays. Nothing is rounded: decimals travel as text, and an offset times one millisecond is an
 * integer number of microseconds far below 2^53, which the interval product keeps exact. Measured
 * per batch of 1000 against one JSON array of objects (json_to_recordset): a third of the
 * JavaScript and three quarters of PostgreSQL's decoding; offsets against ISO text, another 2 ms
 * of PGlite's ~43 ms statement.
 */
function eventColumns(events: ValidEvent[]): Prisma.Sql {
  const origin = events[0]!.timestamp;
  const list = (of: (e: ValidEvent) => string) => events.map(of).join(",");
  const offsets = (of: (e: ValidEvent) => Date) => list((e) => String(of(e).getTime() - origin.getTime()));
  const instant = (offset: Prisma.Sql) => Prisma.sql`${origin}::timestamptz + ${offset} * interval '1 millisecond'`;
  return Prisma.sql`(
      SELECT c."identifier", c."meterId", c."customerId", c."value", ${instant(Prisma.sql`c."timestampMs"`)} AS "timestamp",
             ${instant(Prisma.sql`c."createdAtMs"`)} AS "createdAt", c."payload", c.ord
      FROM ROWS FROM (
        json_array_elements_text(${JSON.stringify(events.map((e) => e.identifier))}::json),
        unnest(string_to_array(${list((e) => e.meter.id)}, ','), string_to_array(${list((e) => e.customer.id)}, ','),
               string_to_array(${list((e) => e.value.toFixed())}, ',')::numeric[], string_to_array(${offsets((e) => e.timestamp)}, ',')::bigint[],
               string_to_array(${offsets((e) => e.receivedAt)}, ',')::bigint[]),
        json_array_elements(${JSON.stringify(events.map((e) => e.payload))}::json)
      ) WITH ORDINALITY AS c("identifier", "meterId", "customerId", "value", "timestampMs", "createdAtMs", "payload", ord)
    ) t`;
}

/** WITH input (the events, in list order, with seq and ord), inserted (rows stored), rollup. */
function insertStatement(scope: Scope, events: ValidEvent[], onDuplicate: OnDuplicate): Prisma.Sql {
  // Receipt order (seq, LAST's tie-breaker) is the list order, so seq is drawn before sorting; rows
  // are then written in identifier order so that concurrent batches take unique-index locks in the
  // same order and cannot deadlock (and, skipping duplicates, the first of equal identifiers wins).
  return Prisma.sql`
    WITH input AS MATERIALIZED (
      SELECT nextval('"MeterEvent_seq_seq"') AS seq, t."identifier", t."meterId", t."customerId", t."value", t."timestamp", t."createdAt",
             -- A JSON null element is no payload (SQL NULL), not the JSON value null.
             nullif(t."payload"::jsonb, 'null'::jsonb) AS "payload", t.ord
      FROM ${eventColumns(events)}
    ),
    inserted AS (
      INSERT INTO "MeterEvent" ("seq", "accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "payload", "createdAt")
      SELECT i.seq, ${scope.accountId}, ${scope.mode}::"Mode", i."identifier", i."meterId", i."customerId", i."value", i."timestamp", i."payload", i."createdAt"
      FROM input i
      -- Meters are looked up from a cache that cannot know of a deactivation: the status decides here.
      WHERE EXISTS (
        SELECT 1 FROM "Meter" m
        WHERE m."id" = i."meterId" AND m."accountId" = ${scope.accountId} AND m."mode" = ${scope.mode}::"Mode" AND m."status" = 'ACTIVE'
      )
        AND NOT ${alreadyInvoiced(scope, { customerId: Prisma.sql`i."customerId"`, meterId: Prisma.sql`i."meterId"`, timestamp: Prisma.sql`i."timestamp"` })}
      ORDER BY i."identifier" COLLATE "C", i.ord
      ${onDuplicate === "skip" ? Prisma.sql`ON CONFLICT ("accountId", "mode", "identifier") DO NOTHING` : Prisma.empty}
      RETURNING *
    ),
    rollup AS (${addToRollups(scope, Prisma.sql`inserted`)})`;
}

/**
 * Adds the events of `source` (a relation with MeterEvent's columns, aliased e) to the hourly
 * rollups: one upsert per (meter, customer, hour) into this connection's shard. Also the bench's
 * seeder uses it, so seeded rollups are exactly the server's.
 */
export function addToRollups(scope: Scope, source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      INSERT INTO "MeterUsageHour" AS h ${ROLLUP_COLUMNS}
      SELECT ${scope.accountId}, ${scope.mode}::"Mode", ${rollupLockOrder("e")}, date_trunc('hour', e."timestamp", 'UTC'),
             ${ROLLUP_SHARD}, ${PARTIAL_OF_EVENTS}
      FROM ${source} e
      -- Grouped in the lock order, so that one sort serves both.
      GROUP BY ${rollupLockOrder("e")}, date_trunc('hour', e."timestamp", 'UTC')
      ORDER BY ${rollupLockOrder("e")}, date_trunc('hour', e."timestamp", 'UTC')
      ${MERGE_INTO_ROLLUP}`;
}
