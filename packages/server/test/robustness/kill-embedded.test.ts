// `kill -9` during batched ingest loses nothing and counts nothing twice: the server is killed with
// batches in flight, restarted on the same database (a file-backed embedded data folder, or in the
// postgres project a PostgreSQL database), and the client retries every batch with the same
// identifiers. Each event is then stored once, in the events and in the hourly rollups.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Api, api, newAccount } from "../../bench/lib/api.js";
import { startServer } from "../../bench/lib/server.js";
import { openDatabase } from "../../src/db/client.js";
import type { DatabaseConfig } from "../../src/db/config.js";
import { createEmptyPostgresDatabase, onPostgres } from "../support/database.js";

const ADMIN_KEY = "tally_admin_kill_test_0123456789";
const BATCHES = 40;
const PER_BATCH = 100;
const CLIENTS = 4;
/** Acknowledged batches after which the server is killed, with others in flight. */
const KILL_AFTER = 8;

const RECORD_EVENTS = `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) {
  __typename ... on RecordMeterEventsSummary { accepted duplicates rejected { index code message } } ... on Error { code message } } }`;

interface Summary {
  __typename: string;
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

function batch(b: number, customers: string[], now: number) {
  return Array.from({ length: PER_BATCH }, (_, j) => ({
    eventName: "kill_tokens",
    identifier: `kill-${b}-${j}`,
    customerId: customers[(b + j) % customers.length]!,
    value: String((j % 7) + 1),
    timestamp: new Date(now - ((b * PER_BATCH + j) % 3_600) * 1000).toISOString(),
  }));
}
const EXPECTED_SUM = BATCHES * Array.from({ length: PER_BATCH }, (_, j) => (j % 7) + 1).reduce((a, b) => a + b, 0);

async function send(a: Api, events: ReturnType<typeof batch>): Promise<Summary> {
  const data = await a.gql<{ recordMeterEvents: Summary }>(RECORD_EVENTS, { input: { events } });
  return data.recordMeterEvents;
}

/** The database under test and what `tally serve` needs to use it. */
async function targetDatabase(): Promise<{
  env: Record<string, string>;
  config: DatabaseConfig;
  drop(): Promise<void>;
}> {
  if (onPostgres) {
    const empty = await createEmptyPostgresDatabase();
    // An empty database: this server migrates it at start, as an operator would with `tally migrate`.
    return {
      env: { DATABASE_URL: empty.url, TALLY_MIGRATE_ON_START: "1" },
      config: { kind: "postgres", url: empty.url },
      drop: empty.drop,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "tally-kill-"));
  return {
    env: { TALLY_DATA_DIR: dataDir },
    config: { kind: "pglite", dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe(`kill -9 during batched ingest (${onPostgres ? "PostgreSQL" : "embedded data folder"})`, () => {
  it("loses nothing and counts nothing twice once the client retries every batch", { timeout: 600_000 }, async () => {
    const target = await targetDatabase();
    try {
      const server = await startServer({ ...target.env, TALLY_ADMIN_KEY: ADMIN_KEY });
      const a = await newAccount(server.url, ADMIN_KEY, "Kill");
      const meter = await a.mutate(
        "createMeter",
        "CreateMeterInput",
        { displayName: "Tokens", eventName: "kill_tokens", aggregation: "SUM" },
        "Meter",
      );
      const customers: string[] = [];
      for (let i = 0; i < 4; i++) {
        customers.push((await a.mutate("createCustomer", "CreateCustomerInput", { name: `C${i}` }, "Customer")).id);
      }
      const now = Date.now();
      const batches = Array.from({ length: BATCHES }, (_, b) => batch(b, customers, now));

      // Clients send batches until the server dies under them; the kill lands with requests in flight.
      const acknowledged = new Set<number>();
      let next = 0;
      let killed = false;
      const client = async () => {
        while (!killed && next < BATCHES) {
          const b = next++;
          try {
            const summary = await send(a, batches[b]!);
            expect(summary.__typename).toBe("RecordMeterEventsSummary");
            expect(summary.accepted).toBe(PER_BATCH);
            acknowledged.add(b);
          } catch (error) {
            if (!killed) throw error;
          }
          if (acknowledged.size >= KILL_AFTER && !killed) {
            killed = true;
            process.kill(server.pid, "SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      expect(killed).toBe(true);
      await server.stop(); // resolves once the killed process has exited

      // The same database opens again (no Aborted()), and every batch is retried as sent.
      const restarted = await server.restart();
      const retry = api(restarted.url, a.key);
      let duplicates = 0;
      for (let b = 0; b < BATCHES; b++) {
        const summary = await send(retry, batches[b]!);
        expect(summary.__typename).toBe("RecordMeterEventsSummary");
        expect(summary.rejected).toEqual([]);
        expect(summary.accepted + summary.duplicates).toBe(PER_BATCH);
        if (acknowledged.has(b)) expect(summary.duplicates).toBe(PER_BATCH);
        duplicates += summary.duplicates;
      }
      expect(duplicates).toBeGreaterThanOrEqual(KILL_AFTER * PER_BATCH);
      await restarted.stop();

      const database = await openDatabase(target.config);
      try {
        const [events] = await database.sql.$queryRaw<Array<{ count: bigint; identifiers: bigint; sum: unknown }>>`
          SELECT count(*) AS "count", count(DISTINCT "identifier") AS "identifiers", sum("value") AS "sum"
          FROM "MeterEvent" WHERE "meterId" = ${meter.id}`;
        expect(events!.count).toBe(BigInt(BATCHES * PER_BATCH));
        expect(events!.identifiers).toBe(BigInt(BATCHES * PER_BATCH));
        expect(String(events!.sum)).toBe(String(EXPECTED_SUM));
        const [rollups] = await database.sql.$queryRaw<Array<{ count: unknown; sum: unknown }>>`
          SELECT sum("count") AS "count", sum("sum") AS "sum" FROM "MeterUsageHour" WHERE "meterId" = ${meter.id}`;
        expect(String(rollups!.count)).toBe(String(BATCHES * PER_BATCH));
        expect(String(rollups!.sum)).toBe(String(EXPECTED_SUM));
      } finally {
        await database.close();
      }
    } finally {
      await target.drop();
    }
  });
});
