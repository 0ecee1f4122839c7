// Driver adapters shared by the server and the Prisma CLI: PostgreSQL through node-postgres, or
// embedded PGlite. Prisma runs its JS engine on top of either.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { databaseConfigFromEnv, IN_MEMORY, type DatabaseConfig } from "./config.js";

export interface OpenAdapter {
  factory: PrismaPg | PrismaPGlite;
  /** Set for the embedded database: lets callers run SQL files directly. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openAdapterFactory(config: DatabaseConfig = databaseConfigFromEnv()): Promise<OpenAdapter> {
  if (config.kind === "postgres") {
    const factory = new PrismaPg({ connectionString: config.url, allowExitOnIdle: true, max: poolSize() });
    return { factory, close: async () => {} };
  }
  if (config.dataDir !== IN_MEMORY) mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir);
  let closed = false;
  return {
    factory: new PrismaPGlite(pglite),
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}

function poolSize(): number {
  const fromEnv = Number.parseInt(process.env.TALLY_DB_POOL_SIZE ?? "", 10);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}
