import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alertPeriod,
  currentPeriod,
  hasEnded,
  nextPeriod,
  openPeriod,
  periodsBetween,
  subscriptionPeriod,
  type Interval,
  type Period,
  type ScheduledSubscription,
} from "../src/index.js";
import { utc } from "./support.js";

const monthly: Interval = { unit: "MONTH", count: 1 };
const iso = (period: Period) => [period.start.toISOString(), period.end.toISOString()];

/** Monthly from Jan 15, anchored on the 1st: the first period is partial. */
const subscription: ScheduledSubscription = {
  startDate: utc("2026-01-15T00:00:00Z"),
  billingCycleAnchor: utc("2026-01-01T00:00:00Z"),
  interval: monthly,
  currentPeriodStart: utc("2026-01-15T00:00:00Z"),
  currentPeriodEnd: utc("2026-02-01T00:00:00Z"),
};

describe("hasEnded: a period ends when now reaches its end", () => {
  const period = openPeriod(subscription);
  it.each([
    ["2026-01-31T23:59:59.999Z", false],
    ["2026-02-01T00:00:00.000Z", true],
    ["2026-02-01T00:00:00.001Z", true],
    ["2026-01-15T00:00:00.000Z", false],
  ])("at %s → %s", (now, ended) => {
    expect(hasEnded(period, utc(now))).toBe(ended);
  });
});

describe("currentPeriod(subscription, now)", () => {
  it.each([
    ["2026-01-20T00:00:00Z", ["2026-01-15T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]],
    ["2026-01-31T23:59:59.999Z", ["2026-01-15T00:00:00.000Z", "2026-02-01T00:00:00.000Z"]],
    // The open period has ended but is not closed yet: the schedule's period at now.
    ["2026-02-01T00:00:00Z", ["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]],
    ["2026-04-10T12:00:00Z", ["2026-04-01T00:00:00.000Z", "2026-05-01T00:00:00.000Z"]],
  ])("at %s → %o", (now, expected) => {
    expect(iso(currentPeriod(subscription, utc(now)))).toEqual(expected);
  });

  it("is the stored open period until it ends, also when the schedule would say otherwise", () => {
    // A stored period is the authority while it is open (e.g. one the schedule no longer derives).
    const stored = { ...subscription, currentPeriodEnd: utc("2026-02-10T00:00:00Z") };
    expect(iso(currentPeriod(stored, utc("2026-02-05T00:00:00Z")))).toEqual([
      "2026-01-15T00:00:00.000Z",
      "2026-02-10T00:00:00.000Z",
    ]);
  });
});

describe("nextPeriod", () => {
  it.each<[string, string, Interval, [string, string]]>([
    ["2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", monthly, ["2026-02-28T00:00:00.000Z", "2026-03-31T00:00:00.000Z"]],
    ["2026-01-15T00:00:00Z", "2026-02-15T00:00:00Z", monthly, ["2026-02-15T00:00:00.000Z", "2026-03-15T00:00:00.000Z"]],
    [
      "2026-01-05T09:00:00Z",
      "2026-01-19T09:00:00Z",
      { unit: "WEEK", count: 2 },
      ["2026-01-19T09:00:00.000Z", "2026-02-02T09:00:00.000Z"],
    ],
  ])("anchor %s, open period ending %s", (anchor, end, interval, expected) => {
    const s: ScheduledSubscription = {
      startDate: utc(anchor),
      billingCycleAnchor: utc(anchor),
      interval,
      currentPeriodStart: utc(anchor),
      currentPeriodEnd: utc(end),
    };
    expect(iso(nextPeriod(s))).toEqual(expected);
  });

  it("after a partial first period, the next one starts on the anchor's boundary", () => {
    expect(iso(nextPeriod(subscription))).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
  });
});

describe("alertPeriod (docs/concepts/alerts.md#recurrence)", () => {
  it("is the subscription's current period when the customer has one on the meter", () => {
    expect(iso(alertPeriod(subscription, utc("2026-03-03T00:00:00Z")))).toEqual([
      "2026-03-01T00:00:00.000Z",
      "2026-04-01T00:00:00.000Z",
    ]);
  });

  it.each([
    ["2026-02-14T10:00:00Z", ["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]],
    ["2026-12-31T23:59:59.999Z", ["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]],
    ["2028-02-01T00:00:00Z", ["2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z"]],
  ])("without a subscription, the UTC calendar month of now: %s → %o", (now, expected) => {
    expect(iso(alertPeriod(undefined, utc(now)))).toEqual(expected);
  });
});

// Properties: a subscription's open period is one of its schedule's periods, at a random instant after it.
const MIN = Date.UTC(1990, 0, 1);
const MAX = Date.UTC(2090, 0, 1);
const dateArb = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
const intervalArb: fc.Arbitrary<Interval> = fc.oneof(
  fc.record({ unit: fc.constant("DAY" as const), count: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ unit: fc.constant("WEEK" as const), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ unit: fc.constant("MONTH" as const), count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ unit: fc.constant("YEAR" as const), count: fc.integer({ min: 1, max: 3 }) }),
);
const DAY = 86_400_000;
const subscriptionArb = fc
  .record({
    start: dateArb,
    anchorOffset: fc.integer({ min: -40, max: 40 }).map((days) => days * DAY),
    interval: intervalArb,
    closed: fc.integer({ min: 0, max: 5 }),
    later: fc.integer({ min: 0, max: 800 * DAY }),
  })
  .map(({ start, anchorOffset, interval, closed, later }) => {
    const schedule = { startDate: start, billingCycleAnchor: new Date(start.getTime() + anchorOffset), interval };
    let open = subscriptionPeriod(start, schedule.billingCycleAnchor, interval, start);
    for (let i = 0; i < closed; i += 1)
      open = subscriptionPeriod(start, schedule.billingCycleAnchor, interval, open.end);
    const s: ScheduledSubscription = { ...schedule, currentPeriodStart: open.start, currentPeriodEnd: open.end };
    return { s, now: new Date(open.start.getTime() + later) };
  });

describe("current period properties", () => {
  it("the current period contains now, and is the open period exactly until it has ended", () => {
    fc.assert(
      fc.property(subscriptionArb, ({ s, now }) => {
        const period = currentPeriod(s, now);
        expect(period.start <= now && now < period.end).toBe(true);
        expect(iso(period)).toEqual(
          hasEnded(openPeriod(s), now)
            ? iso(subscriptionPeriod(s.startDate, s.billingCycleAnchor, s.interval, now))
            : iso(openPeriod(s)),
        );
      }),
    );
  });

  it("closing periods one by one with nextPeriod walks the same periods as periodsBetween, up to the current one", () => {
    fc.assert(
      fc.property(subscriptionArb, ({ s, now }) => {
        const walked: Period[] = [];
        let open = s;
        while (hasEnded(openPeriod(open), now)) {
          walked.push(openPeriod(open));
          const next = nextPeriod(open);
          expect(next.start.getTime()).toBe(open.currentPeriodEnd.getTime());
          open = { ...open, currentPeriodStart: next.start, currentPeriodEnd: next.end };
        }
        expect(walked.map(iso)).toEqual(periodsBetween(s, s.currentPeriodStart, now).map(iso));
        expect(iso(openPeriod(open))).toEqual(iso(currentPeriod(s, now)));
      }),
    );
  });
});
