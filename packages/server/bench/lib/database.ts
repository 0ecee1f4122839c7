// The databases a run measures, each fresh: a scratch PostgreSQL database on DATABASE_URL's
// server (created here, dropped at the end), and a file-backed PGlite in a temporary directory.
// The bench reaches them directly too (references, seeding, exactness checks): PostgreSQL at any
// time, PGlite only while no server holds it (it is single-process).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { RunSql } from "../../src/db/adapter.js";
import type { Database } from "../../src/db/client.js";
import { directDb } from "../../src/db/direct-sql.js";
import type { Prisma } from "../../src/generated/prisma/client.js";
import { randomBase62 } from "../../src/ids.js";

export type DatabaseKind = "postgres" | "pglite";

/** SQL from the bench process, as text with $n parameters or as a Prisma.sql fragment. */
export interface DirectSql {
  query<T = Record<string, unknown>>(sql: string | Prisma.Sql, params?: unknown[]): Promise<T[]>;
  /** A plain SQL transaction on this connection, as the server's: for server code the bench runs itself. */
  transaction: Database["transaction"];
  /** PostgreSQL only: the connection string, for more connections. */
  url?: string;
  close(): Promise<void>;
}

export interface Target {
  kind: DatabaseKind;
  /** What `tally serve` needs to use this database. */
  serverEnv: Record<string, string>;
  open(): Promise<DirectSql>;
  dispose(): Promise<void>;
}

function directSql(run: RunSql, close: () => Promise<void>, url?: string): DirectSql {
  return {
    url,
    close,
    async query<T>(sql: string | Prisma.Sql, params: unknown[] = []) {
      const { text, values } = typeof sql === "string" ? { text: sql, values: params } : sql;
      return (await run(text, values)).rows as T[];
    },
    async transaction(fn) {
      await run("BEGIN", []);
      try {
        const result = await fn(directDb(run));
        await run("COMMIT", []);
        return result;
      } catch (error) {
        await run("ROLLBACK", []);
        throw error;
      }
    },
  };
}

export async function postgresTarget(serverUrl: string): Promise<Target> {
  const name = `tally_bench_${randomBase62(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    serverEnv: { DATABASE_URL: url.toString(), TALLY_MIGRATE_ON_START: "1" },
    async open() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      const run: RunSql = async (text, values) => {
        const result = await client.query(text, values);
        return { rows: result.rows, count: result.rowCount ?? 0 };
      };
      return directSql(run, () => client.end(), url.toString());
    },
    async dispose() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      // BENCH_KEEP_DB=1: left for EXPLAIN after the run (drop it by hand).
      if (process.env.BENCH_KEEP_DB === "1") console.log(`kept database ${name}`);
      else await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      // Write out what the run left dirty now, not during the next measurements (PGlite's measurements
      // run on the same disk and cores right after).
      await client.query("CHECKPOINT");
      await client.end();
    },
  };
}

export function pgliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "tally-bench-"));
  const dataDir = join(dir, "data");
  return {
    kind: "pglite",
    serverEnv: { TALLY_DATA_DIR: dataDir },
    async open() {
      const db = await PGlite.create(dataDir);
      const run: RunSql = async (text, values) => {
        const result = await db.query(text, values);
        return { rows: result.rows, count: result.affectedRows ?? 0 };
      };
      return directSql(run, () => db.close());
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
