// Migrating the embedded database through the server's own connection, recording each migration in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so that the CLI's `migrate status`
// and `migrate deploy` agree with it. The CLI is not used for it: it opens the configured adapter
// twice, and two PGlite instances on one data folder corrupt it (RuntimeError: Aborted()).
import { createHash, randomUUID } from "node:crypto";
import type { Database } from "./client.js";
import { migrationFiles } from "./migrations.js";

/** Prisma's own definition of its history table (PostgreSQL connector). */
const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** A migration that started and never finished: Prisma's P3009, which an operator must resolve. */
class FailedMigrationError extends Error {
  constructor(readonly migrationName: string) {
    super(
      `Migration ${migrationName} started earlier and did not finish: resolve it with ` +
        "`prisma migrate resolve` before the database can be migrated.",
    );
    this.name = "FailedMigrationError";
  }
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Applies the migrations not yet recorded, in order; resolves with the names of those applied. */
export async function applyPendingMigrations(database: Pick<Database, "script" | "sql">): Promise<string[]> {
  await database.script(CREATE_HISTORY);
  const history = await database.sql.$queryRaw<HistoryRow[]>`
    SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`;
  const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) throw new FailedMigrationError(failed.migration_name);
  const applied = new Set(history.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
  const appliedNow: string[] = [];
  for (const { name, sql } of await migrationFiles()) {
    if (applied.has(name)) continue;
    const checksum = createHash("sha256").update(sql).digest("hex");
    const startedAt = new Date().toISOString();
    // One simple query runs as one transaction: the migration and its record commit together or
    // not at all, so a crash never leaves a half-applied migration behind.
    await database.script(`${sql}
;
INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
VALUES (${literal(randomUUID())}, ${literal(checksum)}, clock_timestamp(), ${literal(name)}, ${literal(startedAt)}, 1);`);
    appliedNow.push(name);
  }
  return appliedNow;
}
