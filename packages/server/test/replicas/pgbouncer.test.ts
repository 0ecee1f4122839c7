// Tally behind PgBouncer in transaction mode (docs/operations/scaling.md#pgbouncer): with
// `pgbouncer=true` in DATABASE_URL the server sends unnamed statements, so every request works
// though each transaction may run on another server connection. Two `tally serve` processes
// through one pgbouncer with fewer server connections than their pools: concurrent single and
// batched ingest, duplicates and reads through Prisma all answer, and count exactly.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startPgBouncer, type PgBouncer } from "./support/pgbouncer.js";
import {
  data,
  gql,
  migrate,
  newAccount,
  type Replica,
  type ScratchDatabase,
  scratchDatabase,
  startReplica,
} from "./support/replicas.js";

let db: ScratchDatabase;
let bouncer: PgBouncer;
let replicas: Replica[];
let key: string;

beforeAll(async () => {
  db = await scratchDatabase();
  await migrate(db.url);
  const direct = new URL(db.url);
  bouncer = await startPgBouncer({ host: direct.hostname, port: Number(direct.port || 5432) });
  const url = `${bouncer.through(db.url)}?pgbouncer=true`;
  replicas = await Promise.all([startReplica(url), startReplica(url)]);
  ({ key } = await newAccount(replicas[0]!.url, "PgBouncer"));
}, 180_000);
afterAll(async () => {
  await Promise.all((replicas ?? []).map((r) => r.stop()));
  await bouncer?.stop();
  await db?.drop();
});

it("serves ingest and reads through pgbouncer in transaction mode, counting exactly", async () => {
  const [a, b] = replicas.map((r) => r.url) as [string, string];
  await data(
    a,
    key,
    `mutation { createMeter(input: { displayName: "B", eventName: "bounced", aggregation: SUM }) { ... on Meter { id } } }`,
  );
  const customers = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const { createCustomer } = await data(
        i % 2 ? a : b,
        key,
        `mutation { createCustomer(input: { name: "C${i}" }) { ... on Customer { id } } }`,
      );
      return createCustomer.id as string;
    }),
  );
  const batch = (n: number) =>
    Array.from({ length: 200 }, (_, i) => ({
      eventName: "bounced",
      customerId: customers[i % 8],
      value: "1",
      identifier: `b-${n}-${i}`,
    }));
  const RECORD_MANY = `mutation ($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) { ... on RecordMeterEventsSummary { accepted duplicates rejected { code } } } }`;
  const RECORD_ONE = `mutation ($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) { __typename ... on Error { code } } }`;
  // Each batch is sent twice, to both processes: the second copy is all duplicates.
  const results = await Promise.all([
    ...Array.from({ length: 10 }, (_, n) => [
      data(a, key, RECORD_MANY, { input: { events: batch(n) } }),
      data(b, key, RECORD_MANY, { input: { events: batch(n) } }),
    ]).flat(),
    ...Array.from({ length: 200 }, (_, i) =>
      data(i % 2 ? a : b, key, RECORD_ONE, {
        input: { eventName: "bounced", customerId: customers[i % 8], value: "1", identifier: `one-${i % 100}` },
      }),
    ),
  ]);
  const batches = results.slice(0, 20).map((r: any) => r.recordMeterEvents);
  expect(batches.reduce((n, s) => n + s.accepted, 0)).toBe(2000);
  expect(batches.reduce((n, s) => n + s.duplicates, 0)).toBe(2000);
  const singles = results.slice(20).map((r: any) => r.recordMeterEvent);
  expect(singles.filter((s) => s.__typename === "MeterEvent")).toHaveLength(100);
  expect(singles.filter((s) => s.code === "DUPLICATE_EVENT")).toHaveLength(100);
  const { rows } = await db.sql.query<{ count: string }>(`SELECT count(*) AS count FROM "MeterEvent"`);
  expect(Number(rows[0]!.count)).toBe(2100);
  const read = await gql(b, key, `{ customers(first: 20) { edges { node { id name } } } }`);
  expect(read.errors).toBeUndefined();
  expect(read.data.customers.edges).toHaveLength(8);
  // Nothing was refused for a statement another server connection prepared.
  for (const r of replicas) expect(r.output()).not.toMatch(/prepared statement .* does not exist/);
}, 300_000);
