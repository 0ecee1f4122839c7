// The SQL seeder of figure 3: millions of events for one customer in minutes, where the bulk path
// (recordMeterEvents, ~10–30k events/s here) would take most of the run. It writes what ingest
// writes: MeterEvent rows (seq from the same sequence) and their hourly rollups through the
// server's own upsert (addToRollups, from services/meter-events/insert.ts), in chunks of one
// transaction each. Foreign-key triggers are off while it runs (session_replication_role =
// replica): the rows name the one meter and customer created through the API. Then it folds the
// past hours as the server's job would (foldPastHours), now rather than during the measurements.
// The figure then checks every answer of the server against a raw recomputation from the events.
import type { Scope } from "../../src/db/tenant.js";
import { Prisma } from "../../src/generated/prisma/client.js";
import { FOLD_AGE_MS, foldPastHours } from "../../src/services/meter-events/fold-job.js";
import { addToRollups } from "../../src/services/meter-events/insert.js";
import type { DirectSql } from "./database.js";

export interface SeedTarget {
  scope: Scope;
  meterId: string;
  customerId: string;
  /** Events get timestamps spread (pseudo-randomly, evenly) over [start, end). */
  start: Date;
  end: Date;
}

const CHUNK = 250_000;

/** Adds the events numbered from+1 … to (identifiers seed-<n>, so stages can follow each other). */
export async function seedEvents(direct: DirectSql, t: SeedTarget, from: number, to: number): Promise<void> {
  const spanMs = t.end.getTime() - t.start.getTime();
  await direct.query("SET session_replication_role = replica");
  try {
    for (let first = from + 1; first <= to; first += CHUNK) {
      const last = Math.min(to, first + CHUNK - 1);
      await direct.transaction(async (tx) => {
        await tx.$executeRaw`
        WITH inserted AS (
          INSERT INTO "MeterEvent" ("accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "createdAt")
          SELECT ${t.scope.accountId}, ${t.scope.mode}::"Mode", 'seed-' || lpad(g::text, 10, '0'), ${t.meterId}, ${t.customerId},
                 round(((g::bigint * 7919) % 100000)::numeric / 1000, 3),
                 ${t.start.toISOString()}::timestamptz + ((g::bigint * 104729) % ${spanMs}::bigint) * interval '1 millisecond',
                 now()
          FROM generate_series(${first}::int, ${last}::int) g
          ORDER BY 7
          RETURNING *
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
    (await direct.query(`SELECT 1 FROM "MeterUsageHour" WHERE "shard" <> 0 AND "hour" < $1 LIMIT 1`, [before.toISOString()])).length > 0;
  while (await unfolded()) {
    if ((await foldPastHours(direct, before)) === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // What autovacuum does after bulk inserts: statistics, and the visibility map index-only scans
  // need. Then a checkpoint, so that writing out the seeded pages does not overlap the measurement.
  await direct.query(`VACUUM ANALYZE "MeterEvent"`);
  await direct.query(`VACUUM ANALYZE "MeterUsageHour"`);
  await direct.query(`VACUUM ANALYZE "MeterUsageMinute"`);
  await direct.query("CHECKPOINT");
}
