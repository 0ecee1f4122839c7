import { resolve } from "node:path";

/** Which database the process uses, from the environment (docs/operations/configuration.md#server). */
export type DatabaseConfig =
  | {
      kind: "postgres";
      url: string;
      /**
       * Prepare each statement once per connection under a name (default); off behind a pooler in
       * transaction mode (docs/operations/scaling.md#pgbouncer), where the next transaction may run
       * on another server connection that never saw the name.
       */
      statementCache?: boolean;
    }
  | { kind: "pglite"; dataDir: string };

export const IN_MEMORY = "memory://";

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL (unset it for the embedded database)");
    }
    return postgresConfig(url, env.TALLY_DB_STATEMENT_CACHE);
  }
  // `pnpm start` runs in the server package: INIT_CWD is where the user typed it.
  const cwd = env.INIT_CWD || process.cwd();
  const dataDir = env.TALLY_DATA_DIR?.trim() || ".tally/data";
  return { kind: "pglite", dataDir: dataDir === IN_MEMORY ? dataDir : resolve(cwd, dataDir) };
}

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "postgres") return `PostgreSQL (${new URL(config.url).host})`;
  return config.dataDir === IN_MEMORY ? "embedded PGlite (in memory)" : `embedded PGlite (${config.dataDir})`;
}

/**
 * `pgbouncer=true` in the URL (Prisma's spelling, removed before the driver sees it) or
 * TALLY_DB_STATEMENT_CACHE=off turn the statement cache off.
 */
function postgresConfig(raw: string, statementCacheSetting: string | undefined): DatabaseConfig {
  const url = new URL(raw);
  const pgbouncer = url.searchParams.get("pgbouncer");
  url.searchParams.delete("pgbouncer");
  if (pgbouncer !== null && !["true", "false"].includes(pgbouncer)) {
    throw new Error(`DATABASE_URL's pgbouncer parameter must be true or false; got ${pgbouncer}`);
  }
  const setting = statementCacheSetting?.trim().toLowerCase();
  if (setting && !["on", "off"].includes(setting)) {
    throw new Error(`TALLY_DB_STATEMENT_CACHE must be on or off; got ${statementCacheSetting}`);
  }
  const statementCache = pgbouncer !== "true" && setting !== "off";
  return { kind: "postgres", url: pgbouncer === null ? raw : url.toString(), statementCache };
}
