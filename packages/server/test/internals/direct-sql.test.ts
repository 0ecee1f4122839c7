// Direct SQL (db/direct-sql.ts) answers like $queryRaw (types included), outside transactions
// (Database.sql) and in plain SQL transactions (Database.transaction), whose statements may be
// issued without waiting for each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { onPostgres } from "../support/database.js";

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

describe("the server's sessions", () => {
  it("start without parallel plans on PostgreSQL (docs/operations/databases.md#session-settings)", async () => {
    const [row] = await app.database.sql.$queryRaw<Array<{ max_parallel_workers_per_gather: string }>>`
      SHOW max_parallel_workers_per_gather`;
    // The embedded database is one process: the server sends it no options, PGlite keeps its default.
    expect(row!.max_parallel_workers_per_gather).toBe(onPostgres ? "0" : "2");
  });
});

describe("Database.transaction", () => {
  it("commits what its statements wrote, first statement and later ones", async () => {
    const seen = await app.database.transaction(async (sql) => {
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_1"}, ${"First"})`;
      await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_2"}, ${"Second"})`;
      return sql.$queryRaw<
        Array<{ name: string }>
      >`SELECT "name" FROM "Account" WHERE "id" = ANY(${["acct_tx_1", "acct_tx_2"]}::text[]) ORDER BY "id"`;
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
    expect(
      await app.database.transaction(async (sql) => sql.$queryRaw<Array<{ one: number }>>`SELECT 1::int AS one`),
    ).toEqual([{ one: 1 }]);
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

  it("runs statements issued without waiting in the order issued", async () => {
    const [, , seen] = await app.database.transaction((sql) =>
      Promise.all([
        sql.$queryRaw`SELECT set_config('tally.step', ${"one"}, true)`,
        sql.$queryRaw`SELECT set_config('tally.step', current_setting('tally.step') || ${",two"}, true)`,
        sql.$queryRaw<Array<{ step: string }>>`SELECT current_setting('tally.step') AS step`,
      ]),
    );
    expect(seen).toEqual([{ step: "one,two" }]);
  });

  it("fails the whole transaction when one of the statements issued together fails", async () => {
    const failing = app.database.transaction((sql) =>
      Promise.all([
        sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_7"}, ${"Rolled back"})`,
        sql.$executeRaw`SELECT 1 / 0`,
        sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_8"}, ${"Never"})`,
      ]),
    );
    await expect(failing).rejects.toThrow(/division by zero/);
    expect(await accountNamed("acct_tx_7")).toBeNull();
    expect(await accountNamed("acct_tx_8")).toBeNull();
  });

  // Ingest issues its lock and its insert together: the insert must still take its snapshot after
  // the lock was granted, to see what the lock's holder committed. PGlite has one connection: no holder.
  if (onPostgres) {
    it("gives a statement issued behind a waiting lock a snapshot taken after the wait", async () => {
      const key = 424242;
      let locked!: () => void;
      let release!: () => void;
      const lockHeld = new Promise<void>((resolve) => (locked = resolve));
      const held = new Promise<void>((resolve) => (release = resolve));
      const holder = app.database.transaction(async (sql) => {
        await sql.$queryRaw`SELECT pg_advisory_xact_lock(${key}::bigint)`;
        locked();
        await held;
        await sql.$executeRaw`INSERT INTO "Account" ("id", "name") VALUES (${"acct_tx_9"}, ${"Committed while waiting"})`;
      });
      await lockHeld;
      const waiter = app.database.transaction((sql) =>
        Promise.all([
          sql.$queryRaw`SELECT pg_advisory_xact_lock_shared(${key}::bigint)`,
          sql.$queryRaw<Array<{ name: string }>>`SELECT "name" FROM "Account" WHERE "id" = ${"acct_tx_9"}`,
        ]),
      );
      // Both statements are on the wire once the lock is awaited.
      while (
        (
          await app.database.sql.$queryRaw<
            unknown[]
          >`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`
        ).length === 0
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      release();
      await holder;
      const [, seen] = await waiter;
      expect(seen).toEqual([{ name: "Committed while waiting" }]);
    });
  }

  it("sends nothing for a function that sends nothing", async () => {
    expect(await app.database.transaction(async () => "done")).toBe("done");
  });
});
