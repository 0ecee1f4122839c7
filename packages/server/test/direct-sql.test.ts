// Direct SQL (db/direct-sql.ts): inside withDirectSql it is the Prisma transaction's own
// connection; outside, Database.sql answers like $queryRaw (types included).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDirectSql } from "../src/db/direct-sql.js";
import { Prisma } from "../src/generated/prisma/client.js";
import { createTestApp, type TestApp } from "./support/app.js";

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

const accountNamed = (id: string) => app.database.prisma.account.findUnique({ where: { id } });

describe("direct SQL", () => {
  it("runs in the Prisma transaction: same writes, same commit", async () => {
    const seen = await withDirectSql(app.database.prisma, async (tx, sql) => {
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES ('acct_direct_1', 'Direct')`;
      return (await tx.account.findUnique({ where: { id: "acct_direct_1" } }))?.name;
    });
    expect(seen).toBe("Direct");
    expect((await accountNamed("acct_direct_1"))?.name).toBe("Direct");
  });

  it("rolls back with the Prisma transaction", async () => {
    const failing = withDirectSql(app.database.prisma, async (tx, sql) => {
      await tx.account.create({ data: { id: "acct_direct_2", name: "Through Prisma" } });
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES ('acct_direct_3', 'Direct')`;
      throw new Error("abort");
    });
    await expect(failing).rejects.toThrow("abort");
    expect(await accountNamed("acct_direct_2")).toBeNull();
    expect(await accountNamed("acct_direct_3")).toBeNull();
  });

  it("types results like $queryRaw", async () => {
    const query = Prisma.sql`SELECT 1234567890123456789::bigint AS big, 0.000000000000000000000000000001::numeric AS tiny,
      '2026-01-02T03:04:05.678Z'::timestamptz AS at, '{"a": [1, "b"]}'::jsonb AS doc, 3::int AS small, 'x' AS text`;
    const [direct] = await app.database.sql.$queryRaw<Array<Record<string, unknown>>>(query);
    const [prisma] = await app.database.prisma.$queryRaw<Array<Record<string, unknown>>>(query);
    expect(direct).toEqual(prisma);
    expect(direct!.big).toBe(1234567890123456789n);
    expect(String(direct!.tiny)).toBe("1e-30");
    expect((direct!.at as Date).toISOString()).toBe("2026-01-02T03:04:05.678Z");
  });
});
