import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addInterval,
  periodContaining,
  periodsBetween,
  prorationFactor,
  subscriptionPeriod,
  type BillingSchedule,
  type Interval,
  type Period,
} from "../src/index.js";
import { utc } from "./support.js";

const monthly: Interval = { unit: "MONTH", count: 1 };
const iso = (date: Date) => date.toISOString();
const isoPeriod = (period: Period) => [iso(period.start), iso(period.end)];

describe("addInterval: anchor + k·interval, month ends clamped and restored", () => {
  it("anchor Jan 31 2028 (leap year) → Feb 29 → Mar 31 → Apr 30, and back", () => {
    const anchor = utc("2028-01-31T10:30:00Z");
    expect([-1, 0, 1, 2, 3, 13].map((k) => iso(addInterval(anchor, monthly, k)))).toEqual([
      "2027-12-31T10:30:00.000Z",
      "2028-01-31T10:30:00.000Z",
      "2028-02-29T10:30:00.000Z",
      "2028-03-31T10:30:00.000Z",
      "2028-04-30T10:30:00.000Z",
      "2029-02-28T10:30:00.000Z",
    ]);
  });

  it("anchor Jan 31 2026 → Feb 28 in a common year", () => {
    expect(iso(addInterval(utc("2026-01-31T00:00:00Z"), monthly, 1))).toBe("2026-02-28T00:00:00.000Z");
  });

  it("yearly from Feb 29 → Feb 28, back to Feb 29 in the next leap year", () => {
    const anchor = utc("2028-02-29T00:00:00Z");
    const yearly: Interval = { unit: "YEAR", count: 1 };
    expect([1, 4, -1].map((k) => iso(addInterval(anchor, yearly, k)))).toEqual([
      "2029-02-28T00:00:00.000Z",
      "2032-02-29T00:00:00.000Z",
      "2027-02-28T00:00:00.000Z",
    ]);
  });

  it.each<[Interval, number, string]>([
    [{ unit: "DAY", count: 1 }, 1, "2026-03-01T12:00:00.000Z"],
    [{ unit: "DAY", count: 10 }, -1, "2026-02-18T12:00:00.000Z"],
    [{ unit: "WEEK", count: 2 }, 1, "2026-03-14T12:00:00.000Z"],
    [{ unit: "MONTH", count: 3 }, 1, "2026-05-28T12:00:00.000Z"],
    [{ unit: "MONTH", count: 3 }, -5, "2024-11-28T12:00:00.000Z"],
    [{ unit: "YEAR", count: 2 }, 1, "2028-02-28T12:00:00.000Z"],
  ])("%o × %i from 2026-02-28 12:00", (interval, k, expected) => {
    expect(iso(addInterval(utc("2026-02-28T12:00:00Z"), interval, k))).toBe(expected);
  });
});

describe("periodContaining and subscriptionPeriod", () => {
  it("finds the boundary period, boundaries belong to the period they start", () => {
    const anchor = utc("2026-01-31T00:00:00Z");
    expect(isoPeriod(periodContaining(anchor, monthly, utc("2026-03-15T00:00:00Z")))).toEqual([
      "2026-02-28T00:00:00.000Z",
      "2026-03-31T00:00:00.000Z",
    ]);
    expect(isoPeriod(periodContaining(anchor, monthly, utc("2026-02-28T00:00:00Z")))).toEqual([
      "2026-02-28T00:00:00.000Z",
      "2026-03-31T00:00:00.000Z",
    ]);
    expect(isoPeriod(periodContaining(anchor, monthly, utc("2026-02-27T23:59:59.999Z")))).toEqual([
      "2026-01-31T00:00:00.000Z",
      "2026-02-28T00:00:00.000Z",
    ]);
    expect(isoPeriod(periodContaining(anchor, monthly, utc("2025-12-01T00:00:00Z")))).toEqual([
      "2025-11-30T00:00:00.000Z",
      "2025-12-31T00:00:00.000Z",
    ]);
  });

  it("the Alpaca subscription: start = anchor = Jan 1 → [Jan 1, Feb 1), then [Feb 1, Mar 1)", () => {
    const start = utc("2026-01-01T00:00:00Z");
    expect(isoPeriod(subscriptionPeriod(start, start, monthly, utc("2026-01-10T00:00:00Z")))).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
    ]);
    expect(isoPeriod(subscriptionPeriod(start, start, monthly, utc("2026-02-01T00:00:00Z")))).toEqual([
      "2026-02-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
  });

  it("a start before the anchor opens with a partial period", () => {
    const start = utc("2026-01-15T00:00:00Z");
    const anchor = utc("2026-02-01T00:00:00Z");
    const first = subscriptionPeriod(start, anchor, monthly, utc("2026-01-20T00:00:00Z"));
    expect(isoPeriod(first)).toEqual(["2026-01-15T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]);
    expect(prorationFactor(first, monthly, anchor).toString()).toBe(
      `0.${"5483870967741935483870967741935483870967741935483870967741935483870967741935483870967741935483870968"}`,
    );
    expect(isoPeriod(subscriptionPeriod(start, anchor, monthly, utc("2026-02-01T00:00:00Z")))).toEqual([
      "2026-02-01T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);
  });

  it("refuses instants before the start", () => {
    const start = utc("2026-01-15T00:00:00Z");
    expect(() => subscriptionPeriod(start, start, monthly, utc("2026-01-14T00:00:00Z"))).toThrow(RangeError);
  });
});

describe("prorationFactor", () => {
  const anchor = utc("2026-01-01T00:00:00Z");

  it("is exactly 1 for a full period and exact for halves", () => {
    expect(prorationFactor({ start: anchor, end: utc("2026-02-01T00:00:00Z") }, monthly, anchor).toString()).toBe("1");
    expect(
      prorationFactor(
        { start: utc("2026-04-16T00:00:00Z"), end: utc("2026-05-01T00:00:00Z") },
        monthly,
        anchor,
      ).toString(),
    ).toBe("0.5");
    expect(
      prorationFactor(
        { start: utc("2026-04-10T00:00:00Z"), end: utc("2026-04-10T00:00:00Z") },
        monthly,
        anchor,
      ).toString(),
    ).toBe("0");
  });

  it("refuses periods that are not inside one boundary period", () => {
    expect(() =>
      prorationFactor({ start: utc("2026-01-15T00:00:00Z"), end: utc("2026-02-15T00:00:00Z") }, monthly, anchor),
    ).toThrow(RangeError);
    expect(() =>
      prorationFactor({ start: utc("2026-01-15T00:00:00Z"), end: utc("2026-01-14T00:00:00Z") }, monthly, anchor),
    ).toThrow(RangeError);
  });
});

describe("periodsBetween", () => {
  const start = utc("2026-01-01T00:00:00Z");
  const schedule = { startDate: start, billingCycleAnchor: start, interval: monthly };
  const ends = (from: Date, to: Date, s: BillingSchedule = schedule) =>
    periodsBetween(s, from, to).map((p) => iso(p.end));

  it("a test clock advanced a year past a monthly subscription reaches 12 periods, in order", () => {
    const periods = periodsBetween(schedule, start, utc("2027-01-01T00:00:00Z"));
    expect(periods.map(isoPeriod)).toEqual(
      Array.from({ length: 12 }, (_, i) => [
        new Date(Date.UTC(2026, i, 1)).toISOString(),
        new Date(Date.UTC(2026, i + 1, 1)).toISOString(),
      ]),
    );
  });

  it("is (from, to]: an end at `from` is not repeated, an end at `to` is included", () => {
    expect(ends(utc("2026-02-01T00:00:00Z"), utc("2026-03-01T00:00:00Z"))).toEqual(["2026-03-01T00:00:00.000Z"]);
    expect(ends(utc("2026-02-02T00:00:00Z"), utc("2026-02-28T00:00:00Z"))).toEqual([]);
  });

  it("never lists boundaries before the start (from earlier than startDate); the first period is partial", () => {
    const late = utc("2026-01-20T00:00:00Z");
    const periods = periodsBetween(
      { ...schedule, startDate: late },
      utc("2025-06-01T00:00:00Z"),
      utc("2026-02-01T00:00:00Z"),
    );
    expect(periods.map(isoPeriod)).toEqual([["2026-01-20T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]]);
  });
});

// Properties over random anchors (1990–2100, any time of day), intervals and instants.
const MIN = Date.UTC(1990, 0, 1);
const MAX = Date.UTC(2100, 0, 1);
const dateArb = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
const intervalArb: fc.Arbitrary<Interval> = fc.oneof(
  fc.record({ unit: fc.constant("DAY" as const), count: fc.integer({ min: 1, max: 1095 }) }),
  fc.record({ unit: fc.constant("WEEK" as const), count: fc.integer({ min: 1, max: 156 }) }),
  fc.record({ unit: fc.constant("MONTH" as const), count: fc.integer({ min: 1, max: 36 }) }),
  fc.record({ unit: fc.constant("YEAR" as const), count: fc.integer({ min: 1, max: 3 }) }),
);
const monthEndHeavyAnchorArb = fc.oneof(
  dateArb,
  fc
    .record({
      year: fc.integer({ min: 1990, max: 2099 }),
      month: fc.integer({ min: 0, max: 11 }),
      day: fc.integer({ min: 28, max: 31 }),
      ms: fc.integer({ min: 0, max: 86_399_999 }),
    })
    .map(
      ({ year, month, day, ms }) =>
        new Date(
          Date.UTC(year, month, 1) +
            (Math.min(day, new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) - 1) * 86_400_000 +
            ms,
        ),
    ),
);

describe("period properties", () => {
  it("periods are contiguous and cover every instant exactly once", () => {
    fc.assert(
      fc.property(monthEndHeavyAnchorArb, intervalArb, dateArb, (anchor, interval, t) => {
        const period = periodContaining(anchor, interval, t);
        expect(period.start <= t && t < period.end).toBe(true);
        // The instants just outside belong to the neighbours, whose shared bounds meet exactly.
        const next = periodContaining(anchor, interval, period.end);
        const previous = periodContaining(anchor, interval, new Date(period.start.getTime() - 1));
        expect(next.start.getTime()).toBe(period.end.getTime());
        expect(previous.end.getTime()).toBe(period.start.getTime());
        expect(periodContaining(anchor, interval, new Date(period.end.getTime() - 1))).toEqual(period);
      }),
    );
  });

  it("boundaries strictly increase in k (so periods never overlap) and are computed from the anchor", () => {
    fc.assert(
      fc.property(monthEndHeavyAnchorArb, intervalArb, fc.integer({ min: -40, max: 40 }), (anchor, interval, k) => {
        const here = addInterval(anchor, interval, k);
        const next = addInterval(anchor, interval, k + 1);
        expect(here < next).toBe(true);
        expect(periodContaining(anchor, interval, here)).toEqual({ start: here, end: next });
      }),
    );
  });

  it("period starts keep the anchor's time of day, and its day of month whenever the month has it", () => {
    fc.assert(
      fc.property(
        monthEndHeavyAnchorArb,
        fc.constantFrom<Interval>(monthly, { unit: "MONTH", count: 5 }, { unit: "YEAR", count: 1 }),
        dateArb,
        (anchor, interval, t) => {
          const { start } = periodContaining(anchor, interval, t);
          const timeOfDay = (date: Date) => date.getTime() % 86_400_000;
          expect(timeOfDay(start)).toBe(timeOfDay(anchor));
          const monthLength = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
          expect(start.getUTCDate()).toBe(Math.min(anchor.getUTCDate(), monthLength));
        },
      ),
    );
  });

  it("subscription periods tile [startDate, ∞): the first starts at startDate, and every period end listed is a next start", () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: -40, max: 40 }).map((days) => days * 86_400_000),
        intervalArb,
        fc.integer({ min: 1, max: 400 }),
        (start, anchorOffset, interval, spanDays) => {
          const anchor = new Date(start.getTime() + anchorOffset);
          const to = new Date(start.getTime() + spanDays * 86_400_000);
          const first = subscriptionPeriod(start, anchor, interval, start);
          expect(first.start.getTime()).toBe(start.getTime());
          const factor = prorationFactor(first, interval, anchor);
          expect(factor.greaterThan(0) && factor.lessThanOrEqualTo(1)).toBe(true);
          let cursor = first;
          for (const period of periodsBetween({ startDate: start, billingCycleAnchor: anchor, interval }, start, to)) {
            expect(period).toEqual(cursor);
            cursor = subscriptionPeriod(start, anchor, interval, period.end);
            expect(cursor.start.getTime()).toBe(period.end.getTime());
            expect(prorationFactor(cursor, interval, anchor).toString()).toBe("1");
          }
          expect(cursor.end > to).toBe(true);
        },
      ),
    );
  });
});
