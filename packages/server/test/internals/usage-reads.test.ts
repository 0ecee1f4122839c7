// The rollup-based usage reads must equal a raw recomputation exactly: random events across many
// hours (negative and decimal values, equal timestamps, cancellations), every aggregation, random
// ranges with hour-, minute- and millisecond-aligned bounds.
import { AGGREGATIONS, aggregate, toDecimal, type Aggregation } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../src/db/tenant-scope.js";
import type { Db } from "../../src/db/transaction.js";
import { foldPastHours } from "../../src/services/meter-events/fold-job.js";
import { lockCustomersUsage } from "../../src/db/locks.js";
import { type GroupingWindow, type UsageQuery, usageStore } from "../../src/usage-store/index.js";
import { DETAIL_MIN_EVENTS } from "../../src/usage-store/postgres/detail.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog } from "../support/catalog.js";
import { meterEvents } from "../support/meter-events.js";
import { random } from "../support/random.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CLOCK_START = Date.parse("2026-03-10T00:00:00Z");

let app: TestApp;
let scope: Scope;
beforeAll(async () => {
  app = await createTestApp();
  scope = { accountId: app.account.account.id, mode: "test" };
});
afterAll(() => app.close());

let meters = 0;

const meterUsage = (db: Db, scope: Scope, q: UsageQuery & { aggregation: Aggregation }) =>
  usageStore(db, scope).usage(q, q.aggregation);
const usageByWindow = (db: Db, scope: Scope, q: UsageQuery, window: GroupingWindow, aggregation: Aggregation) =>
  usageStore(db, scope).usageByWindow(q, window, aggregation);

/** A customer on a test clock at CLOCK_START and a new meter; events go to `eventName`. */
async function setup(aggregation: Aggregation) {
  const eventName = `random_${aggregation.toLowerCase()}_${++meters}`;
  const { customerId } = await catalog(app).clockCustomer(new Date(CLOCK_START).toISOString(), { name: "Random" });
  const meter = await catalog(app).meter({ displayName: "Random", eventName, aggregation });
  return { eventName, customerId, meterId: meter.id };
}

async function rawEvents(meterId: string, customerId: string) {
  const rows = await app.database.prisma.meterEvent.findMany({ where: { meterId, customerId, canceledAt: null } });
  return rows.map((r) => ({ value: toDecimal(r.value.toFixed()), timestamp: r.timestamp, seq: r.seq }));
}

type RawEvent = Awaited<ReturnType<typeof rawEvents>>[number];

/** Every usage read of [start, end), whole and by `window`, equals the aggregation of `events`. */
async function expectRawEquality(
  events: RawEvent[],
  q: UsageQuery,
  aggregation: Aggregation,
  window: GroupingWindow,
): Promise<void> {
  const rawOver = (start: Date, end: Date) =>
    aggregate(
      events.filter((e) => e.timestamp >= start && e.timestamp < end),
      aggregation,
    ).toFixed();
  const actual = await meterUsage(app.database.prisma, scope, { ...q, aggregation });
  expect(actual.toFixed(), `${aggregation} over [${q.start.toISOString()}, ${q.end.toISOString()})`).toBe(
    rawOver(q.start, q.end),
  );
  const [batched] = await usageStore(app.database.prisma, scope).usages([{ ...q, aggregation }]);
  expect(batched!.toFixed(), `${aggregation} batched`).toBe(rawOver(q.start, q.end));

  const windows = await usageByWindow(app.database.prisma, scope, q, window, aggregation);
  expect(windows[0]!.start).toEqual(q.start);
  expect(windows.at(-1)!.end).toEqual(q.end);
  for (const [k, w] of windows.entries()) {
    if (k > 0) expect(w.start).toEqual(windows[k - 1]!.end);
    expect(w.value.toFixed(), `${aggregation}, ${window} window ${w.start.toISOString()}`).toBe(
      rawOver(w.start, w.end),
    );
  }
}

describe("usage from rollups", () => {
  for (const [n, aggregation] of AGGREGATIONS.entries()) {
    it(`equals the raw recomputation exactly for ${aggregation}`, async () => {
      const rnd = random(20261121 + n);
      const { eventName, customerId, meterId } = await setup(aggregation);
      const dataStart = CLOCK_START - 30 * DAY;
      // A few shared instants, so that LAST must break timestamp ties by receipt order.
      const shared = Array.from({ length: 4 }, () => dataStart + rnd.int(0, 30 * DAY));
      const randomValue = () => {
        const digits = rnd.int(1, 15);
        let text = String(rnd.int(1, 9)) + Array.from({ length: digits - 1 }, () => rnd.int(0, 9)).join("");
        const point = rnd.int(0, digits);
        text = point === digits ? text : `${text.slice(0, point) || "0"}.${text.slice(point)}`;
        return (rnd.next() < 0.3 ? "-" : "") + text;
      };
      const identifiers: string[] = [];
      for (let batch = 0; batch < 4; batch++) {
        const events = Array.from({ length: 150 }, (_, i) => {
          const timestamp = rnd.next() < 0.2 ? rnd.pick(shared) : dataStart + rnd.int(0, 30 * DAY);
          const identifier = `${aggregation}-${batch}-${i}`;
          identifiers.push(identifier);
          return {
            eventName,
            customerId,
            value: randomValue(),
            timestamp: new Date(timestamp).toISOString(),
            identifier,
          };
        });
        expect(await meterEvents(app).recordMany(events)).toEqual({
          __typename: "RecordMeterEventsSummary",
          accepted: 150,
          duplicates: 0,
          rejected: [],
        });
      }
      for (const identifier of identifiers.filter(() => rnd.next() < 0.03)) {
        expect((await meterEvents(app).cancel(eventName, identifier)).__typename).toBe("MeterEvent");
      }

      const events = await rawEvents(meterId, customerId);
      const alignTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
      const queries: UsageQuery[] = [];
      for (let i = 0; i < 60; i++) {
        const unit = rnd.pick([1, 60_000, HOUR, DAY]);
        let start = alignTo(dataStart - DAY + rnd.int(0, 32 * DAY), unit);
        const length = rnd.pick([rnd.int(1, 50 * 60_000), rnd.int(1, 3 * HOUR), rnd.int(1, 40 * DAY)]);
        let end = alignTo(start + length, unit);
        // Often end just after a shared instant: then LAST's answer is one of its tied events.
        if (rnd.next() < 0.4) {
          end = rnd.pick(shared) + rnd.pick([1, 60_000, rnd.int(1, HOUR)]);
          start = Math.min(start, end - rnd.int(1, 3 * DAY));
        }
        if (end <= start) end = start + unit;
        if (i === 0) [start, end] = [dataStart - DAY, CLOCK_START + DAY];
        const window = end - start > 10 * DAY ? "DAY" : rnd.pick(["HOUR", "DAY"] as const);
        const q = { meterId, customerId, start: new Date(start), end: new Date(end) };
        queries.push(q);
        await expectRawEquality(events, q, aggregation, window);
      }
      // All the ranges at once, and an empty one, as a batch of period closes reads them.
      queries.push({ meterId, customerId, start: new Date(CLOCK_START), end: new Date(CLOCK_START) });
      const batched = await usageStore(app.database.prisma, scope).usages(queries.map((q) => ({ ...q, aggregation })));
      expect(batched.map((value) => value.toFixed())).toEqual(
        queries.map((q) =>
          aggregate(
            events.filter((e) => e.timestamp >= q.start && e.timestamp < q.end),
            aggregation,
          ).toFixed(),
        ),
      );
    });
  }

  it("answers an empty or reversed range with the empty aggregate", async () => {
    const { customerId, meterId } = await setup("MAX");
    const at = new Date(CLOCK_START);
    const empty = { meterId, customerId, start: at, end: at, aggregation: "MAX" as const };
    expect((await meterUsage(app.database.prisma, scope, empty)).toFixed()).toBe("0");
    expect(
      await usageByWindow(
        app.database.prisma,
        scope,
        { meterId, customerId, start: at, end: new Date(CLOCK_START - 1) },
        "DAY",
        "MAX",
      ),
    ).toEqual([]);
  });

  it("reads whole hours from the rollups, not from the raw events", async () => {
    const { eventName, customerId, meterId } = await setup("SUM");
    const hour = new Date(CLOCK_START - 5 * HOUR);
    await meterEvents(app).record({
      eventName,
      customerId,
      value: "7",
      timestamp: new Date(hour.getTime() + 60_000).toISOString(),
    });
    // Tamper with the rollup only: a whole-hour read follows it, a short edge (at most half an hour)
    // follows the raw rows; a long edge of an additive aggregation (SUM, COUNT) is the hour's
    // rollup minus the raw rows of the rest of the hour.
    expect(
      await app.database.prisma.meterUsageHour.updateMany({
        where: { meterId, customerId, hour },
        data: { sum: "1000" },
      }),
    ).toEqual({ count: 1 });
    const usage = (minutes: number, offsetMs = 0) =>
      meterUsage(app.database.prisma, scope, {
        meterId,
        customerId,
        aggregation: "SUM",
        start: hour,
        end: new Date(hour.getTime() + minutes * 60_000 + offsetMs),
      });
    expect((await usage(60)).toFixed()).toBe("1000");
    expect((await usage(20)).toFixed()).toBe("7");
    expect((await usage(60, -1)).toFixed()).toBe("1000");
    expect((await usage(0, 60_000)).toFixed()).toBe("0");
  });

  it("keeps usage of other tenants apart even with raw SQL", async () => {
    const { eventName, customerId, meterId } = await setup("COUNT");
    await meterEvents(app).record({ eventName, customerId });
    const q = {
      meterId,
      customerId,
      aggregation: "COUNT" as const,
      start: new Date(CLOCK_START - DAY),
      end: new Date(CLOCK_START + DAY),
    };
    expect((await meterUsage(app.database.prisma, scope, q)).toFixed()).toBe("1");
    expect((await meterUsage(app.database.prisma, { ...scope, mode: "live" }, q)).toFixed()).toBe("0");
    expect((await meterUsage(app.database.prisma, { accountId: "acct_other", mode: "test" }, q)).toFixed()).toBe("0");
  });

  it("takes usage locks inside a transaction, shared or exclusive, for any number of customers", async () => {
    await app.database.prisma.$transaction(async (tx) => {
      await lockCustomersUsage(tx, ["cus_b", "cus_a", "cus_b"], "shared");
      await lockCustomersUsage(tx, [], "exclusive");
      await lockCustomersUsage(tx, ["cus_c"], "exclusive");
    });
  });
});

describe("minute detail of busy hours", () => {
  const MINUTE = 60_000;
  const record = async (
    eventName: string,
    customerId: string,
    events: Array<{ timestamp: number; value: string; identifier: string }>,
  ) => {
    for (let i = 0; i < events.length; i += 1000) {
      const batch = events
        .slice(i, i + 1000)
        .map((e) => ({ ...e, eventName, customerId, timestamp: new Date(e.timestamp).toISOString() }));
      expect((await meterEvents(app).recordMany(batch)).accepted).toBe(batch.length);
    }
  };
  const cancel = async (eventName: string, identifier: string) => {
    expect((await meterEvents(app).cancel(eventName, identifier)).__typename).toBe("MeterEvent");
  };

  it("stays exact while late events, cancellations and folds of a busy hour run at once", async () => {
    const rnd = random(20261123);
    const { eventName, customerId, meterId } = await setup("SUM");
    const hour = CLOCK_START - 3 * DAY;
    const event = (identifier: string) => ({
      timestamp: hour + rnd.int(0, HOUR - 1),
      value: `${rnd.int(1, 999)}.${rnd.int(0, 99)}`,
      identifier,
    });
    const base = Array.from({ length: DETAIL_MIN_EVENTS + 20 }, (_, i) => event(`conc-${i}`));
    await record(eventName, customerId, base);
    await foldPastHours(app.database, new Date(CLOCK_START));
    const late = Array.from({ length: 12 }, (_, k) =>
      Array.from({ length: 5 }, (_, i) => event(`conc-late-${k}-${i}`)),
    );
    await Promise.all([
      ...late.map((batch) => record(eventName, customerId, batch)),
      ...[3, 7, 11].map((i) => cancel(eventName, `conc-${i}`)),
      ...Array.from({ length: 4 }, () => foldPastHours(app.database, new Date(CLOCK_START))),
    ]);
    const exactReads = async () => {
      const events = await rawEvents(meterId, customerId);
      for (let i = 0; i < 15; i++) {
        const start = hour - 10 * MINUTE + rnd.int(0, 70 * MINUTE);
        const end = start + rnd.int(1, 80 * MINUTE);
        await expectRawEquality(
          events,
          { meterId, customerId, start: new Date(start), end: new Date(end) },
          AGGREGATIONS[i % AGGREGATIONS.length]!,
          "HOUR",
        );
      }
    };
    // Exact whatever the folds left, and once folded again, read from one row with current minutes.
    await exactReads();
    await foldPastHours(app.database, new Date(CLOCK_START));
    const count = BigInt(base.length + 60 - 3);
    expect(
      await app.database.prisma.meterUsageHour.findMany({
        where: { meterId, customerId },
        select: { shard: true, count: true, detailCount: true },
      }),
    ).toEqual([{ shard: 0, count, detailCount: count }]);
    const minutes = await app.database.prisma.meterUsageMinute.aggregate({
      where: { meterId, customerId },
      _sum: { count: true },
    });
    expect(minutes._sum.count).toBe(count);
    await exactReads();
  });

  it("reads the whole minutes of a folded busy hour from its detail while the hour is unchanged, and equals the raw events", async () => {
    const rnd = random(20261122);
    const { eventName, customerId, meterId } = await setup("SUM");
    const dataStart = CLOCK_START - 2 * DAY;
    const busy = [0, 1, 2].map((k) => dataStart + k * HOUR);
    const quiet = dataStart + 5 * HOUR;
    const perBusyHour = DETAIL_MIN_EVENTS + 50;
    const generated = [
      ...busy.flatMap((hour) => Array.from({ length: perBusyHour }, () => hour)),
      ...Array.from({ length: 20 }, () => quiet),
    ].map((hour, i) => ({
      // Some events on the same millisecond, so that LAST breaks ties by receipt.
      timestamp: hour + (rnd.next() < 0.1 ? 30 * MINUTE : rnd.int(0, HOUR - 1)),
      value: `${rnd.next() < 0.3 ? "-" : ""}${rnd.int(0, 9999)}.${rnd.int(0, 999)}`,
      identifier: `busy-${i}`,
    }));
    await record(eventName, customerId, generated);
    const hourRows = () =>
      app.database.prisma.meterUsageHour.findMany({
        where: { meterId, customerId },
        orderBy: [{ hour: "asc" }, { shard: "asc" }],
        select: { hour: true, shard: true, detailCount: true },
      });
    const detail = (hour: number) =>
      app.database.prisma.meterUsageMinute.findMany({
        where: { meterId, customerId, minute: { gte: new Date(hour), lt: new Date(hour + HOUR) } },
      });

    // Ingest writes shards 1–8; folding merges them into shard 0 with minute detail for busy hours.
    expect((await hourRows()).every((r) => r.shard > 0)).toBe(true);
    await foldPastHours(app.database, new Date(CLOCK_START));
    expect(await hourRows()).toEqual([
      ...busy.map((hour) => ({ hour: new Date(hour), shard: 0, detailCount: BigInt(perBusyHour) })),
      { hour: new Date(quiet), shard: 0, detailCount: null },
    ]);
    expect(await detail(quiet)).toEqual([]);
    // Blocks serve reads per combination, which a meter without dimensions never has.
    expect(await app.database.prisma.meterUsageBlock.count({ where: { meterId, customerId } })).toBe(0);
    const minutesOf = (hour: number) =>
      new Set(
        generated
          .filter((e) => e.timestamp >= hour && e.timestamp < hour + HOUR)
          .map((e) => Math.floor(e.timestamp / MINUTE)),
      );
    expect((await detail(busy[1]!)).map((m) => m.minute.getTime() / MINUTE).sort()).toEqual(
      [...minutesOf(busy[1]!)].sort(),
    );

    const randomRanges = async (count: number) => {
      const events = await rawEvents(meterId, customerId);
      for (let i = 0; i < count; i++) {
        const unit = rnd.pick([1, 1000, MINUTE]);
        const start = Math.floor((dataStart - 30 * MINUTE + rnd.int(0, 4 * HOUR)) / unit) * unit;
        const end = start + Math.max(unit, Math.floor(rnd.int(1, rnd.pick([10 * MINUTE, 2 * HOUR])) / unit) * unit);
        const aggregation = AGGREGATIONS[i % AGGREGATIONS.length]!;
        await expectRawEquality(
          events,
          { meterId, customerId, start: new Date(start), end: new Date(end) },
          aggregation,
          rnd.pick(["HOUR", "DAY"] as const),
        );
      }
    };
    await randomRanges(40);

    // A minute read from the detail: tampering with it shows through, as long as the hour is unchanged.
    const sumOver = async (start: number, end: number) =>
      (
        await meterUsage(app.database.prisma, scope, {
          meterId,
          customerId,
          aggregation: "SUM",
          start: new Date(start),
          end: new Date(end),
        })
      ).toFixed();
    const rawSumOver = async (start: number, end: number) =>
      aggregate(
        (await rawEvents(meterId, customerId)).filter(
          (e) => e.timestamp.getTime() >= start && e.timestamp.getTime() < end,
        ),
        "SUM",
      ).toFixed();
    const tamper = (minute: number) =>
      app.database.prisma
        .$executeRaw`UPDATE "MeterUsageMinute" SET "sum" = "sum" + 1000 WHERE "meterId" = ${meterId} AND "customerId" = ${customerId} AND "minute" = ${new Date(minute)}`;
    const minute = [...minutesOf(busy[1]!)][0]! * MINUTE;
    expect(await tamper(minute)).toBe(1);
    const truth = toDecimal(await rawSumOver(minute - 10_000, minute + 70_000));
    expect(await sumOver(minute - 10_000, minute + 70_000)).toBe(truth.plus(1000).toFixed());

    // A late event changes the hour's count: its detail is not read until the hour is folded again.
    await record(eventName, customerId, [{ timestamp: minute + 5_000, value: "0.5", identifier: "late" }]);
    expect(await sumOver(minute - 10_000, minute + 70_000)).toBe(truth.plus("0.5").toFixed());
    await foldPastHours(app.database, new Date(CLOCK_START));
    expect((await hourRows()).find((r) => r.hour.getTime() === busy[1])).toEqual({
      hour: new Date(busy[1]!),
      shard: 0,
      detailCount: BigInt(perBusyHour + 1),
    });
    expect(await sumOver(minute - 10_000, minute + 70_000)).toBe(truth.plus("0.5").toFixed());

    // A cancellation replaces the hour's rows: a late event that brings the count back to what the
    // detail was built from must not revive it.
    const early = generated.find((e) => e.timestamp >= busy[0]! && e.timestamp < busy[0]! + HOUR)!;
    const tampered = Math.floor(early.timestamp / MINUTE) * MINUTE;
    expect(await tamper(tampered)).toBe(1);
    await cancel(eventName, early.identifier);
    await record(eventName, customerId, [{ timestamp: tampered + 1, value: "2", identifier: "replacement" }]);
    expect(await sumOver(tampered, tampered + MINUTE)).toBe(await rawSumOver(tampered, tampered + MINUTE));
    await randomRanges(20);
    await foldPastHours(app.database, new Date(CLOCK_START));
    expect((await hourRows()).map((r) => r.detailCount)).toEqual([
      BigInt(perBusyHour),
      BigInt(perBusyHour + 1),
      BigInt(perBusyHour),
      null,
    ]);
    await randomRanges(20);
  });
});
