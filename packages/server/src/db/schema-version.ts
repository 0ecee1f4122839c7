// Whether this build may serve a database's schema (docs/operations/migrations.md#schema-versions):
// exactly the migrations it knows must be applied. A database with migrations this build does not
// know was migrated by a newer version, whose schema it may misread: refused. A database missing
// some of this build's migrations needs `tally migrate` first: refused too. Replicas already running
// are not checked again, so older replicas keep serving while a newer version's expand-only
// migrations are applied under them (a rolling upgrade).
import type { Database } from "./client.js";
import { migrationFiles } from "./migrations.js";

export class SchemaVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaVersionError";
  }
}

function listed(names: string[]): string {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/** Throws SchemaVersionError unless the applied migrations are exactly this build's. */
export async function assertKnownSchema(database: Pick<Database, "sql">): Promise<void> {
  const [{ exists }] = (await database.sql.$queryRaw<Array<{ exists: boolean }>>`
    SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`) as [{ exists: boolean }];
  const applied = exists
    ? (
        await database.sql.$queryRaw<Array<{ name: string }>>`
          SELECT "migration_name" AS "name" FROM "_prisma_migrations"
          WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`
      ).map((row) => row.name)
    : [];
  const known = (await migrationFiles()).map((m) => m.name);
  const unknown = applied.filter((name) => !known.includes(name)).sort();
  if (unknown.length > 0) {
    throw new SchemaVersionError(
      `The database's schema is newer than this version of Tally: it has migration(s) ${listed(unknown)}, ` +
        "applied by a later version. Run that version (or a later one) instead; see docs/operations/migrations.md#schema-versions.",
    );
  }
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    throw new SchemaVersionError(
      `The database's schema is older than this version of Tally: ${pending.length} migration(s) pending ` +
        `(${listed(pending)}). Run \`tally migrate\` first, or start with TALLY_MIGRATE_ON_START=1; ` +
        "see docs/operations/migrations.md#applying-migrations.",
    );
  }
}
