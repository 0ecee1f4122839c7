// Stores validated events and counts them, in one SQL statement: a multi-row insert from unnest
// that skips identifiers already stored (the unique constraint decides, also between concurrent
// requests) and events in invoiced periods, and one set-based upsert of the hourly rollups of the
// rows actually inserted. Run it inside a transaction holding lockCustomersUsage(…, "shared").
import type { Scope } from "../../db/tenant.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../usage.js";
import { inInvoicedPeriod } from "./invoiced.js";
import { PARTIAL_OF_EVENTS, ROLLUP_COLUMNS } from "./rollup.js";
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

/** LAST's order (SPEC §2): later timestamp, ties broken by later receipt. */
const laterThanStored = Prisma.sql`(h."lastTimestamp" IS NULL OR (excluded."lastTimestamp", excluded."lastSeq") > (h."lastTimestamp", h."lastSeq"))`;

/** The inserted rows, each with `index`: its position in `events`. */
export async function insertEvents(tx: Db, scope: Scope, events: ValidEvent[]): Promise<Array<StoredEventRow & { index: number }>> {
  if (events.length === 0) return [];
  // Receipt order (seq, LAST's tie-breaker) is the list order, so seq is drawn before sorting; rows
  // are then written in identifier order so that concurrent batches take unique-index locks in the
  // same order and cannot deadlock (and the first of equal identifiers wins).
  const rows = await tx.$queryRaw<Array<StoredEventRow & { ord: bigint }>>`
    WITH input AS MATERIALIZED (
      SELECT nextval('"MeterEvent_seq_seq"') AS seq, t.*
      FROM unnest(
        ${events.map((e) => e.identifier)}::text[],
        ${events.map((e) => e.meter.id)}::text[],
        ${events.map((e) => e.customer.id)}::text[],
        ${events.map((e) => e.value.toFixed())}::numeric[],
        ${events.map((e) => e.timestamp.toISOString())}::timestamptz[],
        ${events.map((e) => (e.payload ? JSON.stringify(e.payload) : null))}::jsonb[],
        ${events.map((e) => e.receivedAt.toISOString())}::timestamptz[]
      ) WITH ORDINALITY AS t("identifier", "meterId", "customerId", "value", "timestamp", "payload", "createdAt", ord)
    ),
    inserted AS (
      INSERT INTO "MeterEvent" ("seq", "accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "payload", "createdAt")
      SELECT i.seq, ${scope.accountId}, ${scope.mode}::"Mode", i."identifier", i."meterId", i."customerId", i."value", i."timestamp", i."payload", i."createdAt"
      FROM input i
      WHERE NOT ${inInvoicedPeriod(scope, { customerId: Prisma.sql`i."customerId"`, meterId: Prisma.sql`i."meterId"`, timestamp: Prisma.sql`i."timestamp"` })}
      ORDER BY i."identifier", i.ord
      ON CONFLICT ("accountId", "mode", "identifier") DO NOTHING
      RETURNING *
    ),
    rollup AS (
      INSERT INTO "MeterUsageHour" AS h ${ROLLUP_COLUMNS}
      SELECT ${scope.accountId}, ${scope.mode}::"Mode", e."meterId", e."customerId", date_trunc('hour', e."timestamp", 'UTC'),
             ${PARTIAL_OF_EVENTS}
      FROM inserted e
      GROUP BY e."meterId", e."customerId", date_trunc('hour', e."timestamp", 'UTC')
      -- Rows locked in one order by everyone: concurrent batches cannot deadlock on rollups.
      ORDER BY e."meterId", e."customerId", date_trunc('hour', e."timestamp", 'UTC')
      ON CONFLICT ("meterId", "customerId", "hour") DO UPDATE SET
        "count" = h."count" + excluded."count",
        "sum" = h."sum" + excluded."sum",
        "max" = GREATEST(h."max", excluded."max"),
        "lastValue" = CASE WHEN ${laterThanStored} THEN excluded."lastValue" ELSE h."lastValue" END,
        "lastTimestamp" = CASE WHEN ${laterThanStored} THEN excluded."lastTimestamp" ELSE h."lastTimestamp" END,
        "lastSeq" = CASE WHEN ${laterThanStored} THEN excluded."lastSeq" ELSE h."lastSeq" END
    )
    SELECT i.ord, e.* FROM inserted e JOIN input i ON i.seq = e."seq"`;
  return rows.map(({ ord, ...row }) => ({ ...row, index: Number(ord) - 1 }));
}
