import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, applyCustomerBalance, composeInvoice, type InvoiceItem } from "../src/index.js";
import { d, decimalArb, utc } from "./support.js";

const step = (total: string, balance?: string) => {
  const result = applyCustomerBalance(d(total), balance === undefined ? undefined : d(balance));
  return [result.startingBalance.toFixed(2), result.endingBalance.toFixed(2), result.amountDue.toFixed(2)];
};

describe("applyCustomerBalance (docs/concepts/customer-balance.md#on-invoices)", () => {
  it.each([
    ["no balance", "100", undefined, ["0.00", "0.00", "100.00"]],
    ["a credit smaller than the total is used up", "100", "-30", ["-30.00", "0.00", "70.00"]],
    ["a credit larger than the total pays it all and the rest stays", "20", "-30", ["-30.00", "-10.00", "0.00"]],
    ["an amount owed is added to the invoice", "100", "15", ["15.00", "0.00", "115.00"]],
    ["a negative total becomes a credit", "-40", "0", ["0.00", "-40.00", "0.00"]],
    ["a negative total lowers an amount owed", "-40", "15", ["15.00", "-25.00", "0.00"]],
  ])("%s", (_name, total, balance, expected) => {
    expect(step(total, balance)).toEqual(expected);
  });

  it("amountDue ≥ 0, endingBalance ≤ 0, and nothing is lost: total + starting = amountDue + ending", () => {
    const money = decimalArb({ min: -1_000_000n, max: 1_000_000n, scale: 2 });
    fc.assert(
      fc.property(money, money, (total, balance) => {
        const result = applyCustomerBalance(total, balance);
        expect(result.amountDue.greaterThanOrEqualTo(0)).toBe(true);
        expect(result.endingBalance.lessThanOrEqualTo(0)).toBe(true);
        expect(total.plus(balance).equals(result.amountDue.plus(result.endingBalance))).toBe(true);
      }),
    );
  });

  it("is composeInvoice's last step: after billing credits", () => {
    const usage: InvoiceItem = {
      itemId: "si",
      priceId: "price",
      description: "Calls",
      usageType: "METERED",
      model: { scheme: "PER_UNIT", unitAmount: d("1") },
      quantity: 0,
    };
    const period = { start: utc("2026-01-01T00:00:00Z"), end: utc("2026-02-01T00:00:00Z") };
    const draft = composeInvoice({
      currency: "usd",
      billingMode: "FLEXIBLE",
      kind: "FINAL",
      at: period.end,
      items: [usage],
      usage: { period, quantities: new Map([["si", new Decimal(100)]]) },
      grants: [
        {
          id: "g",
          currency: "usd",
          category: "PAID",
          priority: 50,
          effectiveAt: period.start,
          expiresAt: null,
          createdAt: period.start,
          voidedAt: null,
          remaining: d("60"),
          scope: { allMeteredPrices: true },
        },
      ],
      customerBalance: d("-25"),
    });
    expect([draft.total, draft.startingBalance, draft.endingBalance, draft.amountDue].map((x) => x.toFixed(2))).toEqual(
      ["40.00", "-25.00", "0.00", "15.00"],
    );
  });
});
