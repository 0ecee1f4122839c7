// The databases a run measures, each fresh: a scratch PostgreSQL database on DATABASE_URL's
// server (created here, dropped at the end), and a file-backed PGlite in a temporary directory.
// The bench reaches them directly too (references, seeding, exactness checks): PostgreSQL at any
// time, PGlite only while no server holds it (it is single-process).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Prisma } from "../../src/generated/prisma/client.js";
import { randomBase62 } from "../../src/ids.js";

export type DatabaseKind = "postgres" | "pglite";

/** SQL from the bench process, as text with $n parameters or as a Prisma.sql fragment. */
export interface DirectSql {
  query<T = Record<string, unknown>>(sql: string | Prisma.Sql, params?: unknown[]): Promise<T[]>;
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

const text = (sql: string | Prisma.Sql, params: unknown[] = []) =>
  typeof sql === "string" ? { text: sql, values: params } : { text: sql.text, values: sql.values };

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
    serverEnv: { DATABASE_URL: url.toString() },
    async open() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return {
        url: url.toString(),
        query: async (sql, params) => (await client.query(text(sql, params))).rows,
        close: () => client.end(),
      };
    },
    async dispose() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      // Write out what the run left dirty now, not during the next measurements (PGlite's figures
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
      return {
        query: async (sql, params) => {
          const { text: t, values } = text(sql, params);
          return (await db.query(t, values)).rows as never[];
        },
        close: () => db.close(),
      };
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
