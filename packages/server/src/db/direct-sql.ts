// Direct SQL, inside Prisma transactions and outside (Database.sql). Prisma plans every statement in its WASM query compiler,
// raw SQL included: text and parameters are JSON-encoded into WASM and the plan decoded back, half
// a millisecond of CPU and more for the ingest statement, which was most of the server's work per
// recorded event. `withDirectSql` opens an interactive transaction as usual and also hands over
// `sql`, a `Db` on that transaction's own connection that sends Prisma.sql fragments as they are.
// Both see the same snapshot, locks and writes. Results are typed like $queryRaw's.
//
// The connection is reported by db/adapter.ts, which wraps where the driver adapters take it: a
// client checked out of the pg pool, or PGlite's transaction, in the async context of the
// $transaction call.
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";
import { captureTransactionConnection, type RunSql } from "./transaction-connection.js";

/** Raw SQL as $queryRaw and $executeRaw take it: a Prisma client, a transaction, or direct SQL. */
export interface Db {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

/** `db.$transaction(fn)`, with `sql`: direct SQL on the transaction's connection. */
export function withDirectSql<T>(db: PrismaClient, fn: (tx: Prisma.TransactionClient, sql: Db) => Promise<T>): Promise<T> {
  return captureTransactionConnection((connection) =>
    db.$transaction(async (tx) => {
      const run = connection();
      if (!run) throw new Error("withDirectSql: the transaction's connection was not reported by the adapter");
      return fn(tx, directDb(run));
    }),
  );
}

/** Parameters as PostgreSQL reads them from text: what Prisma would send for each JS value. */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint" || Prisma.Decimal.isDecimal(value)) return String(value);
  if (Array.isArray(value)) return value.map(parameter);
  return value;
}

/** A `Db` over `run`: Prisma.sql fragments sent as they are. */
export function directDb(run: RunSql): Db {
  const statement = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
    return run(sql.text, sql.values.map(parameter));
  };
  return {
    $queryRaw: async <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await statement(query, values)).rows as T,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await statement(query, values)).count,
  };
}
