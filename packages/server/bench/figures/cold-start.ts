// Cold start (figure id cold-start): from spawning `tally serve` on a fresh data folder to its first healthy
// /readyz (the database created, migrated and answering), against the same on a folder that a
// previous start already migrated. Rounds alternate, so both see the same state of the machine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../lib/server.js";
import { percentile } from "../lib/stats.js";

export interface ColdStart {
  /** Milliseconds to the first healthy answer, per start. */
  fresh: number[];
  migrated: number[];
}

/** Milliseconds from spawning the server on `dataDir` to a 200 from /readyz; stops it after. */
async function timeToReady(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startServer({ TALLY_DATA_DIR: dataDir });
  try {
    const origin = new URL(server.url).origin;
    for (;;) {
      const response = await fetch(`${origin}/readyz`).catch(() => null);
      if (response?.ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await server.stop();
  }
}

export async function coldStart(rounds: number): Promise<ColdStart> {
  const migratedDir = mkdtempSync(join(tmpdir(), "tally-bench-migrated-"));
  const result: ColdStart = { fresh: [], migrated: [] };
  try {
    await timeToReady(migratedDir); // creates and migrates it
    for (let round = 0; round < rounds; round++) {
      const freshDir = mkdtempSync(join(tmpdir(), "tally-bench-fresh-"));
      try {
        result.fresh.push(await timeToReady(freshDir));
      } finally {
        rmSync(freshDir, { recursive: true, force: true });
      }
      result.migrated.push(await timeToReady(migratedDir));
    }
  } finally {
    rmSync(migratedDir, { recursive: true, force: true });
  }
  return result;
}

/** The median of `values` (nearest-rank). */
export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
