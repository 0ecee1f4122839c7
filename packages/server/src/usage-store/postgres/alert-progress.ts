// The running partial aggregates of usage alerts (UsageAlertProgress), one per (alert, customer),
// kept by ingest (docs/concepts/alerts.md#alert-crossing): a ONE_TIME alert's since its creation,
// an EVERY_PERIOD alert's of the billing period it counts (periodStart, periodEnd).
import type { PartialAggregate, Period } from "@tally/billing";
import { sameTenant, scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { AlertProgress, AlertProgressEntry } from "../store.js";
import { mergeExcludedInto, PARTIAL_COLUMNS, partialOfEvents } from "./aggregate.js";
import { partialOfRow, type PartialColumns } from "./reads.js";

/** The rows aliased `a` and `b` count the same period (or both never end). */
const samePeriodSql = (a: string, b: string) =>
  Prisma.raw(
    `${a}."periodStart" IS NOT DISTINCT FROM ${b}."periodStart" AND ${a}."periodEnd" IS NOT DISTINCT FROM ${b}."periodEnd"`,
  );

/**
 * Adds the entries to their running aggregates in one statement, except pairs already triggered
 * in their period; returns each pair with its aggregate. Rows are upserted in (alert, customer)
 * order, so concurrent batches cannot deadlock on them, and the upsert's row lock serialises
 * concurrent ingests, so each sees the sum of all before it. A row of another period is locked but
 * left as it is (ON CONFLICT … WHERE), and a row this statement's snapshot did not know in the
 * entries' period may miss events committed before it: both come back incomplete. The events come
 * as the caller stored them, not read back: a lookup of a batch's events among the account's may
 * be planned as a scan of them all while statistics still count few.
 */
export async function addToAlertProgress(
  tx: Db,
  scope: Scope,
  entries: readonly AlertProgressEntry[],
  oneTimePeriod: Date,
): Promise<AlertProgress[]> {
  if (entries.length === 0) return [];
  const rows = await tx.$queryRaw<Array<PartialColumns & { alertId: string; customerId: string; complete: boolean }>>`
    WITH batch AS (
      SELECT e."alertId", e."customerId", e."periodStart", e."periodEnd", ${partialOfEvents("e")}
      FROM unnest(
        ${entries.map((c) => c.alertId)}::text[], ${entries.map((c) => c.customerId)}::text[],
        ${entries.map((c) => c.value.toFixed())}::numeric[], ${entries.map((c) => c.timestamp.toISOString())}::timestamptz[],
        ${entries.map((c) => c.seq.toString())}::bigint[],
        ${entries.map((c) => c.period?.start.toISOString() ?? null)}::timestamptz[],
        ${entries.map((c) => c.period?.end.toISOString() ?? null)}::timestamptz[]
      ) AS e("alertId", "customerId", "value", "timestamp", "seq", "periodStart", "periodEnd")
      WHERE NOT EXISTS (
        SELECT 1 FROM "AlertTrigger" t
        WHERE ${scopeClause(scope, "t")} AND t."alertId" = e."alertId" AND t."customerId" = e."customerId"
          AND t."periodStart" = coalesce(e."periodStart", ${oneTimePeriod}::timestamptz)
      )
      GROUP BY e."alertId", e."customerId", e."periodStart", e."periodEnd"
    ),
    known AS (
      SELECT p."alertId", p."customerId" FROM "UsageAlertProgress" p
      JOIN batch b ON b."alertId" = p."alertId" AND b."customerId" = p."customerId" AND ${samePeriodSql("p", "b")}
      WHERE ${scopeClause(scope, "p")}
    ),
    added AS (
      INSERT INTO "UsageAlertProgress" AS p ("alertId", "customerId", "accountId", "mode", "periodStart", "periodEnd", ${PARTIAL_COLUMNS})
      SELECT b."alertId", b."customerId", ${scope.accountId}, ${scope.mode}::"Mode", b."periodStart", b."periodEnd",
             b."count", b."sum", b."max", b."lastValue", b."lastTimestamp", b."lastSeq"
      FROM batch b
      ORDER BY b."alertId", b."customerId"
      ON CONFLICT ("accountId", "mode", "alertId", "customerId") DO UPDATE SET ${mergeExcludedInto("p")}
      WHERE ${samePeriodSql("p", "excluded")}
      RETURNING p."alertId", p."customerId", ${PARTIAL_COLUMNS}
    )
    SELECT b."alertId", b."customerId", a."count", a."sum", a."max", a."lastValue", a."lastTimestamp", a."lastSeq",
           a."alertId" IS NOT NULL AND (b."periodEnd" IS NULL OR k."alertId" IS NOT NULL) AS "complete"
    FROM batch b
    LEFT JOIN added a ON a."alertId" = b."alertId" AND a."customerId" = b."customerId"
    LEFT JOIN known k ON k."alertId" = b."alertId" AND k."customerId" = b."customerId"
    ORDER BY b."alertId", b."customerId"`;
  return rows.map((row) => ({
    alertId: row.alertId,
    customerId: row.customerId,
    partial: row.complete ? partialOfRow(row) : null,
  }));
}

/** Sets the pairs' rows (locked by addToAlertProgress) to their periods' aggregates. */
export async function setAlertProgress(
  tx: Db,
  scope: Scope,
  rows: ReadonlyArray<{ alertId: string; customerId: string; period: Period; partial: PartialAggregate }>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "UsageAlertProgress" p
    SET "periodStart" = r."periodStart", "periodEnd" = r."periodEnd", "count" = r."count", "sum" = r."sum", "max" = r."max",
        "lastValue" = r."lastValue", "lastTimestamp" = r."lastTimestamp", "lastSeq" = r."lastSeq"
    FROM unnest(
      ${rows.map((r) => r.alertId)}::text[], ${rows.map((r) => r.customerId)}::text[],
      ${rows.map((r) => r.period.start.toISOString())}::timestamptz[], ${rows.map((r) => r.period.end.toISOString())}::timestamptz[],
      ${rows.map((r) => r.partial.count.toFixed())}::bigint[], ${rows.map((r) => r.partial.sum.toFixed())}::numeric[],
      ${rows.map((r) => r.partial.max?.toFixed() ?? null)}::numeric[], ${rows.map((r) => r.partial.last?.value.toFixed() ?? null)}::numeric[],
      ${rows.map((r) => r.partial.last?.timestamp.toISOString() ?? null)}::timestamptz[],
      ${rows.map((r) => r.partial.last?.seq.toString() ?? null)}::bigint[]
    ) AS r("alertId", "customerId", "periodStart", "periodEnd", "count", "sum", "max", "lastValue", "lastTimestamp", "lastSeq")
    WHERE p."alertId" = r."alertId" AND p."customerId" = r."customerId" AND ${scopeClause(scope, "p")}`;
}

/**
 * Forgets the customer's period aggregates of the meter's alerts, after a change to its stored
 * usage other than an ingest (a cancellation): the next ingest reads their periods again.
 */
export async function forgetPeriodProgress(
  tx: Db,
  scope: Scope,
  q: { meterId: string; customerId: string },
): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM "UsageAlertProgress" p USING "UsageAlert" a
    WHERE ${sameTenant("a", "p")} AND a."id" = p."alertId" AND a."meterId" = ${q.meterId} AND p."customerId" = ${q.customerId}
      AND p."periodEnd" IS NOT NULL AND ${scopeClause(scope, "p")}`;
}
