// Applying the one migration history: `prisma migrate deploy` for PostgreSQL (the operator's tool),
// under an advisory lock that lets one process migrate at a time (`tally migrate`, or replicas with
// TALLY_MIGRATE_ON_START=1); the same SQL files through the server's own connection for the
// embedded database (migration-history.ts) and for fresh test databases.
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import type { DatabaseConfig } from "./config.js";

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const migrationsDir = join(serverRoot, "prisma/migrations");

interface MigrationFile {
  /** The folder's name: `<yyyymmddhhmmss>_<name>`, Prisma's migration name. */
  name: string;
  sql: string;
}

/** The migrations in order of their folder names (timestamps). */
export async function migrationFiles(): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => ({ name, sql: await readFile(join(migrationsDir, name, "migration.sql"), "utf8") })),
  );
}

/** The migration SQL files in order of their folder names (timestamps). */
async function migrationScripts(): Promise<string[]> {
  return (await migrationFiles()).map((m) => m.sql);
}

/** Runs every migration on an empty database through `exec` (a PGlite or pg `exec`/`query`). */
export async function applyMigrationScripts(exec: (sql: string) => Promise<unknown>): Promise<void> {
  for (const sql of await migrationScripts()) await exec(sql);
}

/** `prisma migrate deploy` against the configured database; resolves with the CLI's output. */
export async function deployMigrations(config: DatabaseConfig): Promise<string> {
  const prismaCli = createRequire(join(serverRoot, "package.json")).resolve("prisma/build/index.js");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: config.kind === "postgres" ? config.url : "" };
  if (config.kind === "pglite") env.TALLY_DATA_DIR = config.dataDir;
  const { stdout } = await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: serverRoot,
    env,
  });
  return stdout;
}

/**
 * `prisma migrate deploy` while holding the session advisory lock `tally:migrate`: processes that
 * migrate at once wait in turn (Prisma's own lock gives up after 10 s), and each finds what the
 * one before it applied.
 */
export async function deployMigrationsLocked(config: { kind: "postgres"; url: string }): Promise<string> {
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('tally:migrate'))");
    return await deployMigrations(config);
  } finally {
    await client.end(); // the session's end releases the lock
  }
}
