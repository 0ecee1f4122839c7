// Upgrades without downtime (docs/operations/migrations.md): on PostgreSQL `tally serve` does not
// migrate unless TALLY_MIGRATE_ON_START=1, when replicas starting together take turns under an
// advisory lock; a replica refuses to start on a schema older or newer than it knows, with a clear
// message, and replicas already running keep serving while a newer version's expand-only
// migration is applied under them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  data,
  newAccount,
  type Replica,
  type ScratchDatabase,
  StartRefused,
  scratchDatabase,
  startReplica,
} from "./support/replicas.js";

let db: ScratchDatabase;
const running: Replica[] = [];

beforeAll(async () => void (db = await scratchDatabase()));
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await db?.drop();
});

async function refusal(env: Record<string, string> = {}): Promise<StartRefused> {
  try {
    running.push(await startReplica(db.url, env));
  } catch (error) {
    if (error instanceof StartRefused) return error;
    throw error;
  }
  throw new Error("the replica started");
}

describe("schema versions", () => {
  it("an unmigrated database is refused: serve does not migrate PostgreSQL by default", async () => {
    const refused = await refusal();
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("The database's schema is older than this version of Tally");
    expect(refused.output).toContain("Run `tally migrate` first");
    const { rows } = await db.sql.query(`SELECT to_regclass('"Account"') AS t`);
    expect(rows[0].t).toBeNull();
  });

  it("with TALLY_MIGRATE_ON_START=1, two replicas starting at once migrate in turn and both serve", async () => {
    const both = await Promise.all([
      startReplica(db.url, { TALLY_MIGRATE_ON_START: "1" }),
      startReplica(db.url, { TALLY_MIGRATE_ON_START: "1" }),
    ]);
    running.push(...both);
    const { rows } = await db.sql.query(
      `SELECT "migration_name", count(*) AS n FROM "_prisma_migrations" GROUP BY 1 HAVING count(*) > 1`,
    );
    expect(rows).toEqual([]);
    for (const replica of both) expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);
  });

  it("after a newer version's expand migration, running replicas keep serving and a new one refuses to start", async () => {
    const { key } = await newAccount(running[0]!.url, "Upgrades");
    // What a later version's `tally migrate` leaves: a new nullable column, and its history row.
    await db.sql.query(`ALTER TABLE "Customer" ADD COLUMN "nickname" TEXT`);
    await db.sql.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
       VALUES ('future', 'x', now(), '29991231000000_customer_nickname', now(), 1)`,
    );
    for (const replica of running) {
      const { createCustomer } = await data(
        replica.url,
        key,
        `mutation { createCustomer(input: { name: "after the upgrade" }) { ... on Customer { id name } } }`,
      );
      expect(createCustomer.name).toBe("after the upgrade");
    }
    const refused = await refusal();
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("The database's schema is newer than this version of Tally");
    expect(refused.output).toContain("29991231000000_customer_nickname");
  });
});
