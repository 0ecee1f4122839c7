// MeterEvent's monthly partitions and the retention of raw events (docs/operations/databases.md#partitioned-events):
// partitions exist ahead and take in what waited in the default partition; events around a month
// boundary are stored, read, summarized and invoiced exactly; an identifier stays taken across the
// boundary; retention drops old months with their identifiers, keeps rollups, invoices, previews and
// hour-aligned summaries equal, and never reaches a period not yet invoiced; ingest runs while
// partitions are created and dropped; the migration carries existing events over.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { IN_MEMORY } from "../../src/db/config.js";
import { migrationsDir } from "../../src/db/migrations.js";
import { eventRetentionDays, maintainEventPartitions } from "../../src/services/meter-events/partition-job.js";
import {
  dropEventsBefore,
  ensureEventPartitions,
  eventPartitions,
  retentionCutoff,
} from "../../src/usage-store/index.js";
import { monthStart, partitionName } from "../../src/usage-store/postgres/partitions.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing, summary, type Billing } from "../support/billing.js";
import { createEmptyPostgresDatabase, onPostgres } from "../support/database.js";
import { meterEvents, SUMMARIES } from "../support/meter-events.js";

let app: TestApp;
let b: Billing;
let ev: ReturnType<typeof meterEvents>;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  ev = meterEvents(app);
});
afterAll(() => app.close());

const names = async () => (await eventPartitions(app.database.sql)).map((p) => p.name);

/** Where each of the customer's events is stored: identifier → partition. */
async function placement(customerId: string): Promise<Record<string, string>> {
  const rows = await app.database.sql.$queryRaw<Array<{ identifier: string; part: string }>>`
    SELECT "identifier", tableoid::regclass::text AS "part" FROM "MeterEvent" WHERE "customerId" = ${customerId}`;
  return Object.fromEntries(rows.map((r) => [r.identifier, r.part.replaceAll('"', "")]));
}

async function counts(customerId: string) {
  const [row] = await app.database.sql.$queryRaw<Array<{ events: bigint; identifiers: bigint; hours: bigint }>>`
    SELECT (SELECT count(*) FROM "MeterEvent" WHERE "customerId" = ${customerId}) AS "events",
           (SELECT count(*) FROM "MeterEventIdentifier" d JOIN "MeterEvent" e USING ("accountId", "seq", "timestamp") WHERE e."customerId" = ${customerId}) AS "identifiers",
           (SELECT count(*) FROM "MeterUsageHour" WHERE "customerId" = ${customerId}) AS "hours"`;
  return { events: Number(row!.events), identifiers: Number(row!.identifiers), hours: Number(row!.hours) };
}

async function windows(
  meterId: string,
  customerId: string,
  startTime: string,
  endTime: string,
  groupingWindow?: "HOUR" | "DAY",
) {
  const data = await app.data(SUMMARIES, { meterId, customerId, startTime, endTime, groupingWindow });
  return data.meterEventSummaries.map((s) => s.aggregatedValue);
}

describe("partitions", () => {
  it("exist from the previous month to two months ahead, and a second run creates none", async () => {
    const now = new Date();
    const expected = [-1, 0, 1, 2].map((m) => partitionName(monthStart(now, m)));
    expect(await names()).toEqual(expect.arrayContaining(expected));
    expect(await ensureEventPartitions(app.database, now)).toEqual([]);
    // Ahead of a later now too: the hourly job keeps them coming.
    const later = monthStart(now, 5);
    expect(await ensureEventPartitions(app.database, later)).toEqual(
      [4, 5, 6, 7].map((m) => partitionName(monthStart(now, m))).filter((n) => !expected.includes(n)),
    );
  });

  it("catch a month without a partition in the default one, then move its events into their own", async () => {
    const clock = await b.clock("2031-03-10T12:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "far_ahead";
    const meterId = await b.meter(eventName);
    for (const [identifier, timestamp] of [
      ["far-1", "2031-03-10T11:00:00Z"],
      ["far-2", "2031-02-28T23:59:59.999Z"],
    ] as const) {
      await b.record({ eventName, customerId, value: "3", identifier, timestamp });
    }
    expect(await placement(customerId)).toEqual({ "far-1": "MeterEvent_default", "far-2": "MeterEvent_default" });
    const total = await ev.usage(meterId, customerId, "2031-02-01T00:00:00Z", "2031-04-01T00:00:00Z");
    expect(total).toBe("6");
    expect(await ensureEventPartitions(app.database, new Date("2031-03-10T12:00:00Z"))).toEqual([
      "MeterEvent_p203102",
      "MeterEvent_p203103",
      "MeterEvent_p203104",
      "MeterEvent_p203105",
    ]);
    expect(await placement(customerId)).toEqual({ "far-1": "MeterEvent_p203103", "far-2": "MeterEvent_p203102" });
    expect(await ev.usage(meterId, customerId, "2031-02-01T00:00:00Z", "2031-04-01T00:00:00Z")).toBe(total);
    expect(await counts(customerId)).toMatchObject({ events: 2, identifiers: 2 });
  });

  it("store, read, summarize and invoice the events around a month boundary exactly", async () => {
    await ensureEventPartitions(app.database, new Date("2026-01-15T00:00:00Z"));
    const clock = await b.clock("2026-01-15T00:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "boundary_tokens";
    const meterId = await b.meter(eventName);
    const sub = await b.subscribe({
      customerId,
      items: [{ priceId: await b.metered(meterId, { unitAmount: "0.5" }) }],
    });
    await b.advance(clock, "2026-02-01T00:30:00Z");
    const events = [
      ["jan-20", "2026-01-20T10:00:00Z", "8"],
      ["jan-last", "2026-01-31T23:59:59.999Z", "1"],
      ["feb-first", "2026-02-01T00:00:00.000Z", "2"],
      ["feb-next", "2026-02-01T00:00:00.001Z", "4"],
    ] as const;
    const batch = await ev.recordMany(
      events.map(([identifier, timestamp, value]) => ({ eventName, customerId, identifier, timestamp, value })),
    );
    expect(batch).toMatchObject({ accepted: 4, duplicates: 0, rejected: [] });
    expect(await placement(customerId)).toEqual({
      "jan-20": "MeterEvent_p202601",
      "jan-last": "MeterEvent_p202601",
      "feb-first": "MeterEvent_p202602",
      "feb-next": "MeterEvent_p202602",
    });
    // Whole hours from the rollups, sub-hour edges from raw events of both partitions.
    expect(await windows(meterId, customerId, "2026-01-31T23:00:00Z", "2026-02-01T01:00:00Z", "HOUR")).toEqual([
      "1",
      "6",
    ]);
    expect(await windows(meterId, customerId, "2026-01-31T23:59:00Z", "2026-02-01T00:00:00Z")).toEqual(["1"]);
    expect(await windows(meterId, customerId, "2026-01-31T23:59:00Z", "2026-02-01T00:01:00Z")).toEqual(["7"]);
    expect(await windows(meterId, customerId, "2026-01-15T00:00:00Z", "2026-02-15T00:00:00Z")).toEqual(["15"]);
    expect((await b.preview(sub.id))?.total.amount).toBe("7.50");
    await b.advance(clock, "2026-02-15T00:00:00Z");
    const cycle = (await b.invoices({ subscriptionId: sub.id })).find((i) => i.billingReason === "SUBSCRIPTION_CYCLE");
    expect(cycle!.lines.filter((l) => l.kind === "USAGE").map((l) => l.quantity)).toEqual(["15"]);
    expect(cycle!.total.amount).toBe("7.50");
    // Usage of the invoiced period is refused in either month.
    expect(await ev.record({ eventName, customerId, value: "1", timestamp: "2026-01-31T23:00:00Z" })).toMatchObject({
      code: "EVENT_ALREADY_INVOICED",
    });
  });

  it("keep an identifier taken across a month boundary, also between concurrent requests", async () => {
    await ensureEventPartitions(app.database, new Date("2026-01-15T00:00:00Z"));
    const clock = await b.clock("2026-02-01T00:10:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "boundary_dedupe";
    const meterId = await b.meter(eventName);
    await b.record({ eventName, customerId, value: "1", identifier: "req-1", timestamp: "2026-01-31T23:59:00Z" });
    expect(
      await ev.record({ eventName, customerId, value: "5", identifier: "req-1", timestamp: "2026-02-01T00:05:00Z" }),
    ).toMatchObject({
      __typename: "MeterEventError",
      code: "DUPLICATE_EVENT",
      existingEvent: { identifier: "req-1", timestamp: "2026-01-31T23:59:00.000Z", value: "1" },
    });
    expect(
      await ev.recordMany([
        { eventName, customerId, value: "5", identifier: "req-1", timestamp: "2026-02-01T00:06:00Z" },
      ]),
    ).toMatchObject({ accepted: 0, duplicates: 1 });
    const racing = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        ev.record({
          eventName,
          customerId,
          value: "1",
          identifier: "req-2",
          timestamp: i % 2 ? "2026-01-31T23:58:00Z" : "2026-02-01T00:01:00Z",
        }),
      ),
    );
    expect(racing.filter((r) => r.__typename === "MeterEvent")).toHaveLength(1);
    expect(racing.filter((r) => r.code === "DUPLICATE_EVENT")).toHaveLength(23);
    expect(await counts(customerId)).toMatchObject({ events: 2, identifiers: 2 });
    expect(await ev.usage(meterId, customerId, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z")).toBe("2");
  });

  it("take concurrent ingest while months are created and dropped, losing and doubling nothing", async () => {
    const clock = await b.clock("2032-06-10T12:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "partition_race";
    const meterId = await b.meter(eventName);
    // Empty old months to drop while ingest runs.
    await ensureEventPartitions(app.database, new Date("2020-02-15T00:00:00Z"));
    const batches = Array.from({ length: 12 }, (_, batch) =>
      Array.from({ length: 40 }, (_, i) => ({
        eventName,
        customerId,
        value: "1",
        identifier: `race-${batch}-${i}`,
        // Both sides of the boundary of the month whose partition is being created.
        timestamp: new Date(Date.parse("2032-06-01T00:00:00Z") + (i - 20) * 60_000 + batch).toISOString(),
      })),
    );
    const [results, created, dropped] = await Promise.all([
      Promise.all(batches.map((events) => ev.recordMany(events))),
      ensureEventPartitions(app.database, new Date("2032-06-10T12:00:00Z")),
      dropEventsBefore(app.database, new Date("2020-05-01T00:00:00Z")),
    ]);
    expect(results.map((r) => r.accepted)).toEqual(batches.map(() => 40));
    expect(created).toEqual(["MeterEvent_p203205", "MeterEvent_p203206", "MeterEvent_p203207", "MeterEvent_p203208"]);
    expect(dropped.partitionsDropped).toEqual(expect.arrayContaining(["MeterEvent_p202001", "MeterEvent_p202004"]));
    // Whatever landed in the default partition before the attach was moved: every event in its month.
    await ensureEventPartitions(app.database, new Date("2032-06-10T12:00:00Z"));
    const parts = Object.values(await placement(customerId));
    expect(parts.filter((p) => p === "MeterEvent_p203205")).toHaveLength(12 * 20);
    expect(parts.filter((p) => p === "MeterEvent_p203206")).toHaveLength(12 * 20);
    expect(await counts(customerId)).toMatchObject({ events: 480, identifiers: 480 });
    expect(await ev.usage(meterId, customerId, "2032-05-01T00:00:00Z", "2032-07-01T00:00:00Z")).toBe("480");
  });
});

describe("retention", () => {
  let r: TestApp;
  let rb: Billing;
  beforeAll(async () => {
    r = await createTestApp();
    rb = billing(r);
    await ensureEventPartitions(r.database, new Date("2026-01-10T00:00:00Z"));
  });
  afterAll(() => r.close());

  const rowsOf = async (customerId: string) => {
    const [row] = await r.database.sql.$queryRaw<Array<{ events: bigint; identifiers: bigint; hours: bigint }>>`
      SELECT (SELECT count(*) FROM "MeterEvent" WHERE "customerId" = ${customerId}) AS "events",
             (SELECT count(*) FROM "MeterEventIdentifier") AS "identifiers",
             (SELECT count(*) FROM "MeterUsageHour" WHERE "customerId" = ${customerId}) AS "hours"`;
    return { events: Number(row!.events), identifiers: Number(row!.identifiers), hours: Number(row!.hours) };
  };
  const usage = async (
    meterId: string,
    customerId: string,
    startTime: string,
    endTime: string,
    groupingWindow?: "DAY",
  ) =>
    (await r.data(SUMMARIES, { meterId, customerId, startTime, endTime, groupingWindow })).meterEventSummaries.map(
      (s) => s.aggregatedValue,
    );

  it("drops old months and their identifiers, keeps what invoices, previews and hour-aligned summaries read, and never an uninvoiced period", async () => {
    // A: monthly, invoiced every month up to June. B: yearly, its first period (from Jan 20) still open in September.
    const clockA = await rb.clock("2026-01-10T00:00:00Z");
    const a = await rb.customer({ testClockId: clockA });
    const clockB = await rb.clock("2026-01-20T00:00:00Z");
    const bCustomer = await rb.customer({ testClockId: clockB });
    const meterId = await rb.meter("kept_tokens");
    const price = await rb.metered(meterId, { unitAmount: "0.5" });
    const yearly = await rb.metered(
      meterId,
      { unitAmount: "0.5" },
      { recurring: { interval: "YEAR", intervalCount: 1 } },
    );
    const subA = await rb.subscribe({ customerId: a, items: [{ priceId: price }] });
    const subB = await rb.subscribe({ customerId: bCustomer, items: [{ priceId: yearly }] });
    const record = (customerId: string, timestamp: string, value: string) =>
      rb.record({ eventName: "kept_tokens", customerId, value, timestamp });
    await record(a, "2026-01-10T00:00:00Z", "1");
    await record(bCustomer, "2026-01-20T00:00:00Z", "10");
    await rb.advance(clockA, "2026-02-05T00:00:00Z");
    await rb.advance(clockB, "2026-02-05T00:00:00Z");
    for (const t of ["2026-01-31T23:30:00Z", "2026-02-01T00:15:00Z", "2026-02-04T12:00:00Z"]) {
      await record(a, t, "2");
      await record(bCustomer, t, "20");
    }
    await rb.advance(clockA, "2026-03-20T00:00:00Z");
    await record(a, "2026-03-19T00:00:00Z", "4");
    for (const t of ["2026-05-01T00:00:00Z", "2026-06-15T00:00:00Z"]) await rb.advance(clockA, t);
    await record(a, "2026-06-12T07:00:00Z", "100");
    for (const t of ["2026-03-20T00:00:00Z", "2026-05-15T00:00:00Z", "2026-07-15T00:00:00Z", "2026-09-01T00:00:00Z"]) {
      await rb.advance(clockB, t);
    }

    const state = async () => ({
      invoicesA: (await rb.invoices({ subscriptionId: subA.id })).map(summary),
      previewA: summary((await rb.preview(subA.id))!),
      summariesA: await usage(meterId, a, "2026-01-10T00:00:00Z", "2026-06-15T00:00:00Z", "DAY"),
      summariesB: await usage(meterId, bCustomer, "2026-01-20T00:00:00Z", "2026-02-05T00:00:00Z"),
    });
    const before = await state();
    expect(before.invoicesA.map((i) => i.total)).toEqual(["3.50", "0.00", "2.00", "0.00", "0.00"]);
    expect(before.previewA.total).toBe("50.00");
    expect(summary((await rb.preview(subB.id))!).total).toBe("35.00");
    const rowsA = await rowsOf(a);
    expect(rowsA.events).toBe(6);

    // B's open yearly period (from Jan 20) holds the cutoff back: only A's invoiced event of Jan 10 goes.
    const now = new Date();
    expect(await retentionCutoff(r.database.sql, now, 35)).toEqual(new Date("2026-01-20T00:00:00Z"));
    const held = await maintainEventPartitions(r.database, now, 35);
    expect(held.retention).toMatchObject({ partitionsDropped: ["MeterEvent_p202512"], eventsDeleted: 1 });
    expect(await rowsOf(a)).toEqual({ events: 5, identifiers: rowsA.identifiers - 1, hours: rowsA.hours });
    expect(await rowsOf(bCustomer)).toMatchObject({ events: 4 });
    expect(await state()).toEqual(before);

    // Once B's period is invoiced (cancelled now, its final invoice bills it), the months before
    // A's current period (from June 10), less 35 days before the clocks' times, go.
    await rb.cancel(subB.id, false);
    const finalB = (await rb.invoices({ subscriptionId: subB.id })).map(summary);
    expect(finalB.at(-1)!.total).toBe("35.00");
    const cutoff = await retentionCutoff(r.database.sql, now, 35);
    expect(cutoff).toEqual(new Date("2026-05-11T00:00:00Z"));
    const run = await maintainEventPartitions(r.database, now, 35);
    expect(run.retention!.partitionsDropped).toEqual(
      expect.arrayContaining(["MeterEvent_p202601", "MeterEvent_p202602", "MeterEvent_p202603"]),
    );
    expect((await eventPartitions(r.database.sql)).map((p) => p.name)).not.toContain("MeterEvent_p202601");
    expect(await rowsOf(a)).toEqual({ events: 1, identifiers: 1, hours: rowsA.hours });
    expect(await rowsOf(bCustomer)).toMatchObject({ events: 0 });
    expect(await state()).toEqual(before);
    expect((await rb.invoices({ subscriptionId: subB.id })).map(summary)).toEqual(finalB);
    // A second run finds nothing more.
    expect((await maintainEventPartitions(r.database, now, 35)).retention).toMatchObject({
      partitionsDropped: [],
      eventsDeleted: 0,
    });
  });

  it("deletes the events before the cutoff one by one inside a month it cannot drop whole", async () => {
    const clock = await rb.clock("2033-04-20T00:00:00Z");
    const customerId = await rb.customer({ testClockId: clock });
    const meterId = await rb.meter("partial_month");
    await ensureEventPartitions(r.database, new Date("2033-04-20T00:00:00Z"));
    for (const t of ["2033-04-01T00:00:00Z", "2033-04-10T00:00:00Z", "2033-04-19T00:00:00Z"]) {
      await rb.record({ eventName: "partial_month", customerId, value: "1", timestamp: t });
    }
    const hours = (await rowsOf(customerId)).hours;
    const outcome = await dropEventsBefore(r.database, new Date("2033-04-10T00:00:00Z"));
    expect(outcome).toMatchObject({ eventsDeleted: 1 });
    // March is dropped whole (empty here), April only loses its events before the cutoff.
    expect(outcome.partitionsDropped.filter((n) => n >= "MeterEvent_p2033")).toEqual(["MeterEvent_p203303"]);
    expect(await rowsOf(customerId)).toMatchObject({ events: 2, hours });
    expect(await usage(meterId, customerId, "2033-04-01T00:00:00Z", "2033-04-20T00:00:00Z")).toEqual(["3"]);
  });

  it("takes TALLY_EVENT_RETENTION_DAYS of at least 35 whole days; unset keeps events forever", () => {
    expect(eventRetentionDays({})).toBeNull();
    expect(eventRetentionDays({ TALLY_EVENT_RETENTION_DAYS: "400" })).toBe(400);
    for (const bad of ["34", "40.5", "forever", "-1"]) {
      expect(() => eventRetentionDays({ TALLY_EVENT_RETENTION_DAYS: bad })).toThrow(/at least 35/);
    }
  });
});

describe("migration 20261208140000_partitioned_events", () => {
  it("carries every existing event and identifier over, and numbering goes on after them", async () => {
    const folders = readdirSync(migrationsDir)
      .filter((name) => /^\d{14}_/.test(name))
      .sort();
    const at = folders.indexOf("20261208140000_partitioned_events");
    const script = (folder: string) => readFileSync(join(migrationsDir, folder, "migration.sql"), "utf8");
    const empty = onPostgres ? await createEmptyPostgresDatabase() : null;
    const database = await openDatabase(
      empty ? { kind: "postgres", url: empty.url } : { kind: "pglite", dataDir: IN_MEMORY },
    );
    try {
      for (const folder of folders.slice(0, at)) await database.script(script(folder));
      await database.script(`
        INSERT INTO "Account" ("id", "name") VALUES ('acct_1', 'A');
        INSERT INTO "Meter" ("id", "accountId", "mode", "displayName", "eventName", "aggregation") VALUES ('mtr_1', 'acct_1', 'test', 'Tokens', 'tokens', 'SUM');
        INSERT INTO "Customer" ("id", "accountId", "mode") VALUES ('cus_1', 'acct_1', 'test');
        INSERT INTO "Meter" ("id", "accountId", "mode", "displayName", "eventName", "aggregation") VALUES ('mtr_2', 'acct_1', 'live', 'Tokens', 'tokens', 'SUM');
        INSERT INTO "Customer" ("id", "accountId", "mode") VALUES ('cus_2', 'acct_1', 'live');
        INSERT INTO "MeterEvent" ("accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "payload", "canceledAt", "combinationId")
        VALUES ('acct_1', 'test', 'old-1', 'mtr_1', 'cus_1', 1.5, '2025-11-30T23:59:59.999Z', '{"k": "v"}', NULL, 0),
               ('acct_1', 'test', 'old-2', 'mtr_1', 'cus_1', 2, '2025-12-01T00:00:00Z', NULL, '2025-12-01T01:00:00Z', 0),
               ('acct_1', 'live', 'old-1', 'mtr_2', 'cus_2', 3, '2026-01-05T00:00:00Z', NULL, NULL, 0);
      `);
      const read = `SELECT "seq", "accountId", "mode"::text, "identifier", "meterId", "customerId", "value"::text, "timestamp", "payload", "createdAt", "canceledAt", "combinationId" FROM "MeterEvent" ORDER BY "seq"`;
      const rows = await database.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(read);
      for (const folder of folders.slice(at)) await database.script(script(folder));
      expect(await database.prisma.$queryRawUnsafe(read)).toEqual(rows);
      expect(
        await database.prisma.$queryRawUnsafe(
          `SELECT "accountId", "mode"::text, "identifier", "seq" FROM "MeterEventIdentifier" ORDER BY "seq"`,
        ),
      ).toEqual(rows.map(({ accountId, mode, identifier, seq }) => ({ accountId, mode, identifier, seq })));
      // The first run (at migrate and at start) moves them into their months.
      const created = await ensureEventPartitions(database, new Date("2026-01-05T00:00:00Z"));
      expect(created).toEqual(
        expect.arrayContaining(["MeterEvent_p202511", "MeterEvent_p202512", "MeterEvent_p202601"]),
      );
      const parts = await database.prisma.$queryRawUnsafe<Array<{ part: string }>>(
        `SELECT tableoid::regclass::text AS "part" FROM "MeterEvent" ORDER BY "seq"`,
      );
      expect(parts.map((p) => p.part.replaceAll('"', ""))).toEqual([
        "MeterEvent_p202511",
        "MeterEvent_p202512",
        "MeterEvent_p202601",
      ]);
      const [next] = await database.prisma.$queryRawUnsafe<Array<{ seq: bigint }>>(
        `SELECT nextval('"MeterEvent_seq_seq"') AS "seq"`,
      );
      expect(next!.seq).toBeGreaterThan(rows.at(-1)!.seq as bigint);
    } finally {
      await database.close();
      await empty?.drop();
    }
  });
});
