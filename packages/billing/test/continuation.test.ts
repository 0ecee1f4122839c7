import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeInvoice, Decimal, priceContinuation, priceQuantity, sum, type PriceModel } from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

const graduated: PriceModel = {
  scheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: d("100"), unitAmount: d("0"), flatAmount: d("2") },
    { upTo: d("1000"), unitAmount: d("0.10"), flatAmount: d("5") },
    { upTo: null, unitAmount: d("0.05"), flatAmount: d("0") },
  ],
};
const packaged: PriceModel = {
  scheme: "PER_UNIT",
  unitAmount: d("2"),
  transformQuantity: { divideBy: 10, round: "UP" },
};
const lines = (model: PriceModel, billed: string, total: string) =>
  priceContinuation(model, d(billed), d(total)).map(
    (l) => `${l.tier ?? "-"} ${l.quantity.toFixed()} flat ${l.flatAmount.toFixed()} = ${l.amount.toFixed()}`,
  );

describe("priceContinuation", () => {
  it.each([
    // Tier 2 entered by the earlier invoice: its flat amount is not charged again.
    ["graduated, within a tier", graduated, "150", "400", ["2 250 flat 0 = 25"]],
    ["graduated, into the next tier", graduated, "900", "1100", ["2 100 flat 0 = 10", "3 100 flat 0 = 5"]],
    ["graduated, entering a tier charges its flat", graduated, "50", "150", ["1 50 flat 0 = 0", "2 50 flat 5 = 10"]],
    ["graduated, nothing more", graduated, "150", "150", ["2 0 flat 0 = 0"]],
    ["packages: whole packages not billed yet", packaged, "11", "35", ["- 2 flat 0 = 4"]],
    ["packages: nothing more", packaged, "11", "20", ["- 0 flat 0 = 0"]],
  ])("%s", (_name, model, billed, total, expected) => {
    expect(lines(model, billed, total)).toEqual(expected);
  });

  it("property: the invoices of a period, each billing price(total) − price(billed), add up to the price of the whole", () => {
    const tiersArb = fc
      .array(
        fc.record({
          width: fc.integer({ min: 1, max: 500 }),
          unit: decimalArb({ min: 0n, max: 1000n, scale: 3 }),
          flat: decimalArb({ min: 0n, max: 1000n, scale: 2 }),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((raw): PriceModel => {
        let upTo = 0;
        return {
          scheme: "TIERED",
          tiersMode: "GRADUATED",
          tiers: raw.map((t, i) => {
            upTo += t.width;
            return { upTo: i === raw.length - 1 ? null : new Decimal(upTo), unitAmount: t.unit, flatAmount: t.flat };
          }),
        };
      });
    const perUnitArb = fc
      .record({
        unit: decimalArb({ min: 0n, max: 1000n, scale: 3 }),
        divideBy: fc.integer({ min: 1, max: 50 }),
        up: fc.boolean(),
      })
      .map(
        (p): PriceModel => ({
          scheme: "PER_UNIT",
          unitAmount: p.unit,
          transformQuantity: { divideBy: p.divideBy, round: p.up ? "UP" : "DOWN" },
        }),
      );
    fc.assert(
      fc.property(
        fc.oneof(tiersArb, perUnitArb),
        fc.array(decimalArb({ min: 0n, max: 400_000n, scale: 2 }), { minLength: 1, maxLength: 5 }),
        (model, steps) => {
          let billed = new Decimal(0);
          const amounts: Decimal[] = [];
          for (const [i, step] of steps.entries()) {
            const total = billed.plus(step);
            amounts.push(
              sum(
                (i === 0 ? priceQuantity(model, total) : priceContinuation(model, billed, total)).map((l) => l.amount),
              ),
            );
            billed = total;
          }
          expect(sum(amounts).toFixed()).toBe(sum(priceQuantity(model, billed).map((l) => l.amount)).toFixed());
        },
      ),
    );
  });

  it("an invoice with billed quantities bills only the rest", () => {
    const draft = composeInvoice({
      kind: "FINAL",
      currency: "usd",
      billingMode: "FLEXIBLE",
      at: utc("2026-01-20T00:00:00Z"),
      items: [
        { itemId: "si", priceId: "p", description: "Usage", usageType: "METERED", model: graduated, quantity: 0 },
      ],
      grants: [],
      usage: {
        period: { start: utc("2026-01-01T00:00:00Z"), end: utc("2026-01-20T00:00:00Z") },
        quantities: new Map([["si", d("400")]]),
        billed: new Map([["si", d("150")]]),
      },
    });
    expect(draft.total.toFixed()).toBe("25");
  });
});
