// Direct SQL: Prisma.sql fragments sent to the driver as they are, outside transactions
// (Database.sql) and in plain SQL transactions (Database.transaction), because Prisma plans every
// statement in its WASM query compiler, raw SQL included, at a CPU cost larger than a hot
// statement's own work. Results are typed like $queryRaw's.
import { Prisma } from "../generated/prisma/client.js";
import type { RunSql } from "./adapter.js";
import type { Db } from "./transaction.js";

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
    $queryRaw: async <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await statement(query, values)).rows as T,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await statement(query, values)).count,
  };
}
