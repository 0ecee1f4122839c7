// The daily rollups (usage-store/postgres/daily.ts) against a brute-force recomputation from the
// raw events: random tagged events over several days and combinations, late events, cancellations
// and folds at random cutoffs, every aggregation per combination (LAST's ties, MAX of negative
// values); reads of whole days exact at every step, the day rows equal to the raw events' partials
// once every hour is folded; and exact totals while ingest and folding run at once.
import { AGGREGATIONS, aggregate, finalizeAggregate, toDecimal, type Aggregation } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../src/db/tenant-scope.js";
import { foldPastHours } from "../../src/services/meter-events/fold-job.js";
import { type GroupingWindow, usageStore } from "../../src/usage-store/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog } from "../support/catalog.js";
import { meterEvents } from "../support/meter-events.js";
import { random } from "../support/random.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CLOCK_START = Date.parse("2026-06-10T00:00:00Z");
const DATA_START = CLOCK_START - 6 * DAY;
const KEYS = ["model", "region"] as const;

let app: TestApp;
let scope: Scope;
beforeAll(async () => {
  app = await createTestApp();
  scope = { accountId: app.account.account.id, mode: "test" };
});
afterAll(() => app.close());

let meters = 0;

async function setup(aggregation: Aggregation) {
  const eventName = `daily_${aggregation.toLowerCase()}_${++meters}`;
  const { customerId } = await catalog(app).clockCustomer(new Date(CLOCK_START).toISOString(), { name: "Daily" });
  const meter = await catalog(app).meter({
    displayName: "Daily",
    eventName,
    aggregation,
    dimensionPayloadKeys: [...KEYS],
  });
  return { eventName, customerId, meterId: meter.id };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** Random events of [DATA_START, CLOCK_START): values of 0–3 combinations' dimensions, shared instants for LAST's ties. */
function randomEvents(rnd: ReturnType<typeof random>, s: Setup, prefix: string, count: number, shared: number[]) {
  return Array.from({ length: count }, (_, i) => {
    const payload: Record<string, string> = {};
    const model = rnd.pick(["large", "small", "tiny", null]);
    const region = rnd.pick(["eu", "us", null]);
    if (model) payload.model = model;
    if (region) payload.region = region;
    const timestamp = rnd.next() < 0.2 ? rnd.pick(shared) : DATA_START + rnd.int(0, CLOCK_START - DATA_START - 1);
    return {
      eventName: s.eventName,
      customerId: s.customerId,
      identifier: `${s.eventName}-${prefix}-${i}`,
      value: `${rnd.next() < 0.3 ? "-" : ""}${rnd.int(0, 999)}.${rnd.int(0, 99)}`,
      timestamp: new Date(timestamp).toISOString(),
      payload,
    };
  });
}

async function record(events: Array<Record<string, unknown>>) {
  for (let i = 0; i < events.length; i += 500) {
    const batch = events.slice(i, i + 500);
    expect((await meterEvents(app).recordMany(batch)).accepted).toBe(batch.length);
  }
}

async function rawEvents(s: Setup) {
  const rows = await app.database.prisma.meterEvent.findMany({
    where: { meterId: s.meterId, customerId: s.customerId, canceledAt: null },
  });
  return rows.map((r) => {
    const payload = (r.payload ?? {}) as Record<string, string>;
    const values = KEYS.map((k) => payload[k] ?? null);
    return {
      value: toDecimal(r.value.toFixed()),
      timestamp: r.timestamp,
      seq: r.seq,
      combinationId: r.combinationId,
      group: JSON.stringify(values.every((v) => v === null) ? [] : values),
    };
  });
}

type RawEvent = Awaited<ReturnType<typeof rawEvents>>[number];

/** Every aggregation of each combination's events, by window start and combination. */
function bruteForce(events: RawEvent[], pieces: Array<{ start: number; end: number }>) {
  const expected = new Map<string, string[]>();
  for (const p of pieces) {
    const inPiece = events.filter((e) => e.timestamp.getTime() >= p.start && e.timestamp.getTime() < p.end);
    for (const group of new Set(inPiece.map((e) => e.group))) {
      const of = inPiece.filter((e) => e.group === group);
      expected.set(
        `${p.start} ${group}`,
        AGGREGATIONS.map((a) => aggregate(of, a).toFixed()),
      );
    }
  }
  return expected;
}

/** Grouped reads (one window, daily windows) and plain reads of random ranges equal the raw events. */
async function expectExactReads(rnd: ReturnType<typeof random>, s: Setup, aggregation: Aggregation, ranges: number) {
  const events = await rawEvents(s);
  const store = usageStore(app.database.prisma, scope);
  for (let i = 0; i < ranges; i++) {
    const unit = rnd.pick([1, 60_000, HOUR, DAY]);
    let start = Math.floor((DATA_START - DAY + rnd.int(0, 8 * DAY)) / unit) * unit;
    let end = Math.floor((start + rnd.int(1, 7 * DAY)) / unit) * unit;
    if (end <= start) end = start + unit;
    if (i === 0) [start, end] = [DATA_START - DAY, CLOCK_START + DAY];
    const q = { meterId: s.meterId, customerId: s.customerId, start: new Date(start), end: new Date(end) };
    const window: GroupingWindow | null = rnd.pick([null, "DAY", "DAY", "HOUR"] as const);
    const rows = await store.usageByCombination(q, window, "LAST");
    const unitMs = window === "HOUR" ? HOUR : DAY;
    const pieces =
      window === null
        ? [{ start, end }]
        : Array.from({ length: Math.ceil((end - Math.floor(start / unitMs) * unitMs) / unitMs) }, (_, k) => {
            const t = Math.floor(start / unitMs) * unitMs + k * unitMs;
            return { start: Math.max(t, start), end: Math.min(t + unitMs, end) };
          });
    const actual = new Map(
      rows.map((r) => [
        `${r.start.getTime()} ${JSON.stringify(r.values)}`,
        AGGREGATIONS.map((a) => finalizeAggregate(r.partial, a).toFixed()),
      ]),
    );
    const expected = bruteForce(events, pieces);
    expect(actual, `${window} windows of [${q.start.toISOString()}, ${q.end.toISOString()})`).toEqual(expected);
    // A read for the meter's own aggregation leaves LAST out unless it is LAST (aggregate.ts): the same values.
    const own = await store.usageByCombination(q, window, aggregation);
    const at = AGGREGATIONS.indexOf(aggregation);
    expect(
      new Map(
        own.map((r) => [
          `${r.start.getTime()} ${JSON.stringify(r.values)}`,
          finalizeAggregate(r.partial, aggregation).toFixed(),
        ]),
      ),
      `${aggregation} per combination`,
    ).toEqual(new Map([...expected].map(([key, values]) => [key, values[at]])));
    const total = await store.usage(q, aggregation);
    expect(total.toFixed(), `${aggregation} over the range`).toBe(
      aggregate(
        events.filter((e) => e.timestamp.getTime() >= start && e.timestamp.getTime() < end),
        aggregation,
      ).toFixed(),
    );
  }
}

/** Once every hour is folded: the day rows are exactly the raw events' partials per day and combination. */
async function expectDaysEqualRawEvents(s: Setup) {
  const events = await rawEvents(s);
  const days = await app.database.prisma.meterUsageDay.findMany({
    where: { meterId: s.meterId, customerId: s.customerId },
  });
  const actual = new Map(
    days.map((d) => [
      `${d.day.getTime()} ${d.combinationId}`,
      [d.count, d.sum.toFixed(), d.max?.toFixed(), d.lastValue?.toFixed(), d.lastTimestamp?.getTime(), d.lastSeq],
    ]),
  );
  const expected = new Map<string, unknown[]>();
  const byKey = new Map<string, RawEvent[]>();
  for (const e of events) {
    const key = `${Math.floor(e.timestamp.getTime() / DAY) * DAY} ${e.combinationId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), e]);
  }
  for (const [key, of] of byKey) {
    const last = of.reduce((a, b) =>
      b.timestamp > a.timestamp || (b.timestamp.getTime() === a.timestamp.getTime() && b.seq > a.seq) ? b : a,
    );
    expected.set(key, [
      BigInt(of.length),
      aggregate(of, "SUM").toFixed(),
      aggregate(of, "MAX").toFixed(),
      last.value.toFixed(),
      last.timestamp.getTime(),
      last.seq,
    ]);
  }
  expect(actual).toEqual(expected);
  // And nothing is left outside shard 0 to add to them.
  expect(
    await app.database.prisma.meterUsageHour.count({
      where: { meterId: s.meterId, customerId: s.customerId, shard: { not: 0 } },
    }),
  ).toBe(0);
}

describe("daily rollups", () => {
  for (const [n, aggregation] of AGGREGATIONS.entries()) {
    it(`agree with a brute-force recomputation through late events, cancellations and folds (${aggregation})`, async () => {
      const rnd = random(20261208 + n);
      const s = await setup(aggregation);
      const shared = Array.from({ length: 4 }, () => DATA_START + rnd.int(0, 5 * DAY));
      const first = randomEvents(rnd, s, "a", 400, shared);
      await record(first);
      // Nothing folded: whole days are their unfolded hours.
      await expectExactReads(rnd, s, aggregation, 8);
      // Some days folded, the rest not; whole days read from both.
      await foldPastHours(app.database, new Date(CLOCK_START - 3 * DAY + rnd.int(0, DAY)));
      await expectExactReads(rnd, s, aggregation, 8);
      // Late events into folded days, and cancellations of folded events (their day is rebuilt).
      await record(randomEvents(rnd, s, "b", 150, shared));
      for (const e of first.filter(() => rnd.next() < 0.05)) {
        expect((await meterEvents(app).cancel(s.eventName, e.identifier)).__typename).toBe("MeterEvent");
      }
      await expectExactReads(rnd, s, aggregation, 8);
      await foldPastHours(app.database, new Date(CLOCK_START - DAY + rnd.int(0, DAY)));
      await expectExactReads(rnd, s, aggregation, 8);
      await foldPastHours(app.database, new Date(CLOCK_START));
      await expectDaysEqualRawEvents(s);
      await expectExactReads(rnd, s, aggregation, 8);
      // A cancellation after the last fold: its day is rebuilt without it.
      const late = rnd.pick(first);
      expect((await meterEvents(app).cancel(s.eventName, late.identifier)).__typename).toBe("MeterEvent");
      await foldPastHours(app.database, new Date(CLOCK_START));
      await expectDaysEqualRawEvents(s);
    });
  }

  it("keeps exact totals while concurrent ingest, cancellations and folds run at once", async () => {
    const rnd = random(20261209);
    const s = await setup("SUM");
    const shared = [DATA_START + DAY];
    const base = randomEvents(rnd, s, "base", 300, shared);
    await record(base);
    await foldPastHours(app.database, new Date(CLOCK_START - 2 * DAY));
    const late = Array.from({ length: 10 }, (_, k) => randomEvents(rnd, s, `late-${k}`, 40, shared));
    await Promise.all([
      ...late.map((batch) => record(batch)),
      ...base.slice(0, 4).map((e) => meterEvents(app).cancel(s.eventName, e.identifier)),
      ...Array.from({ length: 6 }, (_, k) => foldPastHours(app.database, new Date(CLOCK_START - (5 - k) * HOUR * 8))),
    ]);
    await expectExactReads(rnd, s, "SUM", 12);
    await foldPastHours(app.database, new Date(CLOCK_START));
    await expectDaysEqualRawEvents(s);
    const total = await usageStore(app.database.prisma, scope).usage(
      { meterId: s.meterId, customerId: s.customerId, start: new Date(DATA_START), end: new Date(CLOCK_START) },
      "SUM",
    );
    expect(total.toFixed()).toBe(aggregate(await rawEvents(s), "SUM").toFixed());
    expect(await app.database.prisma.meterEvent.count({ where: { meterId: s.meterId, canceledAt: null } })).toBe(
      300 + 400 - 4,
    );
  });

  it("reads a whole folded day from its day rows", async () => {
    const s = await setup("SUM");
    const day = CLOCK_START - 3 * DAY;
    await record([
      {
        eventName: s.eventName,
        customerId: s.customerId,
        value: "5",
        timestamp: new Date(day + 5 * HOUR).toISOString(),
      },
    ]);
    await foldPastHours(app.database, new Date(CLOCK_START));
    // Tamper with the day row only: a read of the whole day follows it, a read of part of it the hours.
    expect(
      await app.database.prisma.meterUsageDay.updateMany({
        where: { meterId: s.meterId, customerId: s.customerId },
        data: { sum: "1000" },
      }),
    ).toEqual({ count: 1 });
    const usage = (start: number, end: number) =>
      usageStore(app.database.prisma, scope).usage(
        { meterId: s.meterId, customerId: s.customerId, start: new Date(start), end: new Date(end) },
        "SUM",
      );
    expect((await usage(day, day + DAY)).toFixed()).toBe("1000");
    expect((await usage(day - 5 * HOUR, day + 2 * DAY)).toFixed()).toBe("1000");
    expect((await usage(day, day + DAY - HOUR)).toFixed()).toBe("5");
    expect((await usage(day + HOUR, day + DAY)).toFixed()).toBe("5");
  });
});
