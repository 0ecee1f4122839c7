// The SQL seeder of the usage-at-scale figure: millions of events for one customer in minutes,
// where the bulk path (recordMeterEvents) would take most of the run. It writes what ingest
// writes: MeterEvent rows (seq from the same sequence) and their hourly rollups through the
// server's own upsert (addToRollups, from usage-store/postgres/rollups.ts), in chunks of one
// transaction each. Foreign-key triggers are off while it runs (session_replication_role =
// replica): the rows name the one meter and customer created through the API. Then it folds the
// past hours as the server's job would (foldPastHours), now rather than during the measurements.
// The figure then checks every answer of the server against a raw recomputation from the events.
import type { Scope } from "../../src/db/tenant-scope.js";
import { Prisma } from "../../src/generated/prisma/client.js";
import { FOLD_AGE_MS, foldPastHours } from "../../src/services/meter-events/fold-job.js";
import { usageStore } from "../../src/usage-store/index.js";
import { addToRollups } from "../../src/usage-store/postgres/rollups.js";
import type { DirectSql } from "./database.js";

export interface SeedTarget {
  scope: Scope;
  meterId: string;
  customerId: string;
  /**
   * Events tagged with two dimension values (meter keys `model`, `token_type`), `models` ×
   * `tokenTypes` combinations in turn: payload and combination as ingest writes them.
   */
  dimensions?: { models: number; tokenTypes: number };
  /** Events get timestamps spread (pseudo-randomly, evenly) over [start, end). */
  start: Date;
  end: Date;
}

const CHUNK = 250_000;

/** The UTC months [start, end) touches, as their first instants. */
function monthsOf(start: Date, end: Date): Date[] {
  const months = [];
  for (let m = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1); m < end.getTime(); ) {
    months.push(new Date(m));
    const d = new Date(m);
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return months;
}

/** The combinations of a dimension-tagged target, per month of its range, as ingest stores them. */
async function seedCombinations(direct: DirectSql, t: SeedTarget, dims: { models: number; tokenTypes: number }) {
  await direct.transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "MeterDimensionCombination" ("accountId", "mode", "meterId", "customerId", "month", "values")
      SELECT ${t.scope.accountId}, ${t.scope.mode}::"Mode", ${t.meterId}, ${t.customerId}, m, jsonb_build_array('m' || i, 't' || j)
      FROM unnest(${monthsOf(t.start, t.end)}::timestamptz[]) m, generate_series(0, ${dims.models - 1}::int) i,
           generate_series(0, ${dims.tokenTypes - 1}::int) j
      ON CONFLICT DO NOTHING`;
  });
}

/** Adds the events numbered from+1 … to (identifiers seed-<n>, so stages can follow each other). */
export async function seedEvents(direct: DirectSql, t: SeedTarget, from: number, to: number): Promise<void> {
  const spanMs = t.end.getTime() - t.start.getTime();
  const dims = t.dimensions;
  if (dims) await seedCombinations(direct, t, dims);
  // Event g's values: model m(g mod models), token type t(g div models mod tokenTypes).
  const model = dims ? Prisma.sql`'m' || (g % ${dims.models})` : Prisma.sql`NULL`;
  const tokenType = dims ? Prisma.sql`'t' || ((g / ${dims.models}) % ${dims.tokenTypes})` : Prisma.sql`NULL`;
  await direct.query("SET session_replication_role = replica");
  try {
    for (let first = from + 1; first <= to; first += CHUNK) {
      const last = Math.min(to, first + CHUNK - 1);
      await direct.transaction(async (tx) => {
        await tx.$executeRaw`
        WITH combos AS MATERIALIZED (
          SELECT "id", "month", "values" FROM "MeterDimensionCombination"
          WHERE "accountId" = ${t.scope.accountId} AND "mode" = ${t.scope.mode}::"Mode" AND "meterId" = ${t.meterId}
            AND "customerId" = ${t.customerId}
        ),
        generated AS (
          SELECT g, ${t.start.toISOString()}::timestamptz + ((g::bigint * 104729) % ${spanMs}::bigint) * interval '1 millisecond' AS ts,
                 ${model} AS model, ${tokenType} AS token_type
          FROM generate_series(${first}::int, ${last}::int) g
        ),
        inserted AS (
          INSERT INTO "MeterEvent" ("accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "createdAt", "payload", "combinationId")
          SELECT ${t.scope.accountId}, ${t.scope.mode}::"Mode", 'seed-' || lpad(g::text, 10, '0'), ${t.meterId}, ${t.customerId},
                 round(((g::bigint * 7919) % 100000)::numeric / 1000, 3), ts, now(),
                 CASE WHEN model IS NULL THEN NULL ELSE jsonb_build_object('model', model, 'token_type', token_type) END,
                 coalesce(c."id", 0)
          FROM generated LEFT JOIN combos c ON c."month" = date_trunc('month', ts, 'UTC') AND c."values" = jsonb_build_array(model, token_type)
          ORDER BY 7
          RETURNING *
        ),
        identifiers AS (
          INSERT INTO "MeterEventIdentifier" ("accountId", "mode", "identifier", "meterId", "customerId", "timestamp", "seq")
          SELECT "accountId", "mode", "identifier", "meterId", "customerId", "timestamp", "seq" FROM inserted
        )
        ${addToRollups(t.scope, Prisma.sql`inserted`)}`;
      });
    }
  } finally {
    await direct.query("SET session_replication_role = origin");
  }
  // The server's own job may be folding meanwhile (one folder at a time): fold until no past
  // hour is left unfolded.
  const before = new Date(Date.now() - FOLD_AGE_MS);
  const unfolded = async () =>
    (
      await direct.query(`SELECT 1 FROM "MeterUsageHour" WHERE "shard" <> 0 AND "hour" < $1 LIMIT 1`, [
        before.toISOString(),
      ])
    ).length > 0;
  while (await unfolded()) {
    if ((await foldPastHours(direct, before)) === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // What autovacuum does after bulk inserts: statistics, and the visibility map index-only scans
  // need. Then a checkpoint, so that writing out the seeded pages does not overlap the measurement.
  await direct.query(`VACUUM ANALYZE "MeterEvent"`);
  await direct.query(`VACUUM ANALYZE "MeterUsageHour"`);
  await direct.query(`VACUUM ANALYZE "MeterUsageMinute"`);
  await direct.query(`VACUUM ANALYZE "MeterUsageDay"`);
  await direct.query(`VACUUM ANALYZE "MeterUsageBlock"`);
  // Without statistics a generic plan expects one combination and filters all of them for every group.
  await direct.query(`VACUUM ANALYZE "MeterDimensionCombination"`);
  await direct.query("CHECKPOINT");
}

/**
 * Gives each customer `months` finalized invoices of 30-day periods, the last ending a day ago,
 * each with a USAGE line of `priceId`: ingest checks every event against the usage periods already
 * invoiced, and real customers have a history. Written as storeFinalizedInvoice writes them: the
 * invoice, its line and its invoiced usage period (sealInvoicedPeriods, the server's own).
 */
export async function seedInvoiceHistory(
  direct: DirectSql,
  scope: Scope,
  priceId: string,
  customers: string[],
  months: number,
): Promise<void> {
  await direct.transaction(async (tx) => {
    const invoices = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Invoice" ("id", "accountId", "mode", "number", "customerId", "billingReason", "status", "currency", "periodStart", "periodEnd",
                             "subtotal", "creditsApplied", "total", "amountDue", "createdAt", "finalizedAt")
      SELECT 'in_history_' || c.id || '_' || m, ${scope.accountId}, ${scope.mode}::"Mode", 'HISTORY-' || c.id || '-' || m, c.id,
             'SUBSCRIPTION_CYCLE', 'OPEN', 'usd', p."end" - interval '30 days', p."end", 10, 0, 10, 10, p."end", p."end"
      FROM unnest(${customers}::text[]) AS c(id), generate_series(1, ${months}::int) m,
           LATERAL (SELECT now() - interval '1 day' - (m - 1) * interval '30 days' AS "end") p
      RETURNING "id"`;
    await tx.$executeRaw`
      INSERT INTO "InvoiceLine" ("id", "accountId", "mode", "invoiceId", "position", "kind", "description", "priceId", "quantity", "unitAmount", "amount", "periodStart", "periodEnd")
      SELECT 'il_' || inv."id", inv."accountId", inv."mode", inv."id", 0, 'USAGE', 'Usage', ${priceId}, 1000, 0.01, 10, inv."periodStart", inv."periodEnd"
      FROM "Invoice" inv WHERE inv."id" = ANY(${invoices.map((i) => i.id)}::text[])`;
    await usageStore(tx, scope).sealInvoicedPeriods(invoices.map((i) => i.id));
  });
}
