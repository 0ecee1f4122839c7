import { resolve } from "node:path";

/** Which database the process uses, from the environment (docs/operations/configuration.md#server). */
export type DatabaseConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export const IN_MEMORY = "memory://";

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL (unset it for the embedded database)");
    }
    return { kind: "postgres", url };
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
