// The row count of every table: compared before and after a refused call, to show it stored nothing.
import type { Database } from "../../src/db/client.js";

export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.prisma.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`,
  );
  const counts = await database.prisma.$queryRawUnsafe<Array<{ name: string; count: bigint }>>(
    tables.map((t) => `SELECT '${t.name}' AS name, count(*) AS count FROM "${t.name}"`).join(" UNION ALL "),
  );
  return Object.fromEntries(counts.map((c) => [c.name, Number(c.count)]));
}
