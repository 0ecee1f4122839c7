// Direct SQL (db/direct-sql.ts) answers like $queryRaw (types included), outside transactions
// (Database.sql) and in plain SQL transactions (Database.transaction), whose first statement may
// travel with BEGIN with its values inlined.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/direct-sql.js";
import { Prisma } from "../src/generated/prisma/client.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { onPostgres } from "./support/database.js";

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

const accountNamed = (id: string) => app.database.prisma.account.findUnique({ where: { id } });

const TYPED = Prisma.sql`SELECT 1234567890123456789::bigint AS big, 0.000000000000000000000000000001::numeric AS tiny,
  '2026-01-02T03:04:05.678Z'::timestamptz AS at, '{"a": [1, "b"]}'::jsonb AS doc, 3::int AS small, 'x' AS text,
  'ACTIVE'::"MeterStatus" AS status, ARRAY['a', 'b'] AS list`;

describe("direct SQL", () => {
  it("types results like $queryRaw", async () => {
    const [direct] = await app.database.sql.$queryRaw<Array<Record<string, unknown>>>(TYPED);
    const [prisma] = await app.database.prisma.$queryRaw<Array<Record<string, unknown>>>(TYPED);
    expect(direct).toEqual(prisma);
    expect(direct!.big).toBe(1234567890123456789n);
    expect(String(direct!.tiny)).toBe("1e-30");
    expect((direct!.at as Date).toISOString()).toBe("2026-01-02T03:04:05.678Z");
  });
});

describe("Database.transaction", () => {
  it("commits what its statements wrote, first statement and later ones", async () => {
    const seen = await app.database.transaction(async (sql) => {
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_1"}, ${"First"})`;
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_2"}, ${"Second"})`;
      return sql.$queryRaw<Array<{ name: string }>>`SELECT "name" FROM "Account" WHERE "id" = ANY(${["acct_tx_1", "acct_tx_2"]}::text[]) ORDER BY "id"`;
    });
    expect(seen.map((r) => r.name)).toEqual(["First", "Second"]);
    expect((await accountNamed("acct_tx_1"))?.name).toBe("First");
    expect((await accountNamed("acct_tx_2"))?.name).toBe("Second");
  });

  it("rolls back everything when its function throws", async () => {
    const failing = app.database.transaction(async (sql) => {
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_3"}, ${"Rolled back"})`;
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name", "createdAt") VALUES (${"acct_tx_4"}, ${"Rolled back"}, ${new Date()})`;
      throw new Error("abort");
    });
    await expect(failing).rejects.toThrow("abort");
    expect(await accountNamed("acct_tx_3")).toBeNull();
    expect(await accountNamed("acct_tx_4")).toBeNull();
  });

  it("rolls back a failed statement and gives its connection back, however often", async () => {
    await app.database.prisma.account.create({ data: { id: "acct_tx_5", name: "Taken" } });
    for (let i = 0; i < 15; i += 1) {
      const failing = app.database.transaction(async (sql) => {
        await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${`acct_tx_6_${i}`}, ${"Rolled back"})`;
        await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_5"}, ${"Duplicate"})`;
      });
      await expect(failing).rejects.toThrow();
    }
    expect(await app.database.prisma.account.count({ where: { id: { startsWith: "acct_tx_6_" } } })).toBe(0);
    expect(await app.database.transaction(async (sql) => sql.$queryRaw<Array<{ one: number }>>`SELECT 1::int AS one`)).toEqual([{ one: 1 }]);
  });

  it("types results like $queryRaw, as first statement and later", async () => {
    const [prisma] = await app.database.prisma.$queryRaw<Array<Record<string, unknown>>>(TYPED);
    const [first, later] = await app.database.transaction(async (sql) => [
      (await sql.$queryRaw<Array<Record<string, unknown>>>(TYPED))[0],
      (await sql.$queryRaw<Array<Record<string, unknown>>>(TYPED))[0],
    ]);
    expect(first).toEqual(prisma);
    expect(later).toEqual(prisma);
  });

  it("reads inlined text values exactly as parameters", async () => {
    const tricky = ["it's", 'a "quote"', "back\\slash", "\\'; SELECT 1; --", "NULL", "", "{}", "ünï"];
    const query = async (sql: Db) =>
      sql.$queryRaw<Array<{ one: string; all: string[] }>>`SELECT ${tricky[3]}::text AS one, ${tricky}::text[] AS all`;
    const [first] = await app.database.transaction((sql) => query(sql));
    expect(first).toEqual({ one: tricky[3], all: tricky });
    expect(first).toEqual((await query(app.database.sql))[0]);
  });

  // Only PostgreSQL sends BEGIN itself: PGlite's transaction API opens the transaction.
  if (onPostgres) {
    it("sends BEGIN with the first statement when its values are all text", async () => {
      const sent = (sql: Db, value: unknown) => sql.$queryRaw<Array<{ query: string }>>`SELECT current_query() AS query, ${value}::text AS value`;
      const [[inlined], [later]] = await app.database.transaction(async (sql) => [await sent(sql, "text"), await sent(sql, "text")]);
      expect(inlined!.query).toMatch(/^BEGIN; SELECT current_query\(\) AS query, 'text'::text AS value$/);
      expect(later!.query).toContain("$1::text");
      const [[bound]] = await app.database.transaction(async (sql) => [await sent(sql, 42)]);
      expect(bound!.query).toContain("$1::text");
    });
  }

  it("sends nothing for a function that sends nothing", async () => {
    expect(await app.database.transaction(async () => "done")).toBe("done");
  });
});
