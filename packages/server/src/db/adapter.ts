// The server's connections: a PostgreSQL server, or the embedded PGlite, which runs on a thread of
// its own and speaks the same protocol (embedded.ts); both through node-postgres. Prisma runs its
// JS engine on top; direct SQL (direct-sql.ts) and plain SQL transactions (Database.transaction)
// use the same connections without Prisma. Kept free of the generated Prisma client.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { Decimal } from "@prisma/client/runtime/client";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseConfigFromEnv, IN_MEMORY, type DatabaseConfig } from "./config.js";
import { startEmbeddedPostgres } from "./embedded.js";
import { parseTimestamptz } from "./timestamptz.js";

/**
 * Runs one statement on a connection: rows as objects, typed like $queryRaw's, and the row count.
 * In a transaction, statements issued without waiting for each other run in the order issued.
 */
export type RunSql = (text: string, values: unknown[]) => Promise<{ rows: unknown[]; count: number }>;

export interface OpenAdapter {
  factory: PrismaPg;
  /** Another Prisma driver adapter on the same connections, for a second client (one that logs). */
  another(): PrismaPg;
  /** Direct SQL outside transactions, on the same connections as Prisma (Database.sql). */
  direct: RunSql;
  /** A plain SQL transaction on one connection: committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(fn: (run: RunSql) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (a migration) outside transactions. */
  script(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * No parallel plans: every statement of the server is bounded by an index range, so starting
 * workers costs more than it saves, and far more on a busy host
 * (docs/operations/databases.md#session-settings).
 */
export const SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0";

/** Type parsers (by type OID) that make driver results look like $queryRaw's. */
const PRISMA_LIKE_PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text), // int8
  1700: (text) => new Decimal(text), // numeric
  1184: parseTimestamptz, // timestamptz, as pg's parser reads it
};

export async function openAdapterFactory(config: DatabaseConfig = databaseConfigFromEnv()): Promise<OpenAdapter> {
  if (config.kind === "postgres") {
    const direct = config.statementCache !== false;
    return adapterOnPool(
      new pg.Pool({
        connectionString: config.url,
        allowExitOnIdle: true,
        max: poolSize(),
        pipeline: true,
        // A pooler in transaction mode rejects startup options and would not keep them: there the
        // operator sets this on the role (docs/operations/databases.md#session-settings).
        ...(direct ? { options: SESSION_OPTIONS } : {}),
      }),
      { namedStatements: direct },
    );
  }
  if (config.dataDir !== IN_MEMORY) mkdirSync(config.dataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres(config.dataDir);
  // PGlite is one session: one connection, which callers wait for in turn. Kept open while idle:
  // reconnecting would only reset the session.
  const pool = new pg.Pool({
    host: embedded.socketDir,
    user: "postgres",
    database: "postgres",
    max: 1,
    idleTimeoutMillis: 0,
    allowExitOnIdle: true,
    pipeline: true,
  });
  return adapterOnPool(pool, { namedStatements: true }, embedded.close);
}

/** `namedStatements`: prepare direct SQL once per connection (statementName), else send it unnamed. */
function adapterOnPool(
  pool: pg.Pool,
  options: { namedStatements: boolean },
  closeDatabase?: () => Promise<void>,
): OpenAdapter {
  const nameOf = options.namedStatements ? statementName : () => undefined;
  return {
    factory: new PrismaPg(pool, { disposeExternalPool: true }),
    another: () => new PrismaPg(pool),
    direct: (text, values) => runStatement(pool, nameOf, text, values),
    transaction: (fn) => transactionOnPg(pool, nameOf, fn),
    script: async (sql) => void (await pool.query(sql)),
    // Prisma's $disconnect ends the pool (disposeExternalPool), but only if it ever connected:
    // direct SQL alone would leave its connections open.
    async close() {
      if (!pool.ended) await pool.end();
      await closeDatabase?.();
    },
  };
}

const pgTypes = {
  getTypeParser: (oid: number, format?: string) =>
    PRISMA_LIKE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text"),
};

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

async function runStatement(
  on: pg.Pool | pg.PoolClient,
  nameOf: (text: string) => string | undefined,
  text: string,
  values: unknown[],
): Promise<{ rows: unknown[]; count: number }> {
  const result = await on.query({ name: nameOf(text), text, values, types: pgTypes as pg.CustomTypesConfig });
  return { rows: result.rows, count: result.rowCount ?? 0 };
}

/**
 * The pool's connections pipeline (pg's pipeline mode): a statement issued while earlier ones are
 * unanswered is written at once, so BEGIN, the first statement and any issued with it cost one
 * round trip. Each still runs after the one before it, in its own snapshot. Statements issued in
 * the same tick also share one write: pg writes each query to the socket on its own, and a write
 * costs the server more CPU than encoding the statement.
 * A transaction that sends nothing sends no BEGIN and no COMMIT either.
 */
async function transactionOnPg<T>(
  pool: pg.Pool,
  nameOf: (text: string) => string | undefined,
  fn: (run: RunSql) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const socket = client.connection.stream;
  let corked = false;
  let begun = false;
  const run: RunSql = (text, values) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    if (begun) return runStatement(client, nameOf, text, values);
    begun = true;
    return Promise.all([client.query("BEGIN"), runStatement(client, nameOf, text, values)]).then(
      ([, result]) => result,
    );
  };
  let broken: Error | undefined;
  try {
    const result = await fn(run);
    if (begun) await client.query("COMMIT");
    return result;
  } catch (error) {
    if (begun) await client.query("ROLLBACK").catch((rollbackError: Error) => void (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not roll back is discarded, not returned to the pool.
    client.release(broken);
  }
}

function poolSize(): number {
  const fromEnv = Number.parseInt(process.env.TALLY_DB_POOL_SIZE ?? "", 10);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}
