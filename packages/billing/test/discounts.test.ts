import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDiscounts, splitProRata, sum, totalDiscountAmounts, type DiscountRule } from "../src/index.js";
import { d, decimalArb } from "./support.js";

const percent = (id: string, pct: string, productIds: string[] | null = null): DiscountRule => ({
  id,
  percentOff: d(pct),
  amountOff: null,
  productIds,
});
const amount = (id: string, off: string, productIds: string[] | null = null): DiscountRule => ({
  id,
  percentOff: null,
  amountOff: d(off),
  productIds,
});
const lines = (...amounts: string[]) => amounts.map((value) => ({ amount: d(value), productId: "prod_a" }));
/** Each line's discount amounts as "id:amount" strings. */
const shown = (taken: ReturnType<typeof applyDiscounts>, digits: number) =>
  taken.map((amounts) => amounts.map((a) => `${a.discountId}:${a.amount.toFixed(digits)}`));

describe("applyDiscounts (docs/concepts/discounts.md#how-a-discount-applies)", () => {
  it.each([
    // [case, currency, lines, rules, expected per line]
    ["20 % off one line", "usd", ["100.00"], [percent("di_1", "20")], [["di_1:20.00"]]],
    ["15 % of 33.33 = 4.9995 rounds half-up per line", "usd", ["33.33"], [percent("di_1", "15")], [["di_1:5.00"]]],
    ["100 % off takes the whole line", "usd", ["12.34"], [percent("di_1", "100")], [["di_1:12.34"]]],
    [
      "amount off 10.00 over three equal lines: largest remainder, the earlier line first",
      "usd",
      ["10.00", "10.00", "10.00"],
      [amount("di_1", "10")],
      [["di_1:3.34"], ["di_1:3.33"], ["di_1:3.33"]],
    ],
    [
      "amount off pro rata: 5.00 over 30.00 and 10.00",
      "usd",
      ["30.00", "10.00"],
      [amount("di_1", "5")],
      [["di_1:3.75"], ["di_1:1.25"]],
    ],
    [
      "amount off larger than the lines takes them to zero, never below",
      "usd",
      ["4.00", "1.00"],
      [amount("di_1", "50")],
      [["di_1:4.00"], ["di_1:1.00"]],
    ],
    [
      "discounts apply in order, each to what the earlier left: 10 % then 5.00",
      "usd",
      ["100.00"],
      [percent("di_1", "10"), amount("di_2", "5")],
      [["di_1:10.00", "di_2:5.00"]],
    ],
    [
      "a line already at zero takes no later discount",
      "usd",
      ["20.00"],
      [amount("di_1", "20"), percent("di_2", "50")],
      [["di_1:20.00"]],
    ],
    [
      "negative (proration credit) and zero lines are not discounted",
      "usd",
      ["-10.00", "0.00", "10.00"],
      [percent("di_1", "50")],
      [[], [], ["di_1:5.00"]],
    ],
    ["JPY (no minor unit): 15 % of 333 = 49.95 → 50", "jpy", ["333"], [percent("di_1", "15")], [["di_1:50"]]],
    [
      "JPY amount off 100 over 333, 333, 334: whole yen adding up to 100",
      "jpy",
      ["333", "333", "334"],
      [amount("di_1", "100")],
      [["di_1:33"], ["di_1:33"], ["di_1:34"]],
    ],
    [
      "KWD (three digits): 12.5 % of 10.005 = 1.250625 → 1.251",
      "kwd",
      ["10.005"],
      [percent("di_1", "12.5")],
      [["di_1:1.251"]],
    ],
    [
      "KWD amount off 1.000 over three equal lines",
      "kwd",
      ["2.000", "2.000", "2.000"],
      [amount("di_1", "1")],
      [["di_1:0.334"], ["di_1:0.333"], ["di_1:0.333"]],
    ],
  ] as const)("%s", (_case, currency, amounts, rules, expected) => {
    const digits = currency === "jpy" ? 0 : currency === "kwd" ? 3 : 2;
    expect(shown(applyDiscounts(lines(...amounts), rules, currency), digits)).toEqual(expected);
  });

  it("appliesToProductIds: only lines of those products are eligible, and the amount spreads over them only", () => {
    const mixed = [
      { amount: d("50.00"), productId: "prod_a" },
      { amount: d("50.00"), productId: "prod_b" },
      { amount: d("50.00"), productId: null },
    ];
    expect(shown(applyDiscounts(mixed, [amount("di_1", "10", ["prod_b"])], "usd"), 2)).toEqual([
      [],
      ["di_1:10.00"],
      [],
    ]);
    expect(shown(applyDiscounts(mixed, [percent("di_2", "10", ["prod_a"])], "usd"), 2)).toEqual([
      ["di_2:5.00"],
      [],
      [],
    ]);
  });

  it("an amount-off discount with no eligible line takes nothing", () => {
    expect(applyDiscounts(lines("-5.00"), [amount("di_1", "3")], "usd")).toEqual([[]]);
  });

  it("totalDiscountAmounts sums per discount, in order of first appearance", () => {
    const taken = applyDiscounts(lines("10.00", "30.00"), [percent("di_1", "10"), amount("di_2", "4")], "usd");
    expect(totalDiscountAmounts(taken).map((t) => [t.discountId, t.amount.toFixed(2)])).toEqual([
      ["di_1", "4.00"],
      ["di_2", "4.00"],
    ]);
  });

  it("property: amount-off parts add up exactly, never exceed a line, and no line goes negative", () => {
    const cents = decimalArb({ min: 1n, max: 10_000_000n, scale: 2 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 12 }), cents, (amounts, off) => {
        const input = amounts.map((value) => ({ amount: value, productId: "prod_a" }));
        const taken = applyDiscounts(input, [amount("di_1", off.toFixed())], "usd");
        const parts = taken.map((t) => sum(t.map((a) => a.amount)));
        const expected = off.lessThanOrEqualTo(sum(amounts)) ? off : sum(amounts);
        expect(sum(parts).toFixed(2)).toBe(expected.toFixed(2));
        parts.forEach((part, index) => {
          expect(part.lessThanOrEqualTo(amounts[index]!)).toBe(true);
          expect(part.decimalPlaces()).toBeLessThanOrEqual(2);
        });
      }),
    );
  });
});

describe("splitProRata", () => {
  it("gives leftover units to the largest remainders: 1.00 over 1, 1, 1 → 0.34, 0.33, 0.33", () => {
    expect(splitProRata(d("1"), [d("1"), d("1"), d("1")], "usd").map((p) => p.toFixed(2))).toEqual([
      "0.34",
      "0.33",
      "0.33",
    ]);
  });

  it("largest remainder beats position: 0.10 over 1, 2 → 0.03, 0.07", () => {
    expect(splitProRata(d("0.10"), [d("1"), d("2")], "usd").map((p) => p.toFixed(2))).toEqual(["0.03", "0.07"]);
  });
});
