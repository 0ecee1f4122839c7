// The app's database seen through a second Prisma client and a wrapped direct-SQL handle that count
// every SQL statement a request sends, BEGIN and COMMIT aside (nested-read test, benchmark figure 4).
import type { Database } from "../../src/db/client.js";
import type { Db } from "../../src/db/direct-sql.js";
import { PrismaClient } from "../../src/generated/prisma/client.js";

export interface CountingDatabase {
  database: Database;
  /** Statements sent since the last reset. */
  statements(): number;
  reset(): void;
  close(): Promise<void>;
}

export function countingDatabase(database: Database): CountingDatabase {
  const prisma = new PrismaClient({ adapter: database.anotherPrismaAdapter(), log: [{ emit: "event", level: "query" }] });
  let statements = 0;
  prisma.$on("query", () => void (statements += 1));
  const counted = (db: Db): Db => ({
    $queryRaw: (...args) => ((statements += 1), db.$queryRaw(...args)),
    $executeRaw: (...args) => ((statements += 1), db.$executeRaw(...args)),
  });
  return {
    database: { ...database, prisma, sql: counted(database.sql), transaction: (fn) => database.transaction((sql) => fn(counted(sql))) },
    statements: () => statements,
    reset: () => void (statements = 0),
    close: () => prisma.$disconnect(),
  };
}
