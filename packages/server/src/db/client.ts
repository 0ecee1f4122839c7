// Opening the database: a Prisma client over the chosen driver adapter.
import { PrismaClient } from "../generated/prisma/client.js";
import { openAdapterFactory } from "./adapter.js";
import type { DatabaseConfig } from "./config.js";
import { directDb } from "./direct-sql.js";
import type { Db } from "./transaction.js";
import type { PrismaPg } from "@prisma/adapter-pg";

export interface Database {
  prisma: PrismaClient;
  /**
   * Raw SQL outside transactions without the ORM's per-statement planning (direct-sql.ts), for
   * hot reads; not tenant-scoped, like all raw SQL.
   */
  sql: Db;
  /**
   * A plain SQL transaction on one connection, without Prisma (whose interactive transactions cost
   * several times the CPU of BEGIN/COMMIT): committed when `fn` resolves, rolled back when it
   * throws. Statements issued without waiting for each other run in the order issued (on
   * PostgreSQL they are pipelined: one round trip). Not tenant-scoped. On PGlite, `fn` must not
   * use Prisma or `sql`: they would wait for the one connection this transaction holds.
   */
  transaction<T>(fn: (sql: Db) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (a migration) outside transactions. */
  script(sql: string): Promise<void>;
  /** Another Prisma driver adapter on the same connections, for a second client (one that logs). */
  anotherPrismaAdapter(): PrismaPg;
  config: DatabaseConfig;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const adapter = await openAdapterFactory(config);
  // Prisma's default (2 s to start a transaction) turns a burst of requests into errors; waiting
  // for a connection is the right behaviour under load.
  const prisma = new PrismaClient({
    adapter: adapter.factory,
    transactionOptions: { maxWait: 30_000, timeout: 30_000 },
  });
  return {
    prisma,
    sql: directDb(adapter.direct),
    transaction: (fn) => adapter.transaction((run) => fn(directDb(run))),
    script: adapter.script,
    anotherPrismaAdapter: adapter.another,
    config,
    async close() {
      await prisma.$disconnect();
      await adapter.close();
    },
  };
}
