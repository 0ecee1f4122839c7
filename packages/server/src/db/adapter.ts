// Driver adapters shared by the server and the Prisma CLI: PostgreSQL through node-postgres, or
// embedded PGlite. Prisma runs its JS engine on top of either. Both report the connection of each
// transaction they open, for direct SQL inside it (direct-sql.ts).
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { databaseConfigFromEnv, IN_MEMORY, type DatabaseConfig } from "./config.js";
import { PRISMA_LIKE_PARSERS, reportTransactionConnection, type RunSql } from "./transaction-connection.js";

export interface OpenAdapter {
  factory: PrismaPg | PrismaPGlite;
  /** Direct SQL outside transactions, on the same connections as Prisma (Database.sql). */
  direct: RunSql;
  /** Set for the embedded database: lets callers run SQL files directly. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openAdapterFactory(config: DatabaseConfig = databaseConfigFromEnv()): Promise<OpenAdapter> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, allowExitOnIdle: true, max: poolSize() });
    // Prisma checks a client out with connect() (no callback) for each transaction; pool.query's
    // own checkouts pass a callback.
    const connect = pool.connect.bind(pool);
    pool.connect = ((callback?: Parameters<typeof pool.connect>[0]) => {
      if (callback) return connect(callback);
      return connect().then((client) => {
        reportTransactionConnection(runOnPg(client));
        return client;
      });
    }) as typeof pool.connect;
    const direct: RunSql = async (text, values) => {
      const result = await pool.query({ name: statementName(text), text, values, types: pgTypes as pg.CustomTypesConfig });
      return { rows: result.rows, count: result.rowCount ?? 0 };
    };
    return { factory: new PrismaPg(pool, { disposeExternalPool: true }), direct, close: async () => {} };
  }
  if (config.dataDir !== IN_MEMORY) mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir);
  // The PGlite adapter runs each Prisma transaction inside pglite.transaction().
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = (<T>(callback: (tx: PGliteTransaction) => Promise<T>) =>
    transaction((tx) => {
      reportTransactionConnection(runOnPglite(tx));
      return callback(tx);
    })) as typeof pglite.transaction;
  let closed = false;
  return {
    factory: new PrismaPGlite(pglite),
    direct: runOnPglite(pglite),
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}

const pgTypes = { getTypeParser: (oid: number, format?: string) => PRISMA_LIKE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text") };

/**
 * Direct SQL comes from a few fixed templates (parameters vary, text does not), so each statement
 * is prepared once per connection: PostgreSQL then skips parsing and, once it settles on a generic
 * plan, planning (for the ingest statement, more CPU than executing it for one event).
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `tally_${createHash("sha1").update(text).digest("hex")}`));
  return name;
}

function runOnPg(client: pg.PoolClient): RunSql {
  return async (text, values) => {
    const result = await client.query({ name: statementName(text), text, values, types: pgTypes as pg.CustomTypesConfig });
    return { rows: result.rows, count: result.rowCount ?? 0 };
  };
}

function runOnPglite(tx: PGliteTransaction | PGlite): RunSql {
  return async (text, values) => {
    const result = await tx.query(text, values, { parsers: PRISMA_LIKE_PARSERS });
    return { rows: result.rows, count: result.affectedRows ?? 0 };
  };
}

function poolSize(): number {
  const fromEnv = Number.parseInt(process.env.TALLY_DB_POOL_SIZE ?? "", 10);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}
