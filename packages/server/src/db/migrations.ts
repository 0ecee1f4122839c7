// Applying the one migration history: `prisma migrate deploy` for real databases (the operator's
// tool, with its bookkeeping), direct execution of the same SQL files for fresh in-memory
// databases, which the CLI cannot reach from another process.
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { DatabaseConfig } from "./config.js";

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const migrationsDir = join(serverRoot, "prisma/migrations");

/** The migration SQL files in order of their folder names (timestamps). */
export async function migrationScripts(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(folders.map((f) => readFile(join(migrationsDir, f, "migration.sql"), "utf8")));
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
