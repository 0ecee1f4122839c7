// The one migration history applies cleanly through `prisma migrate deploy` to an empty embedded
// database and an empty PostgreSQL database, and leaves nothing pending.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import type { DatabaseConfig } from "../src/db/config.js";
import { deployMigrations } from "../src/db/migrations.js";
import { createEmptyPostgresDatabase, onPostgres } from "./support/database.js";

async function deployAndCheck(config: DatabaseConfig): Promise<void> {
  expect(await deployMigrations(config)).toMatch(/successfully applied/);
  // A second deploy finds nothing to do.
  expect(await deployMigrations(config)).toMatch(/No pending migrations/);
  const database = await openDatabase(config);
  try {
    expect(await database.prisma.account.count()).toBe(0);
  } finally {
    await database.close();
  }
}

describe("migrations", () => {
  // Each test database run covers its own kind: PGlite by default, PostgreSQL in the postgres project.
  it(`apply to an empty ${onPostgres ? "PostgreSQL" : "embedded"} database`, async () => {
    if (onPostgres) {
      const empty = await createEmptyPostgresDatabase();
      try {
        await deployAndCheck({ kind: "postgres", url: empty.url });
      } finally {
        await empty.drop();
      }
      return;
    }
    const dataDir = mkdtempSync(join(tmpdir(), "tally-migrate-"));
    try {
      await deployAndCheck({ kind: "pglite", dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
