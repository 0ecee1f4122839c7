import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountItem, composeInvoice, pricedItem, type InvoiceLine } from "../src/index.js";
import { d, decimalArb, quantityArb, utc } from "./support.js";

const at = utc("2026-03-10T12:00:00Z");

function line(id: string, amount: string): InvoiceLine {
  const amounts = amountItem(d(amount));
  return {
    kind: "INVOICE_ITEM",
    itemId: id,
    priceId: null,
    description: `Item ${id}`,
    tier: null,
    quantity: amounts.quantity,
    unitAmount: amounts.unitAmount,
    flatAmount: d("0"),
    amount: amounts.amount,
    periodStart: at,
    periodEnd: at,
  };
}

describe("one-off invoice item amounts", () => {
  it.each([
    // [unit amount, quantity, currency, amount]: per-unit prices, rounded half-up once to the minor unit.
    ["19.99", "3", "usd", "59.97"],
    ["0.125", "1", "usd", "0.13"],
    ["0.0125", "3", "kwd", "0.038"],
    ["99.5", "1", "jpy", "100"],
  ])("%s × %s %s = %s", (unitAmount, quantity, currency, amount) => {
    const priced = pricedItem({ scheme: "PER_UNIT", unitAmount: d(unitAmount) }, d(quantity), currency);
    expect(priced.amount.toFixed()).toBe(amount);
    expect(priced.unitAmount.toFixed()).toBe(unitAmount);
  });

  it("a package price bills whole packages", () => {
    const model = {
      scheme: "PER_UNIT" as const,
      unitAmount: d("5"),
      transformQuantity: { divideBy: 10, round: "UP" as const },
    };
    const priced = pricedItem(model, d("21"), "usd");
    expect([priced.quantity.toFixed(), priced.amount.toFixed()]).toEqual(["3", "15"]);
  });

  it("an amount is one unit of itself", () => {
    const item = amountItem(d("-12.50"));
    expect([item.quantity.toFixed(), item.unitAmount.toFixed(), item.amount.toFixed()]).toEqual([
      "1",
      "-12.5",
      "-12.5",
    ]);
  });

  it("amount = unit amount × quantity to the minor unit", () => {
    fc.assert(
      fc.property(decimalArb({ min: 0n, max: 10_000_000n, scale: 4 }), quantityArb, (unitAmount, quantity) => {
        const priced = pricedItem({ scheme: "PER_UNIT", unitAmount }, quantity, "usd");
        expect(priced.amount.minus(unitAmount.times(quantity)).abs().lte(d("0.005"))).toBe(true);
      }),
    );
  });
});

describe("a MANUAL invoice", () => {
  it("bills its pending invoice items for its period, with no usage, licences or credits", () => {
    const draft = composeInvoice({
      kind: "MANUAL",
      period: { start: at, end: at },
      currency: "usd",
      billingMode: "FLEXIBLE",
      at,
      items: [],
      grants: [],
      pending: { prorations: [], segments: [], invoiceItems: [line("ii_a", "100"), line("ii_b", "-25.50")] },
    });
    expect(draft.lines.map((l) => [l.itemId, l.amount.toFixed()])).toEqual([
      ["ii_a", "100"],
      ["ii_b", "-25.5"],
    ]);
    expect([draft.subtotal.toFixed(), draft.total.toFixed(), draft.amountDue.toFixed()]).toEqual([
      "74.5",
      "74.5",
      "74.5",
    ]);
    expect([draft.periodStart, draft.periodEnd]).toEqual([at, at]);
  });
});

describe("a captured hold's line (CREDIT_HOLD_CAPTURE)", () => {
  const capture = (id: string, amount: string): InvoiceLine => ({ ...line(id, amount), kind: "CREDIT_HOLD_CAPTURE" });
  const grant = {
    id: "g1",
    currency: "usd",
    category: "PAID" as const,
    priority: 50,
    effectiveAt: utc("2026-01-01T00:00:00Z"),
    expiresAt: null,
    createdAt: utc("2026-01-01T00:00:00Z"),
    voidedAt: null,
    remaining: d("100"),
    scope: { allMeteredPrices: true as const },
  };

  it("is shown, counted as credit already applied, and neither discounted, taxed nor paid by a grant again", () => {
    const draft = composeInvoice({
      kind: "MANUAL",
      period: { start: at, end: at },
      currency: "usd",
      billingMode: "FLEXIBLE",
      at,
      items: [],
      grants: [grant],
      pending: { prorations: [], segments: [], invoiceItems: [line("ii_a", "40"), capture("ii_hold", "7.25")] },
      discounts: [{ id: "half", percentOff: d("50"), amountOff: null, productIds: null }],
      taxRates: { byItem: new Map(), fallback: [{ id: "vat", percentage: d("10"), inclusive: false }] },
    });
    const held = draft.lines.find((l) => l.kind === "CREDIT_HOLD_CAPTURE")!;
    expect([held.amount.toFixed(), held.discountAmounts, held.taxAmounts]).toEqual(["7.25", [], []]);
    // 40 − 50 % = 20, + 10 % tax = 22; the hold's 7.25 was paid at capture: credits 7.25, no application.
    expect([draft.subtotal.toFixed(), draft.creditsApplied.toFixed(), draft.total.toFixed()]).toEqual([
      "47.25",
      "7.25",
      "22",
    ]);
    expect(draft.creditApplications).toEqual([]);
  });
});
