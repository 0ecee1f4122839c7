// The hourly rollups (MeterUsageHour): rows per (meter, customer, UTC hour) holding the engine's
// PartialAggregate of the hour's counting events, one per shard that wrote to the hour. insert.ts adds new events to them
// incrementally; recomputeHour rebuilds one hour from its raw events for changes that cannot be
// applied incrementally (a cancelled event may have been the hour's MAX or LAST).
import type { Scope } from "../../db/tenant.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../usage.js";

const HOUR_MS = 3_600_000;

export const ROLLUP_COLUMNS = Prisma.sql`("accountId", "mode", "meterId", "customerId", "hour", "shard", "count", "sum", "max", "lastValue", "lastTimestamp", "lastSeq")`;

/**
 * The shard a transaction writes: its connection's. Two transactions at once are on two
 * connections, whose backend pids (consecutive when the pool opens them) fall on different shards
 * of 8, so they do not wait for each other's rollup rows. An hour holds at most 8 rows.
 */
export const ROLLUP_SHARD = Prisma.sql`(pg_backend_pid() % 8)::smallint`;

/**
 * The partial aggregate of the events aliased `e`, as the values of ROLLUP_COLUMNS' last six:
 * LAST is the event with the latest timestamp, ties broken by the later receipt (seq).
 */
export const PARTIAL_OF_EVENTS = Prisma.sql`count(*), sum(e."value"), max(e."value"),
  (array_agg(e."value" ORDER BY e."timestamp" DESC, e."seq" DESC))[1], max(e."timestamp"),
  (array_agg(e."seq" ORDER BY e."timestamp" DESC, e."seq" DESC))[1]`;

/** All the hour's shards become one row; an hour left without counting events has none. */
export async function recomputeHour(tx: Db, scope: Scope, q: { meterId: string; customerId: string; at: Date }): Promise<void> {
  const hour = new Date(Math.floor(q.at.getTime() / HOUR_MS) * HOUR_MS);
  const next = new Date(hour.getTime() + HOUR_MS);
  await tx.$executeRaw`
    DELETE FROM "MeterUsageHour"
    WHERE "meterId" = ${q.meterId} AND "customerId" = ${q.customerId} AND "hour" = ${hour}::timestamptz
      AND "accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode"`;
  await tx.$executeRaw`
    INSERT INTO "MeterUsageHour" ${ROLLUP_COLUMNS}
    SELECT ${scope.accountId}, ${scope.mode}::"Mode", ${q.meterId}, ${q.customerId}, ${hour}::timestamptz, ${ROLLUP_SHARD}, ${PARTIAL_OF_EVENTS}
    FROM "MeterEvent" e
    WHERE e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId}
      AND e."accountId" = ${scope.accountId} AND e."mode" = ${scope.mode}::"Mode" AND e."canceledAt" IS NULL
      AND e."timestamp" >= ${hour}::timestamptz AND e."timestamp" < ${next}::timestamptz
    HAVING count(*) > 0`;
}
