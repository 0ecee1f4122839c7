// The partitions' rows (StreamPartition, StreamConsumer): where each partition's events were
// published up to, where they are stored up to, and which consumer holds it. Leases and heartbeats
// use the database's clock, so consumers on machines whose clocks disagree share partitions alike.
import { Prisma } from "../../../generated/prisma/client.js";
import type { Scope } from "../../../db/tenant-scope.js";
import type { Db } from "../../../db/transaction.js";
import type { Partition } from "./connection.js";

/** How long a lease lasts without renewal, and how long a consumer counts as alive after its last heartbeat. */
export const LEASE_SECONDS = 5;

export interface HeldPartition extends Partition {
  committedSeq: bigint;
}

const key = (p: Partition) => Prisma.sql`(${p.accountId}, ${p.mode}::"Mode", ${p.bucket}::int)`;

/** Creates the partitions' rows, before anything is published to them (so that some consumer leases them). */
export async function ensurePartitions(db: Db, partitions: Partition[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "StreamPartition" ("accountId", "mode", "bucket")
    VALUES ${Prisma.join(partitions.map(key))}
    ON CONFLICT DO NOTHING`;
}

/** Records what was published: a partition's `publishedSeq` only moves forward. */
export async function markPublished(db: Db, published: Array<{ partition: Partition; seq: number }>): Promise<void> {
  const rows = published.map(
    ({ partition: p, seq }) => Prisma.sql`(${p.accountId}, ${p.mode}::"Mode", ${p.bucket}::int, ${seq}::bigint)`,
  );
  await db.$executeRaw`
    UPDATE "StreamPartition" s SET "publishedSeq" = greatest(s."publishedSeq", v."seq")
    FROM (VALUES ${Prisma.join(rows)}) AS v("accountId", "mode", "bucket", "seq")
    WHERE s."accountId" = v."accountId" AND s."mode" = v."mode" AND s."bucket" = v."bucket"`;
}

/**
 * Moves the partition's stored position from `from` to `to`, in the transaction that stores its
 * events; false (and nothing moves) when the consumer no longer holds the partition or another
 * already moved it — the transaction must then roll back.
 */
export async function commitPosition(db: Db, owner: string, p: Partition, from: bigint, to: bigint): Promise<boolean> {
  const moved = await db.$executeRaw`
    UPDATE "StreamPartition" SET "committedSeq" = ${to}::bigint
    WHERE "accountId" = ${p.accountId} AND "mode" = ${p.mode}::"Mode" AND "bucket" = ${p.bucket}::int
      AND "leaseOwner" = ${owner} AND "committedSeq" = ${from}::bigint`;
  return moved === 1;
}

/**
 * One heartbeat of a consumer: marks it alive, renews its leases, then gives up or claims
 * partitions until it holds its fair share (all partitions over the consumers alive). Returns the
 * partitions it holds, with their stored positions.
 */
export async function heartbeat(db: Db, owner: string): Promise<HeldPartition[]> {
  const lease = Prisma.sql`now() + make_interval(secs => ${LEASE_SECONDS})`;
  await db.$executeRaw`
    INSERT INTO "StreamConsumer" ("id", "seenAt") VALUES (${owner}, now())
    ON CONFLICT ("id") DO UPDATE SET "seenAt" = now()`;
  const [counts] = await db.$queryRaw<Array<{ consumers: number; partitions: number }>>`
    SELECT
      (SELECT count(*)::int FROM "StreamConsumer" WHERE "seenAt" > now() - make_interval(secs => ${LEASE_SECONDS})) AS "consumers",
      (SELECT count(*)::int FROM "StreamPartition") AS "partitions"`;
  const share = Math.ceil(counts!.partitions / Math.max(1, counts!.consumers));
  const held = await db.$queryRaw<HeldPartition[]>`
    UPDATE "StreamPartition" SET "leaseUntil" = ${lease}
    WHERE "leaseOwner" = ${owner}
    RETURNING "accountId", "mode", "bucket", "committedSeq"`;
  held.sort(byKey);
  if (held.length > share) {
    const extra = held.splice(share);
    await db.$executeRaw`
      UPDATE "StreamPartition" SET "leaseOwner" = NULL, "leaseUntil" = NULL
      WHERE "leaseOwner" = ${owner} AND ("accountId", "mode", "bucket") IN (${Prisma.join(extra.map(key))})`;
    return held;
  }
  if (held.length === share) return held;
  const claimed = await db.$queryRaw<HeldPartition[]>`
    UPDATE "StreamPartition" s SET "leaseOwner" = ${owner}, "leaseUntil" = ${lease}
    FROM (
      SELECT "accountId", "mode", "bucket" FROM "StreamPartition"
      WHERE "leaseOwner" IS NULL OR "leaseUntil" < now()
      ORDER BY "accountId", "mode", "bucket"
      LIMIT ${share - held.length}
      FOR UPDATE SKIP LOCKED
    ) free
    WHERE s."accountId" = free."accountId" AND s."mode" = free."mode" AND s."bucket" = free."bucket"
    RETURNING s."accountId", s."mode", s."bucket", s."committedSeq"`;
  return [...held, ...claimed].sort(byKey);
}

/** A stopping consumer hands its partitions back at once, and leaves the count of consumers alive. */
export async function releaseAll(db: Db, owner: string): Promise<void> {
  await db.$executeRaw`UPDATE "StreamPartition" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "leaseOwner" = ${owner}`;
  await db.$executeRaw`DELETE FROM "StreamConsumer" WHERE "id" = ${owner}`;
}

/**
 * The tenant's partitions that have not stored everything up to `after` (every published event,
 * when null), with the position each must reach.
 */
export async function pendingPartitions(
  db: Db,
  scope: Scope,
  after: bigint | null,
): Promise<Array<Partition & { target: bigint }>> {
  const target = after === null ? Prisma.sql`"publishedSeq"` : Prisma.sql`least("publishedSeq", ${after}::bigint)`;
  return db.$queryRaw<Array<Partition & { target: bigint }>>`
    SELECT "accountId", "mode", "bucket", ${target} AS "target" FROM "StreamPartition"
    WHERE "accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode" AND "committedSeq" < ${target}`;
}

/** Of the partitions, those whose stored position is still below their target. */
export async function stillPending(
  db: Db,
  pending: Array<Partition & { target: bigint }>,
): Promise<Array<Partition & { target: bigint }>> {
  const rows = pending.map(
    (p) => Prisma.sql`(${p.accountId}, ${p.mode}::"Mode", ${p.bucket}::int, ${p.target}::bigint)`,
  );
  return db.$queryRaw<Array<Partition & { target: bigint }>>`
    SELECT s."accountId", s."mode", s."bucket", v."target" FROM "StreamPartition" s
    JOIN (VALUES ${Prisma.join(rows)}) AS v("accountId", "mode", "bucket", "target")
      ON s."accountId" = v."accountId" AND s."mode" = v."mode" AND s."bucket" = v."bucket"
    WHERE s."committedSeq" < v."target"`;
}

function byKey(a: Partition, b: Partition): number {
  return a.accountId.localeCompare(b.accountId) || a.mode.localeCompare(b.mode) || a.bucket - b.bucket;
}
