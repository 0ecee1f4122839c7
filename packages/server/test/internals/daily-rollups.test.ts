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
import { BLOCK_MS, DETAIL_MIN_EVENTS } from "../../src/usage-store/postgres/detail.js";
import { graphql } from "../generated/gql.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog } from "../support/catalog.js";
import { meterEvents } from "../support/meter-events.js";
import { random } from "../support/random.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
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

type Rnd = ReturnType<typeof random>;

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

/** Random events of [from, to): values of 0–3 combinations' dimensions, shared instants for LAST's ties. */
function randomEvents(
  rnd: Rnd,
  s: Setup,
  prefix: string,
  count: number,
  shared: number[],
  [from, to] = [DATA_START, CLOCK_START],
) {
  return Array.from({ length: count }, (_, i) => {
    const payload: Record<string, string> = {};
    const model = rnd.pick(["large", "small", "tiny", null]);
    const region = rnd.pick(["eu", "us", null]);
    if (model) payload.model = model;
    if (region) payload.region = region;
    const timestamp = rnd.next() < 0.2 ? rnd.pick(shared) : from + rnd.int(0, to - from - 1);
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

/** The i-th random range [start, end) of a read; the first, all the data. */
function anyRange(rnd: Rnd, i: number): [number, number] {
  const unit = rnd.pick([1, 60_000, HOUR, DAY]);
  const start = Math.floor((DATA_START - DAY + rnd.int(0, 8 * DAY)) / unit) * unit;
  const end = Math.floor((start + rnd.int(1, 7 * DAY)) / unit) * unit;
  if (i === 0) return [DATA_START - DAY, CLOCK_START + DAY];
  return [start, end <= start ? start + unit : end];
}

/** Grouped reads (one window, daily and hourly windows) and plain reads of random ranges equal the raw events. */
async function expectExactReads(rnd: Rnd, s: Setup, aggregation: Aggregation, ranges: number, range = anyRange) {
  const events = await rawEvents(s);
  const store = usageStore(app.database.prisma, scope);
  for (let i = 0; i < ranges; i++) {
    const [start, end] = range(rnd, i);
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

const GROUPED = graphql(`
  query BlockDetailGroupedSummary($meterId: ID!, $customerId: ID!, $startTime: DateTime!, $endTime: DateTime!) {
    meterEventSummaries(
      meterId: $meterId
      customerId: $customerId
      startTime: $startTime
      endTime: $endTime
      groupBy: ["model"]
    ) {
      aggregatedValue
      dimensions {
        value
      }
    }
  }
`);

describe("ten-minute blocks of busy hours", () => {
  const busy = DATA_START + 2 * DAY + 7 * HOUR;
  /** Ranges with an edge in the busy hours: mid-hour, on a block, on a minute, anywhere; short and long. */
  const edgeInBusyHours = (rnd: Rnd): [number, number] => {
    const start =
      busy + rnd.pick([30 * MINUTE, 33 * MINUTE + 20_000, 10 * MINUTE, rnd.int(1, 59) * MINUTE, rnd.int(1, HOUR - 1)]);
    const end = rnd.pick([
      CLOCK_START + DAY,
      busy + HOUR + rnd.int(1, HOUR - 1),
      busy + HOUR + rnd.int(1, 5) * 10 * MINUTE,
      start + rnd.int(1, 50 * MINUTE),
    ]);
    return [start, Math.max(end, start + 1)];
  };

  it("answer a window starting mid-hour as a brute-force recomputation, through late events, cancellations and folds", async () => {
    const rnd = random(20261211);
    const s = await setup("SUM");
    const shared = [busy + 30 * MINUTE, busy + 41 * MINUTE + 7, busy + HOUR + 20 * MINUTE];
    const first = [
      ...randomEvents(rnd, s, "busy", DETAIL_MIN_EVENTS + 100, shared, [busy, busy + HOUR]),
      ...randomEvents(rnd, s, "next", DETAIL_MIN_EVENTS + 100, shared, [busy + HOUR, busy + 2 * HOUR]),
      ...randomEvents(rnd, s, "rest", 200, shared),
    ];
    await record(first);
    await foldPastHours(app.database, new Date(CLOCK_START));
    const blocks = () =>
      app.database.prisma.meterUsageBlock.findMany({ where: { meterId: s.meterId, customerId: s.customerId } });
    const inBusyHours = async () =>
      (await rawEvents(s)).filter((e) => e.timestamp.getTime() >= busy && e.timestamp.getTime() < busy + 2 * HOUR);
    // The busy hours' blocks, and only theirs, hold their events.
    const built = await blocks();
    expect(new Set(built.map((b) => Math.floor(b.block.getTime() / HOUR) * HOUR))).toEqual(
      new Set([busy, busy + HOUR]),
    );
    expect(built.every((b) => b.block.getTime() % BLOCK_MS === 0)).toBe(true);
    expect(built.reduce((n, b) => n + b.count, 0n)).toBe(BigInt((await inBusyHours()).length));
    await expectExactReads(rnd, s, "SUM", 12, edgeInBusyHours);

    // Tamper with one block: a read of its edge follows it while its hour is unchanged.
    const tampered = { meterId: s.meterId, customerId: s.customerId, block: new Date(busy + 40 * MINUTE) };
    const { count: combinations } = await app.database.prisma.meterUsageBlock.updateMany({
      where: tampered,
      data: { sum: { increment: 1000 } },
    });
    expect(combinations).toBeGreaterThan(1);
    const edgeSum = async () => {
      const q = {
        meterId: s.meterId,
        customerId: s.customerId,
        start: new Date(busy + 30 * MINUTE),
        end: new Date(busy + HOUR),
      };
      const rows = await usageStore(app.database.prisma, scope).usageByCombination(q, null, "SUM");
      return rows.reduce((acc, r) => acc.plus(r.partial.sum), toDecimal("0")).toFixed();
    };
    const rawEdgeSum = async () =>
      aggregate(
        (await rawEvents(s)).filter(
          (e) => e.timestamp.getTime() >= busy + 30 * MINUTE && e.timestamp.getTime() < busy + HOUR,
        ),
        "SUM",
      ).toFixed();
    expect(await edgeSum()).toBe(
      toDecimal(await rawEdgeSum())
        .plus(1000 * combinations)
        .toFixed(),
    );

    // An event after the fold: the hour's detail no longer stands for it, its raw events do.
    await record(randomEvents(rnd, s, "late", 3, shared, [busy + 30 * MINUTE, busy + HOUR]));
    expect(await edgeSum()).toBe(await rawEdgeSum());
    await expectExactReads(rnd, s, "SUM", 8, edgeInBusyHours);
    await foldPastHours(app.database, new Date(CLOCK_START));
    expect((await blocks()).reduce((n, b) => n + b.count, 0n)).toBe(BigInt((await inBusyHours()).length));
    await expectExactReads(rnd, s, "SUM", 8, edgeInBusyHours);

    // Cancellations of folded events: their hours are rebuilt without detail until folded again.
    for (const e of first.slice(0, DETAIL_MIN_EVENTS * 2).filter(() => rnd.next() < 0.02)) {
      expect((await meterEvents(app).cancel(s.eventName, e.identifier)).__typename).toBe("MeterEvent");
    }
    await expectExactReads(rnd, s, "SUM", 8, edgeInBusyHours);
    await foldPastHours(app.database, new Date(CLOCK_START));
    await expectExactReads(rnd, s, "SUM", 8, edgeInBusyHours);

    // The grouped summary of a month-like window starting mid-hour, through the API.
    const startTime = busy + 30 * MINUTE;
    const summary = await app.data(GROUPED, {
      meterId: s.meterId,
      customerId: s.customerId,
      startTime: new Date(startTime).toISOString(),
      endTime: new Date(CLOCK_START + DAY).toISOString(),
    });
    const byModel = new Map<string | null, RawEvent[]>();
    for (const e of (await rawEvents(s)).filter((e) => e.timestamp.getTime() >= startTime)) {
      const model = (JSON.parse(e.group) as Array<string | null>)[0] ?? null;
      byModel.set(model, [...(byModel.get(model) ?? []), e]);
    }
    expect(
      new Map(summary.meterEventSummaries.map((r) => [r.dimensions[0]!.value ?? null, r.aggregatedValue])),
    ).toEqual(new Map([...byModel].map(([model, of]) => [model, aggregate(of, "SUM").toFixed()])));
  });
});
