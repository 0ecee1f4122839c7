import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjustLines,
  composeInvoice,
  minorUnits,
  sum,
  type CreditGrantState,
  type DiscountRule,
  type InvoiceItem,
  type InvoiceSnapshot,
  type TaxRule,
} from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

// docs/concepts/discounts.md#a-worked-example: a 100.00 licence and 1,500 units of usage at 0.04, a
// 10 % coupon and 20 % VAT, and a promotional credit of 20.00 for the usage.
const january = { start: utc("2026-01-01T00:00:00Z"), end: utc("2026-02-01T00:00:00Z") };
const february = { start: january.end, end: utc("2026-03-01T00:00:00Z") };
const licence: InvoiceItem = {
  itemId: "si_licence",
  priceId: "price_licence",
  description: "Seats",
  usageType: "LICENSED",
  model: { scheme: "PER_UNIT", unitAmount: d("100") },
  quantity: 1,
};
const usage: InvoiceItem = {
  itemId: "si_usage",
  priceId: "price_usage",
  description: "API calls",
  usageType: "METERED",
  model: { scheme: "PER_UNIT", unitAmount: d("0.04") },
  quantity: 0,
};
const vat: TaxRule = { id: "txr_vat", percentage: d("20"), inclusive: false };
const tenPercent: DiscountRule = { id: "di_10", percentOff: d("10"), amountOff: null, productIds: null };
const credit: CreditGrantState = {
  id: "cg_1",
  currency: "usd",
  category: "PROMOTIONAL",
  priority: 50,
  effectiveAt: january.start,
  expiresAt: null,
  createdAt: january.start,
  voidedAt: null,
  remaining: d("20"),
  scope: { allMeteredPrices: true },
};

function snapshot(extra: Partial<InvoiceSnapshot>): InvoiceSnapshot {
  return {
    currency: "usd",
    billingMode: "FLEXIBLE",
    at: january.end,
    items: [usage, licence],
    grants: [],
    kind: "PERIOD_END",
    usage: { period: january, quantities: new Map([["si_usage", d("1500")]]) },
    license: { period: february, prorationFactor: d("1") },
    ...extra,
  } as InvoiceSnapshot;
}

describe("composeInvoice: line amount → discounts → tax → credits (docs/concepts/discounts.md#the-order-of-the-steps)", () => {
  it("the worked example", () => {
    const draft = composeInvoice(
      snapshot({
        discounts: [tenPercent],
        taxRates: { byItem: new Map(), fallback: [vat] },
        grants: [credit],
      }),
    );
    expect(
      draft.lines.map((line) => [
        line.amount.toFixed(2),
        line.discountAmounts.map((a) => a.amount.toFixed(2)),
        line.taxAmounts.map((t) => `${t.amount.toFixed(2)} on ${t.taxableAmount.toFixed(2)}`),
      ]),
    ).toEqual([
      ["60.00", ["6.00"], ["10.80 on 54.00"]],
      ["100.00", ["10.00"], ["18.00 on 90.00"]],
    ]);
    expect({
      subtotal: draft.subtotal.toFixed(2),
      totalDiscountAmount: draft.totalDiscountAmount.toFixed(2),
      subtotalExcludingTax: draft.subtotalExcludingTax.toFixed(2),
      totalExcludingTax: draft.totalExcludingTax.toFixed(2),
      tax: draft.tax.toFixed(2),
      // The usage line owes 54.00 + 10.80 = 64.80 after discount and tax: the credit pays 20.00 of it.
      creditsApplied: draft.creditsApplied.toFixed(2),
      total: draft.total.toFixed(2),
    }).toEqual({
      subtotal: "160.00",
      totalDiscountAmount: "16.00",
      subtotalExcludingTax: "160.00",
      totalExcludingTax: "144.00",
      tax: "28.80",
      creditsApplied: "20.00",
      total: "152.80",
    });
    expect(draft.totalDiscountAmounts.map((a) => [a.discountId, a.amount.toFixed(2)])).toEqual([["di_10", "16.00"]]);
    expect(draft.totalTaxAmounts.map((t) => [t.taxRateId, t.amount.toFixed(2)])).toEqual([["txr_vat", "28.80"]]);
  });

  it("a credit pays at most a line's amount after discount and tax", () => {
    const big = { ...credit, remaining: d("1000") };
    const draft = composeInvoice(
      snapshot({ discounts: [tenPercent], taxRates: { byItem: new Map(), fallback: [vat] }, grants: [big] }),
    );
    expect(draft.creditsApplied.toFixed(2)).toBe("64.80");
  });

  it("an item's own rates win over the fallback; a product-restricted discount follows the price's product", () => {
    const inclusive: TaxRule = { id: "txr_inc", percentage: d("25"), inclusive: true };
    const draft = composeInvoice(
      snapshot({
        discounts: [{ id: "di_seats", percentOff: null, amountOff: d("25"), productIds: ["prod_seats"] }],
        taxRates: { byItem: new Map([["si_licence", [inclusive]]]), fallback: [vat] },
        products: new Map([["price_licence", "prod_seats"]]),
      }),
    );
    const [usageLine, licenceLine] = draft.lines;
    expect(usageLine!.discountAmounts).toEqual([]);
    expect(usageLine!.taxAmounts.map((t) => t.taxRateId)).toEqual(["txr_vat"]);
    // 100.00 − 25.00 = 75.00 with 25 % included: 15.00 tax on 60.00.
    expect(licenceLine!.taxAmounts.map((t) => [t.amount.toFixed(2), t.taxableAmount.toFixed(2)])).toEqual([
      ["15.00", "60.00"],
    ]);
    expect(draft.subtotalExcludingTax.toFixed(2)).toBe("145.00");
    expect(draft.totalExcludingTax.toFixed(2)).toBe("120.00");
    expect(draft.total.toFixed(2)).toBe("147.00");
  });

  it("property: lines − discounts + exclusive tax − credits = total, to the minor unit, in usd, jpy and kwd", () => {
    const currencies = fc.constantFrom("usd", "jpy", "kwd");
    const percentage = decimalArb({ min: 0n, max: 3_000n, scale: 2 });
    const rule = fc.oneof(
      decimalArb({ min: 1n, max: 10_000n, scale: 2 }).map((p) => ({ percentOff: p, amountOff: null })),
      decimalArb({ min: 1n, max: 100_000n, scale: 0 }).map((a) => ({ percentOff: null, amountOff: a })),
    );
    fc.assert(
      fc.property(
        currencies,
        decimalArb({ min: 0n, max: 10_000_000n, scale: 3 }),
        fc.integer({ min: 0, max: 50 }),
        fc.array(rule, { maxLength: 3 }),
        fc.array(fc.record({ percentage, inclusive: fc.boolean() }), { maxLength: 3 }),
        decimalArb({ min: 0n, max: 100_000n, scale: 0 }),
        (currency, quantity, seats, rules, rates, remaining) => {
          const draft = composeInvoice(
            snapshot({
              currency,
              items: [usage, { ...licence, quantity: seats }],
              usage: { period: january, quantities: new Map([["si_usage", quantity]]) },
              discounts: rules.map((r, i) => ({ id: `di_${i}`, productIds: null, ...r })),
              taxRates: {
                byItem: new Map(),
                fallback: rates.map((r, i) => ({ id: `txr_${i}`, percentage: r.percentage, inclusive: r.inclusive })),
              },
              grants: [{ ...credit, currency, remaining }],
            }),
          );
          const exclusive = sum(
            draft.lines.flatMap((l) => l.taxAmounts.filter((t) => !t.inclusive).map((t) => t.amount)),
          );
          const discounts = sum(draft.lines.flatMap((l) => l.discountAmounts.map((a) => a.amount)));
          const lines = sum(draft.lines.map((l) => l.amount));
          expect(lines.minus(discounts).plus(exclusive).minus(draft.creditsApplied).equals(draft.total)).toBe(true);
          expect(discounts.equals(draft.totalDiscountAmount)).toBe(true);
          expect(draft.totalExcludingTax.plus(draft.tax).minus(draft.creditsApplied).equals(draft.total)).toBe(true);
          for (const amount of [draft.total, draft.tax, draft.totalDiscountAmount, draft.creditsApplied]) {
            expect(amount.decimalPlaces()).toBeLessThanOrEqual(minorUnits(currency));
          }
          for (const line of draft.lines) {
            expect(line.amount.minus(sum(line.discountAmounts.map((a) => a.amount))).isNegative()).toBe(false);
          }
        },
      ),
    );
  });
});

describe("adjustLines: a one-off item given as an amount", () => {
  it("has no product, so a coupon limited to products leaves it whole while an unlimited one applies", () => {
    const item = {
      kind: "INVOICE_ITEM" as const,
      itemId: "ii_setup",
      priceId: null,
      description: "Setup fee",
      tier: null,
      quantity: d("1"),
      unitAmount: d("50"),
      flatAmount: d("0"),
      amount: d("50"),
      periodStart: january.start,
      periodEnd: january.start,
    };
    const adjust = (discount: DiscountRule) =>
      adjustLines([item], {
        currency: "usd",
        discounts: [discount],
        taxRates: { byItem: new Map(), fallback: [] },
        products: new Map([["price_usage", "prod_api"]]),
      })[0]!.discountAmounts.map((a) => a.amount.toFixed(2));
    expect(adjust({ ...tenPercent, productIds: ["prod_api"] })).toEqual([]);
    expect(adjust(tenPercent)).toEqual(["5.00"]);
  });
});
