import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Decimal,
  aggregate,
  composeInvoice,
  prorateLicensedChanges,
  splitPeriod,
  splitUsage,
  sum,
  type Interval,
  type LicensedHolding,
  type PriceModel,
  type ProrationContext,
  type UsageEvent,
} from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

const monthly: Interval = { unit: "MONTH", count: 1 };
const perUnit = (unitAmount: string): PriceModel => ({ scheme: "PER_UNIT", unitAmount: d(unitAmount) });
const holding = (priceId: string, unitAmount: string, quantity = 1): LicensedHolding => ({
  itemId: "si_1",
  priceId,
  description: priceId,
  model: perUnit(unitAmount),
  quantity,
});
const amounts = (lines: Array<{ amount: Decimal }>) => lines.map((line) => line.amount.toFixed(2));

function monthOf(start: string, end: string, at: string): ProrationContext {
  return {
    currency: "usd",
    interval: monthly,
    anchor: utc(start),
    period: { start: utc(start), end: utc(end) },
    at: utc(at),
  };
}

describe("prorateLicensedChanges: Stripe's documented examples", () => {
  it("10 → 20 USD a month, halfway through: −5 and +10 (docs.stripe.com/billing/subscriptions/prorations, 'How prorations work')", () => {
    // A 30-day month (April) cut in its middle.
    const lines = prorateLicensedChanges(
      monthOf("2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z", "2026-04-16T00:00:00Z"),
      [{ before: holding("price_10", "10"), after: holding("price_20", "20") }],
    );
    expect(amounts(lines)).toEqual(["-5.00", "10.00"]);
    expect(lines.map((line) => line.description)).toEqual([
      "Unused time on price_10 after 2026-04-16",
      "Remaining time on price_20 after 2026-04-16",
    ]);
  });

  it("unused time on a 10 USD monthly plan after 2017-03-03T19:14:48Z in the period to 2017-03-14: −3.64, to the second (a Stripe invoice response: gist.github.com/matthewarkin/27bcfdf622eb91d3508ea082d0ad50b8, line amount −364, period 1488568488–1489449600)", () => {
    const context = monthOf("2017-02-14T00:00:00Z", "2017-03-14T00:00:00Z", "2017-03-03T19:14:48Z");
    expect(context.at.getTime() / 1000).toBe(1488568488);
    const lines = prorateLicensedChanges(context, [{ before: holding("widgets", "10"), after: null }]);
    expect(amounts(lines)).toEqual(["-3.64"]);
    expect([lines[0]!.periodStart.getTime() / 1000, lines[0]!.periodEnd.getTime() / 1000]).toEqual([
      1488568488, 1489449600,
    ]);
  });
});

describe("prorateLicensedChanges: Tally's rule", () => {
  // January 2026 has 31 days; from Jan 16 00:00 16 of them remain.
  const january = monthOf("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-01-16T00:00:00Z");

  it("100 → 300 on day 16 of a 31-day month: 100 × 16/31 = 51.6129… and 300 × 16/31 = 154.8387…", () => {
    const lines = prorateLicensedChanges(january, [{ before: holding("basic", "100"), after: holding("pro", "300") }]);
    expect(amounts(lines)).toEqual(["-51.61", "154.84"]);
    expect(lines.every((line) => line.kind === "PRORATION")).toBe(true);
  });

  it("a downgrade is the same rule with a negative net", () => {
    const lines = prorateLicensedChanges(january, [{ before: holding("pro", "300"), after: holding("basic", "100") }]);
    expect(amounts(lines)).toEqual(["-154.84", "51.61"]);
  });

  it("quantity 1 → 5 of one price: credit for 1, charge for 5", () => {
    const lines = prorateLicensedChanges(january, [
      { before: holding("seat", "10", 1), after: holding("seat", "10", 5) },
    ]);
    expect(amounts(lines)).toEqual(["-5.16", "25.81"]);
    expect(lines.map((line) => line.quantity.toFixed())).toEqual(["1", "5"]);
  });

  it("an unchanged item gives no line; an added item only a charge", () => {
    expect(prorateLicensedChanges(january, [{ before: holding("a", "10"), after: holding("a", "10") }])).toEqual([]);
    expect(amounts(prorateLicensedChanges(january, [{ before: null, after: holding("a", "31") }]))).toEqual(["16.00"]);
  });

  it("to the millisecond: one second before the end is 100 × 1/2678400", () => {
    const context = { ...january, at: utc("2026-01-31T23:59:59Z") };
    const lines = prorateLicensedChanges(context, [{ before: null, after: holding("big", "2678400") }]);
    expect(amounts(lines)).toEqual(["1.00"]);
  });

  it("a proration date outside the period is refused", () => {
    expect(() => prorateLicensedChanges({ ...january, at: utc("2026-02-01T00:00:00Z") }, [])).toThrow(RangeError);
  });

  it("a partial first period prorates over the full boundary period, like its first invoice", () => {
    // Started Jan 10 with anchor Jan 1: the first period [Jan 10, Feb 1) is charged 22/31.
    const context: ProrationContext = {
      currency: "usd",
      interval: monthly,
      anchor: utc("2026-01-01T00:00:00Z"),
      period: { start: utc("2026-01-10T00:00:00Z"), end: utc("2026-02-01T00:00:00Z") },
      at: utc("2026-01-16T00:00:00Z"),
    };
    expect(amounts(prorateLicensedChanges(context, [{ before: holding("a", "31"), after: null }]))).toEqual(["-16.00"]);
  });

  it("the lines compose into an UPDATE invoice whose total is the net", () => {
    const prorations = prorateLicensedChanges(january, [
      { before: holding("basic", "100"), after: holding("pro", "300") },
    ]);
    const draft = composeInvoice({
      kind: "UPDATE",
      period: january.period,
      currency: "usd",
      billingMode: "FLEXIBLE",
      at: january.at,
      items: [],
      grants: [],
      pending: { prorations, segments: [] },
    });
    expect(draft.total.toFixed(2)).toBe("103.23");
  });
});

describe("prorateLicensedChanges: properties", () => {
  const moneyArb = decimalArb({ min: 0n, max: 10_000_000n, scale: 2 });
  const quantityArb = fc.integer({ min: 1, max: 1000 });

  it("credit + charge over a full period equals the plain price difference", () => {
    fc.assert(
      fc.property(
        moneyArb,
        quantityArb,
        moneyArb,
        quantityArb,
        fc.integer({ min: 0, max: 40 }),
        (a, qa, b, qb, month) => {
          const start = new Date(Date.UTC(2024, month, 1));
          const end = new Date(Date.UTC(2024, month + 1, 1));
          const context: ProrationContext = {
            currency: "usd",
            interval: monthly,
            anchor: start,
            period: { start, end },
            at: start,
          };
          const before = { ...holding("old", a.toFixed(), qa) };
          const after = { ...holding("new", b.toFixed(), qb), priceId: "new" };
          const lines = prorateLicensedChanges(context, [{ before, after }]);
          expect(sum(lines.map((line) => line.amount)).equals(b.times(qb).minus(a.times(qa)))).toBe(true);
        },
      ),
    );
  });

  it("a credit never exceeds the price and shrinks as the proration date moves later", () => {
    fc.assert(
      fc.property(
        moneyArb,
        fc.integer({ min: 0, max: 2_678_399 }),
        fc.integer({ min: 0, max: 2_678_399 }),
        (a, s1, s2) => {
          const credit = (seconds: number) =>
            prorateLicensedChanges(
              {
                ...monthOf("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"),
                at: new Date(Date.UTC(2026, 0, 1) + seconds * 1000),
              },
              [{ before: holding("a", a.toFixed()), after: null }],
            )[0]!.amount.negated();
          const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
          expect(credit(early).lessThanOrEqualTo(a)).toBe(true);
          expect(credit(late).lessThanOrEqualTo(credit(early))).toBe(true);
        },
      ),
    );
  });
});

describe("splitUsage: the metered split", () => {
  const period = { start: utc("2026-01-01T00:00:00Z"), end: utc("2026-02-01T00:00:00Z") };
  const span = period.end.getTime() - period.start.getTime();
  const eventsArb = fc.array(
    fc.record({
      offset: fc.integer({ min: 0, max: span - 1 }),
      value: decimalArb({ min: 0n, max: 1_000_000n, scale: 3 }),
    }),
    { maxLength: 60 },
  );
  const toEvents = (raw: Array<{ offset: number; value: Decimal }>): UsageEvent[] =>
    raw.map((e, i) => ({ value: e.value, timestamp: new Date(period.start.getTime() + e.offset), seq: BigInt(i) }));

  it("splits a period at an instant inside it, and refuses one outside", () => {
    const at = utc("2026-01-16T00:00:00Z");
    expect(splitPeriod(period, at)).toEqual([
      { start: period.start, end: at },
      { start: at, end: period.end },
    ]);
    expect(() => splitPeriod(period, utc("2025-12-31T23:59:59Z"))).toThrow(RangeError);
    expect(() => splitPeriod(period, utc("2026-02-01T00:00:01Z"))).toThrow(RangeError);
  });

  it("an event at the split instant belongs to the new price, one just before to the old", () => {
    const at = utc("2026-01-16T00:00:00Z");
    const events = toEvents([
      { offset: at.getTime() - period.start.getTime() - 1, value: d("1") },
      { offset: at.getTime() - period.start.getTime(), value: d("2") },
    ]);
    const { before, after } = splitUsage(events, period, at);
    expect([before.map((e) => e.value.toFixed()), after.map((e) => e.value.toFixed())]).toEqual([["1"], ["2"]]);
  });

  it("splitting a period at any instant bills every event once: the parts partition the events, SUM and COUNT add up", () => {
    fc.assert(
      fc.property(eventsArb, fc.integer({ min: 0, max: span }), (raw, cut) => {
        const events = toEvents(raw);
        const { before, after } = splitUsage(events, period, new Date(period.start.getTime() + cut));
        expect([...before, ...after].map((e) => e.seq).sort()).toEqual(events.map((e) => e.seq).sort());
        for (const aggregation of ["SUM", "COUNT"] as const) {
          expect(
            aggregate(before, aggregation).plus(aggregate(after, aggregation)).equals(aggregate(events, aggregation)),
          ).toBe(true);
        }
      }),
    );
  });

  it("with the same per-unit price on both sides, the two parts bill what the whole period would (before rounding)", () => {
    fc.assert(
      fc.property(eventsArb, fc.integer({ min: 0, max: span }), (raw, cut) => {
        const events = toEvents(raw);
        const at = new Date(period.start.getTime() + cut);
        const { before, after } = splitUsage(events, period, at);
        const billed = (quantity: Decimal) => quantity.times(d("0.013"));
        expect(
          billed(aggregate(before, "SUM"))
            .plus(billed(aggregate(after, "SUM")))
            .equals(billed(aggregate(events, "SUM"))),
        ).toBe(true);
      }),
    );
  });
});

describe("composeInvoice with a change's pending charges", () => {
  const january = { start: utc("2026-01-01T00:00:00Z"), end: utc("2026-02-01T00:00:00Z") };
  const swap = utc("2026-01-16T00:00:00Z");
  const graduated = (free: string, unit: string): PriceModel => ({
    scheme: "TIERED",
    tiersMode: "GRADUATED",
    tiers: [
      { upTo: d(free), unitAmount: d("0"), flatAmount: d("0") },
      { upTo: null, unitAmount: d(unit), flatAmount: d("0") },
    ],
  });
  const oldUsage = {
    itemId: "si_api",
    priceId: "price_old",
    description: "API",
    usageType: "METERED" as const,
    model: graduated("1000", "0.04"),
    quantity: 0,
  };
  const newUsage = { ...oldUsage, priceId: "price_new", model: graduated("1000", "0.03") };

  it("bills the old price's usage up to the swap and the new price's from it, tiers restarting", () => {
    const draft = composeInvoice({
      kind: "PERIOD_END",
      currency: "usd",
      billingMode: "FLEXIBLE",
      at: january.end,
      items: [newUsage],
      grants: [],
      usage: { period: january, quantities: new Map([["si_api", d("1300")]]), starts: new Map([["si_api", swap]]) },
      pending: {
        prorations: [],
        segments: [{ item: oldUsage, period: { start: january.start, end: swap }, quantity: d("1500") }],
      },
    });
    expect(
      draft.lines.map((line) => [
        line.priceId,
        line.tier,
        line.quantity.toFixed(),
        line.amount.toFixed(2),
        line.periodStart.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      ["price_old", 1, "1000", "0.00", "2026-01-01"],
      ["price_old", 2, "500", "20.00", "2026-01-01"],
      ["price_new", 1, "1000", "0.00", "2026-01-16"],
      ["price_new", 2, "300", "9.00", "2026-01-16"],
    ]);
    expect(draft.total.toFixed(2)).toBe("29.00");
  });

  it("a final invoice at the swap instant bills no line for the new price's empty window", () => {
    const draft = composeInvoice({
      kind: "FINAL",
      currency: "usd",
      billingMode: "FLEXIBLE",
      at: swap,
      items: [newUsage],
      grants: [],
      usage: {
        period: { start: january.start, end: swap },
        quantities: new Map(),
        starts: new Map([["si_api", swap]]),
      },
    });
    expect(draft.lines).toEqual([]);
  });
});
