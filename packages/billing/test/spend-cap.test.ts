import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  admitUnderCap,
  composeInvoice,
  forecastTotal,
  quantityAfter,
  type CappedEvent,
  type CreditGrantState,
  type InvoiceItem,
  type PeriodEndSnapshot,
  type PriceModel,
} from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

const january = { start: utc("2026-01-01T00:00:00Z"), end: utc("2026-02-01T00:00:00Z") };
const graduated: PriceModel = {
  scheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: d("100"), unitAmount: d("0"), flatAmount: d("0") },
    { upTo: d("1000"), unitAmount: d("0.10"), flatAmount: d("5") },
    { upTo: null, unitAmount: d("0.05"), flatAmount: d("0") },
  ],
};
const packaged: PriceModel = {
  scheme: "PER_UNIT",
  unitAmount: d("2"),
  transformQuantity: { divideBy: 10, round: "UP" },
};
const item = (itemId: string, model: PriceModel): InvoiceItem => ({
  itemId,
  priceId: `price_${itemId}`,
  description: itemId,
  usageType: "METERED",
  model,
  quantity: 0,
});
const grant = (remaining: string): CreditGrantState => ({
  id: "grant_paid",
  currency: "usd",
  category: "PAID",
  priority: 50,
  effectiveAt: january.start,
  expiresAt: null,
  createdAt: january.start,
  voidedAt: null,
  remaining: d(remaining),
  scope: { allMeteredPrices: true },
});

function snapshot(quantities: Record<string, string>, grants: CreditGrantState[] = []): PeriodEndSnapshot {
  return {
    kind: "PERIOD_END",
    currency: "usd",
    billingMode: "FLEXIBLE",
    at: january.end,
    items: [item("si_tiers", graduated), item("si_packs", packaged)],
    grants,
    usage: {
      period: january,
      quantities: new Map(Object.entries(quantities).map(([k, v]) => [k, d(v)])),
      starts: new Map([["si_packs", utc("2026-01-10T00:00:00Z")]]),
    },
  };
}
const at = utc("2026-01-15T00:00:00Z");
const sum = (itemId: string, value: string, timestamp = at): CappedEvent => ({
  timestamp,
  items: [{ itemId, aggregation: "SUM", value: d(value) }],
});
/** The test's own reading of one SUM event: added to its item when at or after the item's start. */
function withSum(s: PeriodEndSnapshot, event: CappedEvent): PeriodEndSnapshot {
  const quantities = new Map(s.usage.quantities);
  const it = event.items[0]!;
  if (event.timestamp >= (s.usage.starts?.get(it.itemId) ?? january.start))
    quantities.set(it.itemId, (quantities.get(it.itemId) ?? d("0")).plus(it.value));
  return { ...s, usage: { ...s.usage, quantities } };
}
const admitted = (s: PeriodEndSnapshot, cap: string, events: CappedEvent[]) =>
  admitUnderCap(s, d(cap), events).admitted;

describe("quantityAfter", () => {
  it.each([
    ["SUM", "10", "2.5", "12.5"],
    ["COUNT", "10", "7", "11"],
    ["MAX", "10", "7", "10"],
    ["MAX", "10", "12", "12"],
    ["LAST", "10", "7", "10"],
    ["LAST", "10", "12", "12"],
  ] as const)("%s of %s with %s is %s", (aggregation, quantity, value, expected) => {
    expect(quantityAfter(aggregation, d(quantity), d(value)).toFixed()).toBe(expected);
  });
});

describe("admitUnderCap", () => {
  it.each([
    // 100 free units, then tier 2 costs 5 flat + 0.10 each: 150 units = 10.
    ["all under the cap", { si_tiers: "0" }, "10", [sum("si_tiers", "100"), sum("si_tiers", "50")], [true, true]],
    [
      "the one that crosses is refused, a smaller later one fits",
      { si_tiers: "100" },
      "10",
      [sum("si_tiers", "50"), sum("si_tiers", "1"), sum("si_tiers", "0")],
      [true, false, true],
    ],
    ["a tier's flat fee alone crosses", { si_tiers: "100" }, "4.99", [sum("si_tiers", "1")], [false]],
    ["exactly the cap is accepted", { si_tiers: "100" }, "5.10", [sum("si_tiers", "1")], [true]],
    // Packages of 10 round up: 11 units = 2 packs = 4.
    ["packages round up", { si_packs: "10" }, "2", [sum("si_packs", "1")], [false]],
    ["within a package costs nothing", { si_packs: "11" }, "4", [sum("si_packs", "9")], [true]],
    [
      "before the item's own start nothing is added",
      { si_packs: "0" },
      "0",
      [sum("si_packs", "100", utc("2026-01-05T00:00:00Z"))],
      [true],
    ],
    ["outside the period nothing is added", { si_tiers: "100" }, "0", [sum("si_tiers", "100", january.end)], [true]],
    // No quantity read for the item yet: the event's is its first.
    ["an item without usage so far", {}, "5.10", [sum("si_tiers", "101")], [true]],
    ["an item without usage so far, over", {}, "5.09", [sum("si_tiers", "101")], [false]],
  ])("%s", (_name, quantities, cap, events, expected) => {
    expect(admitted(snapshot(quantities), cap, events)).toEqual(expected);
  });

  it("measures the total after credits", () => {
    // 200 units = 15; a 10 paid grant leaves 5.
    const s = snapshot({ si_tiers: "100" }, [grant("10")]);
    expect(admitted(s, "5", [sum("si_tiers", "100"), sum("si_tiers", "1")])).toEqual([true, false]);
    const decision = admitUnderCap(s, d("5"), [sum("si_tiers", "100")]);
    expect([decision.before.toFixed(), decision.after.toFixed()]).toEqual(["0", "5"]);
  });

  it("a total already over a lowered cap still takes events that do not raise it", () => {
    const s = snapshot({ si_tiers: "200" });
    expect(admitted(s, "1", [sum("si_tiers", "0"), sum("si_tiers", "1")])).toEqual([true, false]);
  });

  it("property: the admitted events never take the total over the cap, each refusal would have, and after is their total", () => {
    const events = fc.array(
      fc.record({
        itemId: fc.constantFrom("si_tiers", "si_packs"),
        value: decimalArb({ min: 0n, max: 500_000n, scale: 3 }),
        day: fc.integer({ min: 1, max: 31 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        decimalArb({ min: 0n, max: 10_000n, scale: 2 }),
        decimalArb({ min: 0n, max: 5_000n, scale: 2 }),
        events,
        (cap, credit, raw) => {
          const s = snapshot({ si_tiers: "50", si_packs: "0" }, [grant(credit.toFixed())]);
          const list = raw.map((e) => sum(e.itemId, e.value.toFixed(), new Date(Date.UTC(2026, 0, e.day, 12))));
          const decision = admitUnderCap(s, cap, list);
          let current = s;
          const base = composeInvoice(s).total;
          for (const [i, event] of list.entries()) {
            const bound = composeInvoice(current).total;
            const next = composeInvoice(withSum(current, event)).total;
            if (decision.admitted[i]) {
              expect(next.lessThanOrEqualTo(cap) || next.lessThanOrEqualTo(bound)).toBe(true);
              current = withSum(current, event);
            } else {
              expect(next.greaterThan(cap) && next.greaterThan(bound)).toBe(true);
            }
          }
          expect(decision.after.toFixed()).toBe(composeInvoice(current).total.toFixed());
          expect(decision.before.toFixed()).toBe(base.toFixed());
          if (base.lessThanOrEqualTo(cap)) expect(decision.after.lessThanOrEqualTo(cap)).toBe(true);
        },
      ),
    );
  });
});

describe("forecastTotal", () => {
  it.each([
    // Half of January elapsed at Jan 16 12:00 (15.5 of 31 days): 150 → 300 units = 5 + 20 = 25.
    ["half the period doubles the quantity", "2026-01-16T12:00:00Z", "150", "25"],
    ["at the period's start the quantity stays", "2026-01-01T00:00:00Z", "150", "10"],
    ["after the period's end the quantity stays", "2026-03-01T00:00:00Z", "150", "10"],
  ])("%s", (_name, now, quantity, expected) => {
    expect(forecastTotal(snapshot({ si_tiers: quantity }), utc(now)).toFixed(2)).toBe(d(expected).toFixed(2));
  });

  it("projects an item on its own window", () => {
    // si_packs starts Jan 10: at Jan 20 12:00, 10.5 of 22 days elapsed; 21 units → 44 → 5 packs = 10.
    expect(forecastTotal(snapshot({ si_packs: "21" }), utc("2026-01-20T12:00:00Z")).toFixed(2)).toBe("10.00");
  });
});
