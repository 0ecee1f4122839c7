// Raw meter events (MeterEvent): the ingest statement, lookups by identifier and cancellation.
// Ingest is one SQL statement: a multi-row insert of the events' identifiers (MeterEventIdentifier;
// the events are sent as one parameter per column) that skips events in invoiced periods and events
// of meters no longer active, and fails on or skips (OnDuplicate) identifiers already stored (its
// primary key decides, also between concurrent requests); the insert of the events whose
// identifiers it stored, into the month partitions of MeterEvent (partitions.ts); and one set-based upsert of the hourly rollups of the rows actually
// inserted. The same statement tells whether an active usage alert watches the meter of an
// inserted event, so that ingest without alerts needs no other statement. It runs inside a
// transaction holding lockCustomersUsage(…, "shared"), taken by a statement of its own (it may be
// issued with the insert, which runs after it): the insert's snapshot must see the invoices of a
// period close that held the lock exclusively.
import { violatesUnique } from "../../db/errors.js";
import { sameTenant, scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma, type Meter } from "../../generated/prisma/client.js";
import {
  type EventToStore,
  IdentifierTaken,
  type OnDuplicate,
  type RecordedBatch,
  type StoredEvent,
  type StoredEventWithMeter,
} from "../store.js";
import { alreadyInvoiced } from "./invoiced.js";
import { addToRollups, recomputeHour } from "./rollups.js";
import { forgetPeriodProgress } from "./alert-progress.js";

/** A Meter row as to_jsonb gives it: timestamps as text. */
type MeterJson = Omit<Meter, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

const meterOfJson = (m: MeterJson): Meter => ({
  ...m,
  createdAt: new Date(m.createdAt),
  updatedAt: new Date(m.updatedAt),
});

/**
 * Inserts the events and answers what became of them. With `rows`, each event's stored row with
 * its meter read in the same statement (fresh for a response, and the reason when the meter is
 * inactive); without, one row for the whole batch, so that no stored row travels back, and the
 * events' seqs only when an alert watches them.
 */
export async function insertEvents(
  tx: Db,
  scope: Scope,
  events: readonly EventToStore[],
  options: { onDuplicate: OnDuplicate; rows: boolean },
): Promise<RecordedBatch> {
  if (events.length === 0) return { notStored: [], alertsWatch: false, seqs: null, rows: options.rows ? [] : null };
  try {
    return options.rows
      ? await insertReturningRows(tx, scope, events, options.onDuplicate)
      : await insertReturningSummary(tx, scope, events, options.onDuplicate);
  } catch (error) {
    if (violatesUnique(error, "MeterEventIdentifier_pkey")) throw new IdentifierTaken();
    throw error;
  }
}

async function insertReturningRows(
  tx: Db,
  scope: Scope,
  events: readonly EventToStore[],
  onDuplicate: OnDuplicate,
): Promise<RecordedBatch> {
  const found = await tx.$queryRaw<Array<StoredEvent & { ord: bigint; meterNow: MeterJson; alertsWatch: boolean }>>`
    ${insertStatement(scope, events, onDuplicate)}
    SELECT i.ord, to_jsonb(m) AS "meterNow", ${alertsWatchInserted(scope)} AS "alertsWatch", e.*
    FROM input i JOIN "Meter" m ON ${scopeClause(scope, "m")} AND m."id" = i."meterId" LEFT JOIN inserted e ON e."seq" = i.seq
    ORDER BY i.ord`;
  const rows: Array<StoredEventWithMeter | null> = new Array(events.length).fill(null);
  const notStored: RecordedBatch["notStored"] = [];
  for (const { ord, meterNow, alertsWatch: _, ...row } of found) {
    const index = Number(ord) - 1;
    const meter = meterOfJson(meterNow);
    if (row.seq === null) notStored.push({ index, meterActive: meter.status === "ACTIVE" });
    else rows[index] = { ...row, meter };
  }
  return {
    notStored,
    alertsWatch: found[0]?.alertsWatch ?? false,
    seqs: rows.map((r) => r?.seq ?? 0n),
    rows,
  };
}

async function insertReturningSummary(
  tx: Db,
  scope: Scope,
  events: readonly EventToStore[],
  onDuplicate: OnDuplicate,
): Promise<RecordedBatch> {
  const [outcome] = await tx.$queryRaw<
    Array<{ notInserted: Array<{ ord: number; meterActive: boolean }>; seqs: string[] | null }>
  >`
    ${insertStatement(scope, events, onDuplicate)}
    SELECT coalesce(json_agg(json_build_object('ord', i.ord, 'meterActive', m."status" = 'ACTIVE') ORDER BY i.ord), '[]') AS "notInserted",
           CASE WHEN ${alertsWatchInserted(scope)} THEN (SELECT array_agg(a.seq::text ORDER BY a.ord) FROM input a) END AS "seqs"
    FROM input i JOIN "Meter" m ON ${scopeClause(scope, "m")} AND m."id" = i."meterId"
    -- NOT IN over a subquery is hashed; a join with \`inserted\`, whose size the planner cannot
    -- estimate (it guesses one row), is planned as a nested loop.
    WHERE i.seq NOT IN (SELECT "seq" FROM inserted)`;
  const seqs = outcome!.seqs ? outcome!.seqs.map(BigInt) : null;
  return {
    notStored: outcome!.notInserted.map((r) => ({ index: r.ord - 1, meterActive: r.meterActive })),
    alertsWatch: seqs !== null,
    seqs,
    rows: null,
  };
}

/**
 * SQL condition on insertStatement's `inserted`: an active usage alert watches the meter of one of
 * the rows inserted. Read in the insert's snapshot: an alert created concurrently may miss these
 * events, as it could with a lookup after the insert (its startSeq is read before it commits).
 */
function alertsWatchInserted(scope: Scope): Prisma.Sql {
  return Prisma.sql`EXISTS (
      SELECT 1 FROM "UsageAlert" a
      WHERE ${scopeClause(scope, "a")} AND a."status" = 'ACTIVE'
        AND a."meterId" IN (SELECT "meterId" FROM inserted)
    )`;
}

/**
 * The events as eight parameters, one per column, decoded by PostgreSQL in list order: ids and
 * decimals (neither can hold a comma) as comma-separated text, instants as comma-separated
 * milliseconds from the first event's timestamp, identifiers and payloads (free text) as JSON
 * arrays: less to encode and decode than one JSON array of objects. Nothing is rounded: decimals
 * travel as text, and an offset times one millisecond is an integer number of microseconds far
 * below 2^53, which the interval product keeps exact.
 */
function eventColumns(events: readonly EventToStore[]): Prisma.Sql {
  const origin = events[0]!.timestamp;
  const list = (of: (e: EventToStore) => string) => events.map(of).join(",");
  const offsets = (of: (e: EventToStore) => Date) => list((e) => String(of(e).getTime() - origin.getTime()));
  const instant = (offset: Prisma.Sql) => Prisma.sql`${origin}::timestamptz + ${offset} * interval '1 millisecond'`;
  // Combinations of dimension values (combinations.ts): 0 for an event without values.
  const combinations = events.some((e) => e.combinationId)
    ? Prisma.sql`string_to_array(${list((e) => String(e.combinationId ?? 0n))}, ',')::bigint[]`
    : Prisma.sql`array_fill(0::bigint, ARRAY[${events.length}::int])`;
  return Prisma.sql`(
      SELECT c."identifier", c."meterId", c."customerId", c."value", ${instant(Prisma.sql`c."timestampMs"`)} AS "timestamp",
             ${instant(Prisma.sql`c."createdAtMs"`)} AS "createdAt", c."payload", c."combinationId", c.ord
      FROM ROWS FROM (
        json_array_elements_text(${JSON.stringify(events.map((e) => e.identifier))}::json),
        unnest(string_to_array(${list((e) => e.meter.id)}, ','), string_to_array(${list((e) => e.customer.id)}, ','),
               string_to_array(${list((e) => e.value.toFixed())}, ',')::numeric[], string_to_array(${offsets((e) => e.timestamp)}, ',')::bigint[],
               string_to_array(${offsets((e) => e.receivedAt)}, ',')::bigint[], ${combinations}),
        json_array_elements(${JSON.stringify(events.map((e) => e.payload))}::json)
      ) WITH ORDINALITY AS c("identifier", "meterId", "customerId", "value", "timestampMs", "createdAtMs", "combinationId", "payload", ord)
    ) t`;
}

/** WITH input (the events, in list order, with seq and ord), inserted (rows stored), rollup. */
function insertStatement(scope: Scope, events: readonly EventToStore[], onDuplicate: OnDuplicate): Prisma.Sql {
  // Receipt order (seq, LAST's tie-breaker) is the list order, so seq is drawn before sorting; rows
  // are then claimed in identifier order so that concurrent batches take unique-index locks in the
  // same order and cannot deadlock (and, skipping duplicates, the first of equal identifiers wins).
  return Prisma.sql`
    WITH input AS MATERIALIZED (
      SELECT nextval('"MeterEvent_seq_seq"') AS seq, t."identifier", t."meterId", t."customerId", t."value", t."timestamp", t."createdAt",
             -- A JSON null element is no payload (SQL NULL), not the JSON value null.
             nullif(t."payload"::jsonb, 'null'::jsonb) AS "payload", t."combinationId", t.ord
      FROM ${eventColumns(events)}
    ),
    claimed AS (
      INSERT INTO "MeterEventIdentifier" ("accountId", "mode", "identifier", "meterId", "customerId", "timestamp", "seq")
      SELECT ${scope.accountId}, ${scope.mode}::"Mode", i."identifier", i."meterId", i."customerId", i."timestamp", i.seq
      FROM input i
      -- Meters are looked up from a cache that cannot know of a deactivation: the status decides here.
      WHERE EXISTS (
        SELECT 1 FROM "Meter" m
        WHERE m."id" = i."meterId" AND ${scopeClause(scope, "m")} AND m."status" = 'ACTIVE'
      )
        AND NOT ${alreadyInvoiced(scope, { customerId: Prisma.sql`i."customerId"`, meterId: Prisma.sql`i."meterId"`, timestamp: Prisma.sql`i."timestamp"` })}
      ORDER BY i."identifier" COLLATE "C", i.ord
      ${onDuplicate === "skip" ? Prisma.sql`ON CONFLICT ("accountId", "mode", "identifier") DO NOTHING` : Prisma.empty}
      RETURNING "seq"
    ),
    inserted AS (
      INSERT INTO "MeterEvent" ("seq", "accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "payload", "createdAt", "combinationId")
      SELECT i.seq, ${scope.accountId}, ${scope.mode}::"Mode", i."identifier", i."meterId", i."customerId", i."value", i."timestamp", i."payload", i."createdAt",
             i."combinationId"
      FROM input i
      WHERE i.seq IN (SELECT "seq" FROM claimed)
      RETURNING *
    ),
    rollup AS (${addToRollups(scope, Prisma.sql`inserted`)})`;
}

/** The stored event under `identifier`, with its meter as it is now. */
export async function eventByIdentifier(
  db: Db,
  scope: Scope,
  identifier: string,
): Promise<StoredEventWithMeter | null> {
  const [found] = await db.$queryRaw<Array<StoredEvent & { meterNow: MeterJson }>>`
    SELECT e.*, to_jsonb(m) AS "meterNow"
    FROM "MeterEventIdentifier" d
    JOIN "MeterEvent" e
      ON e."accountId" = d."accountId" AND e."mode" = d."mode" AND e."meterId" = d."meterId" AND e."customerId" = d."customerId"
        AND e."timestamp" = d."timestamp" AND e."seq" = d."seq"
    JOIN "Meter" m ON ${sameTenant("m", "e")} AND m."id" = e."meterId"
    WHERE d."identifier" = ${identifier} AND ${scopeClause(scope, "d")}`;
  if (!found) return null;
  const { meterNow, ...event } = found;
  return { ...event, meter: meterOfJson(meterNow) };
}

/** Marks the event cancelled at `at`, rebuilds its hour's rollup and forgets the alerts' period aggregates it was in; returns the cancelled row. */
export async function cancelEvent(tx: Db, scope: Scope, event: StoredEvent, at: Date): Promise<StoredEvent> {
  const [canceled] = await tx.$queryRaw<StoredEvent[]>`
    UPDATE "MeterEvent" e SET "canceledAt" = ${at}::timestamptz
    WHERE e."meterId" = ${event.meterId} AND e."customerId" = ${event.customerId} AND e."timestamp" = ${event.timestamp}::timestamptz
      AND e."seq" = ${event.seq} AND ${scopeClause(scope, "e")}
    RETURNING e.*`;
  await recomputeHour(tx, scope, { meterId: event.meterId, customerId: event.customerId, at: event.timestamp });
  await forgetPeriodProgress(tx, scope, event);
  return canceled!;
}
