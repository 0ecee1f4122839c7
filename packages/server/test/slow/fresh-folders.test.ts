// A first start never crashes: 20 fresh data folders in a row are migrated by the code `tally serve`
// and `tally migrate` run (openServedDatabase), closed, and each opens again with every migration
// recorded as finished and its tables readable.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openServedDatabase } from "../../src/commands/serve.js";
import { openDatabase } from "../../src/db/client.js";
import type { DatabaseConfig } from "../../src/db/config.js";
import { migrationFiles } from "../../src/db/migrations.js";
import { memoryLogger } from "../../src/logger.js";

const FOLDERS = 20;

describe("fresh data folders", () => {
  it(`${FOLDERS} in a row end migrated and open again`, { timeout: 20 * 60_000 }, async () => {
    const expected = (await migrationFiles()).map((m) => m.name);
    for (let i = 0; i < FOLDERS; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "tally-fresh-"));
      const config: DatabaseConfig = { kind: "pglite", dataDir };
      try {
        const first = await openServedDatabase(config, true, memoryLogger());
        await first.close();

        const again = await openDatabase(config);
        try {
          const history = await again.sql.$queryRaw<Array<{ migration_name: string; applied_steps_count: number }>>`
            SELECT "migration_name", "applied_steps_count" FROM "_prisma_migrations"
            WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`;
          expect(history.map((row) => row.migration_name)).toEqual(expected);
          expect(history.every((row) => row.applied_steps_count === 1)).toBe(true);
          expect(await again.prisma.account.count()).toBe(0);
        } finally {
          await again.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  });
});
