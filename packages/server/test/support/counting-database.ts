// The app's database seen through a second Prisma client and a wrapped direct-SQL handle that
// record every SQL statement a request sends, BEGIN and COMMIT aside (nested-read and ingest tests,
// the bench's nested-read figure).
import type { Database } from "../../src/db/client.js";
import type { Db } from "../../src/db/transaction.js";
import { Prisma, PrismaClient } from "../../src/generated/prisma/client.js";

export interface CountingDatabase {
  database: Database;
  /** Statements sent since the last reset. */
  statements(): number;
  /** Their SQL text, in order. */
  texts(): string[];
  reset(): void;
  close(): Promise<void>;
}

export function countingDatabase(database: Database): CountingDatabase {
  const prisma = new PrismaClient({
    adapter: database.anotherPrismaAdapter(),
    log: [{ emit: "event", level: "query" }],
  });
  let sent: string[] = [];
  prisma.$on("query", (event) => void sent.push(event.query));
  const text = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) =>
    (query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values)).text;
  const counted = (db: Db): Db => ({
    $queryRaw: (query, ...values) => {
      sent.push(text(query, values));
      return db.$queryRaw(query, ...values);
    },
    $executeRaw: (query, ...values) => {
      sent.push(text(query, values));
      return db.$executeRaw(query, ...values);
    },
  });
  return {
    database: {
      ...database,
      prisma,
      sql: counted(database.sql),
      transaction: (fn) => database.transaction((sql) => fn(counted(sql))),
    },
    statements: () => sent.length,
    texts: () => [...sent],
    reset: () => void (sent = []),
    close: () => prisma.$disconnect(),
  };
}
