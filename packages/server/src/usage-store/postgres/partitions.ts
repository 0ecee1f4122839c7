// The monthly partitions of MeterEvent and the retention of raw events
// (docs/operations/databases.md#partitioned-events). Each UTC calendar month of event timestamps has
// a partition of its own, created ahead of time; the default partition catches an event of a month
// without one (a test clock far ahead, or a server that was down) instead of failing ingest, and
// the next run moves its rows into their month's new partition. A partition is built beside the
// table and attached, holding inserts only for the attach itself (CREATE TABLE … PARTITION OF
// would hold them, and every read, for the whole creation). Retention drops whole months where it
// can and deletes the rest, with their identifiers (MeterEventIdentifier) in the same transaction.
import type { Database } from "../../db/client.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";

/** Months ahead of the current one that always have a partition. */
export const PARTITION_MONTHS_AHEAD = 2;
/** Events are at most 35 days old when recorded (docs/concepts/meter-events.md#timestamps): the previous month needs one too. */
const PARTITION_MONTHS_BEHIND = 1;
/** The shortest retention: every event that may still be recorded, or cancelled, is kept. */
export const MIN_RETENTION_DAYS = 35;
/** Rows deleted per transaction below a partition's granularity. */
const DELETE_BATCH = 5_000;
/** DDL waits this long for its lock, then gives up until the next run, rather than queueing ingest behind it. */
const DDL_LOCK_TIMEOUT = "5s";

const PREFIX = "MeterEvent_p";

/** The first instant of `at`'s UTC month, moved by `months`. */
export function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

/** The partition holding the events of the month that starts at `month`: MeterEvent_pYYYYMM. */
export function partitionName(month: Date): string {
  return `${PREFIX}${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

function monthOfName(name: string): Date | null {
  const m = /^MeterEvent_p(\d{4})(\d{2})$/.exec(name);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

const ident = (name: string) => Prisma.raw(`"${name}"`);
const instant = (at: Date) => Prisma.raw(`'${at.toISOString()}'`);

/** The monthly partitions attached now, oldest first. */
export async function eventPartitions(db: Db): Promise<Array<{ name: string; month: Date }>> {
  const rows = await db.$queryRaw<Array<{ name: string }>>`
    SELECT c."relname" AS "name" FROM pg_inherits i JOIN pg_class c ON c."oid" = i."inhrelid"
    WHERE i."inhparent" = '"MeterEvent"'::regclass`;
  return rows
    .flatMap(({ name }) => {
      const month = monthOfName(name);
      return month ? [{ name, month }] : [];
    })
    .sort((a, b) => a.month.getTime() - b.month.getTime());
}

/**
 * Creates the partitions of the months around `now` (one behind, PARTITION_MONTHS_AHEAD ahead) and
 * of every earlier month whose events wait in the default partition; returns the names created.
 */
export async function ensureEventPartitions(
  database: Pick<Database, "sql" | "transaction">,
  now: Date,
): Promise<string[]> {
  const until = monthStart(now, PARTITION_MONTHS_AHEAD + 1);
  const existing = new Set((await eventPartitions(database.sql)).map((p) => p.name));
  const waiting = await database.sql.$queryRaw<Array<{ month: Date }>>`
    SELECT DISTINCT date_trunc('month', "timestamp", 'UTC') AS "month" FROM "MeterEvent_default"
    WHERE "timestamp" < ${until}::timestamptz`;
  const months = new Map<string, Date>();
  for (let m = -PARTITION_MONTHS_BEHIND; m <= PARTITION_MONTHS_AHEAD; m++) {
    const month = monthStart(now, m);
    months.set(partitionName(month), month);
  }
  for (const { month } of waiting) months.set(partitionName(new Date(month)), new Date(month));
  const created: string[] = [];
  for (const [name, month] of [...months].sort(([a], [b]) => a.localeCompare(b))) {
    if (!existing.has(name) && (await createPartition(database, month))) created.push(name);
  }
  return created;
}

/** Builds `month`'s partition with its events from the default partition and attaches it; false if another process did. */
async function createPartition(database: Pick<Database, "transaction">, month: Date): Promise<boolean> {
  const name = partitionName(month);
  const from = instant(month);
  const to = instant(monthStart(month, 1));
  return database.transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('lock_timeout', ${DDL_LOCK_TIMEOUT}, true)`;
    // One process at a time changes the partitions; the loser finds the winner's work done.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('tally:event-partitions'))`;
    const [{ exists }] = await tx.$queryRaw<
      [{ exists: boolean }]
    >`SELECT to_regclass(${`"${name}"`}) IS NOT NULL AS "exists"`;
    if (exists) return false;
    // Inserts wait for the attach (a moment: the default partition holds few rows): one routed by
    // the partitions as they were before it would put a row of the month into the default
    // partition, which PostgreSQL then refuses. Attaching takes the default partition's lock anyway:
    // taken first, no insert can slip a row of the month into it between the move and the attach.
    await tx.$executeRaw`LOCK TABLE "MeterEvent" IN SHARE ROW EXCLUSIVE MODE`;
    await tx.$executeRaw`LOCK TABLE "MeterEvent_default" IN ACCESS EXCLUSIVE MODE`;
    await tx.$executeRaw`CREATE TABLE ${ident(name)} (LIKE "MeterEvent")`;
    // Proves the bounds, so that attaching does not scan the new partition.
    await tx.$executeRaw`ALTER TABLE ${ident(name)} ADD CONSTRAINT ${ident(`${name}_bounds`)} CHECK ("timestamp" >= ${from} AND "timestamp" < ${to})`;
    await tx.$executeRaw`
      WITH moved AS (DELETE FROM "MeterEvent_default" WHERE "timestamp" >= ${from} AND "timestamp" < ${to} RETURNING *)
      INSERT INTO ${ident(name)} SELECT * FROM moved`;
    await tx.$executeRaw`ALTER TABLE "MeterEvent" ATTACH PARTITION ${ident(name)} FOR VALUES FROM (${from}) TO (${to})`;
    await tx.$executeRaw`ALTER TABLE ${ident(name)} DROP CONSTRAINT ${ident(`${name}_bounds`)}`;
    return true;
  });
}

/**
 * The instant before which raw events may go (docs/operations/databases.md#event-retention): the
 * earliest of `retentionDays` before `now`, the start of every period not yet invoiced (an active or
 * trialing subscription's current period, a draft invoice's period) and 35 days before every test
 * clock's time (its customers record events in its time).
 */
export async function retentionCutoff(db: Db, now: Date, retentionDays: number): Promise<Date> {
  const [{ cutoff }] = await db.$queryRaw<[{ cutoff: Date }]>`
    SELECT least(
      ${now}::timestamptz - make_interval(days => ${Math.max(retentionDays, MIN_RETENTION_DAYS)}::int),
      (SELECT min("currentPeriodStart") FROM "Subscription" WHERE "status" <> 'CANCELED'),
      (SELECT min("periodStart") FROM "Invoice" WHERE "status" = 'DRAFT'),
      (SELECT min("frozenTime") FROM "TestClock") - make_interval(days => ${MIN_RETENTION_DAYS}::int)
    ) AS "cutoff"`;
  return new Date(cutoff);
}

export interface RetentionOutcome {
  cutoff: Date;
  /** Monthly partitions dropped whole. */
  partitionsDropped: string[];
  /** Events deleted one by one, from the partition that straddles the cutoff and the default one. */
  eventsDeleted: number;
}

/** Removes the raw events (and their identifiers) stamped before the retention cutoff. */
export async function dropEventsBefore(
  database: Pick<Database, "sql" | "transaction">,
  cutoff: Date,
  signal?: AbortSignal,
): Promise<RetentionOutcome> {
  const partitionsDropped: string[] = [];
  for (const { name, month } of await eventPartitions(database.sql)) {
    if (monthStart(month, 1) > cutoff || signal?.aborted) break;
    if (await dropPartition(database, name)) partitionsDropped.push(name);
  }
  let eventsDeleted = 0;
  for (;;) {
    const deleted = await database.transaction(
      async (tx): Promise<number> =>
        await tx.$executeRaw`
        WITH gone AS (
          DELETE FROM "MeterEvent" e
          WHERE ("accountId", "mode", "meterId", "customerId", "timestamp", "seq") IN (
            SELECT "accountId", "mode", "meterId", "customerId", "timestamp", "seq" FROM "MeterEvent" WHERE "timestamp" < ${cutoff}::timestamptz LIMIT ${DELETE_BATCH}
          )
          RETURNING e."accountId", e."mode", e."identifier", e."seq"
        )
        DELETE FROM "MeterEventIdentifier" d USING gone g
        WHERE d."accountId" = g."accountId" AND d."mode" = g."mode" AND d."identifier" = g."identifier" AND d."seq" = g."seq"`,
    );
    eventsDeleted += deleted;
    if (deleted < DELETE_BATCH || signal?.aborted) break;
  }
  return { cutoff, partitionsDropped, eventsDeleted };
}

/** Drops one monthly partition and its events' identifiers, in one transaction; false if it is gone already. */
async function dropPartition(database: Pick<Database, "transaction">, name: string): Promise<boolean> {
  return database.transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('lock_timeout', ${DDL_LOCK_TIMEOUT}, true)`;
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('tally:event-partitions'))`;
    const [{ exists }] = await tx.$queryRaw<
      [{ exists: boolean }]
    >`SELECT to_regclass(${`"${name}"`}) IS NOT NULL AS "exists"`;
    if (!exists) return false;
    await tx.$executeRaw`
      DELETE FROM "MeterEventIdentifier" d USING ${ident(name)} e
      WHERE d."accountId" = e."accountId" AND d."mode" = e."mode" AND d."identifier" = e."identifier" AND d."seq" = e."seq"`;
    await tx.$executeRaw`DROP TABLE ${ident(name)}`;
    return true;
  });
}
