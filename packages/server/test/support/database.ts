// A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database
// on the TEST_DATABASE_URL server (created here, dropped at close).
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/client.js";
import { IN_MEMORY } from "../../src/db/config.js";
import { applyMigrationScripts } from "../../src/db/migrations.js";
import { randomBase62 } from "../../src/ids.js";
import { ensureEventPartitions } from "../../src/usage-store/index.js";

export const onPostgres = process.env.TALLY_TEST_DB === "postgres";

export function postgresUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty PostgreSQL database; the returned function drops it. */
export async function createEmptyPostgresDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `tally_test_${randomBase62(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: postgresUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(): Promise<Database> {
  if (!onPostgres) {
    const database = await openDatabase({ kind: "pglite", dataDir: IN_MEMORY });
    await applyMigrationScripts(database.script);
    // As `tally migrate` leaves it: the months around now have their event partitions.
    await ensureEventPartitions(database, new Date());
    return database;
  }
  const empty = await createEmptyPostgresDatabase();
  const migrator = new pg.Client({ connectionString: empty.url });
  await migrator.connect();
  await applyMigrationScripts((sql) => migrator.query(sql));
  await migrator.end();
  const database = await openDatabase({ kind: "postgres", url: empty.url });
  await ensureEventPartitions(database, new Date());
  return {
    ...database,
    async close() {
      await database.close();
      await empty.drop();
    },
  };
}
