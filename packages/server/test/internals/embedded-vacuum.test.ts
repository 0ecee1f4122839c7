// The embedded database's stand-in for autovacuum (services/embedded-vacuum.ts): a table that has
// grown gets statistics, and the planner then finds customers by their key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vacuumGrownTables } from "../../src/services/embedded-vacuum.js";
import { createTestApp, type TestApp } from "../support/app.js";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("vacuumGrownTables", () => {
  it("vacuums and analyzes the tables grown by a tenth since their last vacuum, and only those", async () => {
    // PostgreSQL's own autovacuum must not analyze the table first (PGlite has none).
    await app.database.script(`ALTER TABLE "Customer" SET (autovacuum_enabled = false)`);
    await vacuumGrownTables(app.database); // whatever the migrations and the account left
    const accountId = app.account.account.id;
    await app.database.sql.$executeRaw`
      INSERT INTO "Customer" ("id", "accountId", "mode", "name")
      SELECT 'cus_bulk' || g, ${accountId}, 'test', 'Imported ' || g FROM generate_series(1, 20000) g`;
    expect(await vacuumGrownTables(app.database)).toEqual(['"Customer"']);
    const [stats] = await app.database.sql.$queryRaw<Array<{ reltuples: number; columns: bigint }>>`
      SELECT c.reltuples::float8 AS "reltuples", (SELECT count(*) FROM pg_stats s WHERE s.tablename = 'Customer') AS "columns"
      FROM pg_class c WHERE c.relname = 'Customer'`;
    expect(stats!.reltuples).toBeGreaterThanOrEqual(20000);
    expect(Number(stats!.columns)).toBeGreaterThan(0);
    // Statistics say the account holds every row: a lookup by id goes through the primary key.
    const plan = await app.database.sql.$queryRaw<Array<{ "QUERY PLAN": string }>>`
      EXPLAIN SELECT "id" FROM "Customer" WHERE "accountId" = ${accountId} AND "mode" = 'test' AND "id" = ANY(${["cus_bulk1", "cus_bulk2"]}::text[])`;
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Customer_pkey");
    // Nothing has grown since.
    expect(await vacuumGrownTables(app.database)).toEqual([]);
  });
});
