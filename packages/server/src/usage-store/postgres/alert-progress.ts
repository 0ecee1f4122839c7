// The running partial aggregates of ONE_TIME usage alerts (UsageAlertProgress), one per (alert,
// customer), kept by ingest (docs/concepts/alerts.md#alert-crossing).
import type { PartialAggregate } from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import type { AlertProgressEntry } from "../store.js";
import { mergeExcludedInto, PARTIAL_COLUMNS, partialOfEvents } from "./aggregate.js";
import { partialOfRow, type PartialColumns } from "./reads.js";

/**
 * Adds the entries to their running aggregates in one statement, except pairs already triggered
 * in `triggeredPeriod`; returns each updated pair with its aggregate. Rows are upserted in (alert,
 * customer) order, so concurrent batches cannot deadlock on them, and the upsert's row lock
 * serialises concurrent ingests, so each sees the sum of all before it. The events come as the
 * caller stored them, not read back: a lookup of a batch's events among the account's may be
 * planned as a scan of them all while statistics still count few.
 */
export async function addToAlertProgress(
  tx: Db,
  scope: Scope,
  entries: readonly AlertProgressEntry[],
  triggeredPeriod: Date,
): Promise<Array<{ alertId: string; customerId: string; partial: PartialAggregate }>> {
  if (entries.length === 0) return [];
  const rows = await tx.$queryRaw<Array<PartialColumns & { alertId: string; customerId: string }>>`
    INSERT INTO "UsageAlertProgress" AS p ("alertId", "customerId", "accountId", "mode", ${PARTIAL_COLUMNS})
    SELECT e."alertId", e."customerId", ${scope.accountId}, ${scope.mode}::"Mode", ${partialOfEvents("e")}
    FROM unnest(
      ${entries.map((c) => c.alertId)}::text[], ${entries.map((c) => c.customerId)}::text[],
      ${entries.map((c) => c.value.toFixed())}::numeric[], ${entries.map((c) => c.timestamp.toISOString())}::timestamptz[],
      ${entries.map((c) => c.seq.toString())}::bigint[]
    ) AS e("alertId", "customerId", "value", "timestamp", "seq")
    WHERE NOT EXISTS (
      SELECT 1 FROM "AlertTrigger" t
      WHERE ${scopeClause(scope, "t")} AND t."alertId" = e."alertId" AND t."customerId" = e."customerId"
        AND t."periodStart" = ${triggeredPeriod}::timestamptz
    )
    GROUP BY e."alertId", e."customerId"
    ORDER BY e."alertId", e."customerId"
    ON CONFLICT ("accountId", "mode", "alertId", "customerId") DO UPDATE SET ${mergeExcludedInto("p")}
    RETURNING p."alertId", p."customerId", p."count", p."sum", p."max", p."lastValue", p."lastTimestamp", p."lastSeq"`;
  return rows.map((row) => ({ alertId: row.alertId, customerId: row.customerId, partial: partialOfRow(row) }));
}
