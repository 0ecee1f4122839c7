import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exclusiveTax, inclusiveTax, sum, taxLine, totalTaxAmounts, type TaxRule } from "../src/index.js";
import { d, decimalArb } from "./support.js";

const rate = (id: string, percentage: string, inclusive: boolean): TaxRule => ({
  id,
  percentage: d(percentage),
  inclusive,
});
/** Each tax as "id amount taxable" with the currency's digits. */
const shown = (amount: string, rates: TaxRule[], currency: string, digits: number) =>
  taxLine(d(amount), rates, currency).map(
    (tax) => `${tax.taxRateId} ${tax.amount.toFixed(digits)} on ${tax.taxableAmount.toFixed(digits)}`,
  );

describe("taxLine (docs/concepts/tax-rates.md#how-tax-is-computed)", () => {
  it.each([
    // [case, amount, rates, currency, expected]
    [
      "exclusive 20 % VAT on 100.00 adds 20.00",
      "100.00",
      [rate("txr_vat", "20", false)],
      "usd",
      ["txr_vat 20.00 on 100.00"],
    ],
    [
      "inclusive 20 % VAT in 120.00 is 20.00",
      "120.00",
      [rate("txr_vat", "20", true)],
      "usd",
      ["txr_vat 20.00 on 100.00"],
    ],
    [
      "exclusive 8.25 % sales tax on 19.99 = 1.649175 → 1.65",
      "19.99",
      [rate("txr_sales", "8.25", false)],
      "usd",
      ["txr_sales 1.65 on 19.99"],
    ],
    [
      "exclusive 7.5 % on 0.10 = 0.0075 → 0.01 (half-up)",
      "0.10",
      [rate("txr_x", "7.5", false)],
      "usd",
      ["txr_x 0.01 on 0.10"],
    ],
    ["inclusive 19 % in 10.00 = 1.5966… → 1.60", "10.00", [rate("txr_de", "19", true)], "usd", ["txr_de 1.60 on 8.40"]],
    [
      "two exclusive rates each on the amount: 5 % GST and 9.975 % QST on 100.00",
      "100.00",
      [rate("txr_gst", "5", false), rate("txr_qst", "9.975", false)],
      "usd",
      ["txr_gst 5.00 on 100.00", "txr_qst 9.98 on 100.00"],
    ],
    [
      "two inclusive rates share the extraction: 10 % and 5 % in 115.00",
      "115.00",
      [rate("txr_a", "10", true), rate("txr_b", "5", true)],
      "usd",
      ["txr_a 10.00 on 100.00", "txr_b 5.00 on 100.00"],
    ],
    [
      "inclusive and exclusive: the exclusive one taxes the amount excluding tax",
      "110.00",
      [rate("txr_in", "10", true), rate("txr_ex", "5", false)],
      "usd",
      ["txr_in 10.00 on 100.00", "txr_ex 5.00 on 100.00"],
    ],
    [
      "a credit line's tax mirrors its charge",
      "-19.99",
      [rate("txr_s", "8.25", false)],
      "usd",
      ["txr_s -1.65 on -19.99"],
    ],
    [
      "JPY: 10 % consumption tax on 1,234 = 123.4 → 123",
      "1234",
      [rate("txr_jp", "10", false)],
      "jpy",
      ["txr_jp 123 on 1234"],
    ],
    ["JPY inclusive 10 % in 1,100 = 100", "1100", [rate("txr_jp", "10", true)], "jpy", ["txr_jp 100 on 1000"]],
    ["KWD: 5 % on 1.235 = 0.06175 → 0.062", "1.235", [rate("txr_kw", "5", false)], "kwd", ["txr_kw 0.062 on 1.235"]],
    ["no rates, no tax", "10.00", [], "usd", []],
  ] as const)("%s", (_case, amount, rates, currency, expected) => {
    const digits = currency === "jpy" ? 0 : currency === "kwd" ? 3 : 2;
    expect(shown(amount, [...rates], currency, digits)).toEqual(expected);
  });

  it("totals per rate and the inclusive/exclusive parts", () => {
    const rates = [rate("txr_in", "10", true), rate("txr_ex", "5", false)];
    const perLine = [taxLine(d("110.00"), rates, "usd"), taxLine(d("11.00"), rates, "usd")];
    expect(
      totalTaxAmounts(perLine).map((t) => [t.taxRateId, t.amount.toFixed(2), t.taxableAmount.toFixed(2), t.inclusive]),
    ).toEqual([
      ["txr_in", "11.00", "110.00", true],
      ["txr_ex", "5.50", "110.00", false],
    ]);
    expect(inclusiveTax(perLine.flat()).toFixed(2)).toBe("11.00");
    expect(exclusiveTax(perLine.flat()).toFixed(2)).toBe("5.50");
  });

  it("property: an inclusive rate's tax and taxable amount add up to the amount exactly", () => {
    fc.assert(
      fc.property(
        decimalArb({ min: -100_000_000n, max: 100_000_000n, scale: 2 }),
        decimalArb({ min: 0n, max: 10_000n, scale: 2 }),
        (amount, percentage) => {
          const [tax] = taxLine(amount, [rate("txr", percentage.toFixed(), true)], "usd");
          expect(sum([tax!.amount, tax!.taxableAmount]).equals(amount)).toBe(true);
          expect(tax!.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});
