import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  fitsColumn,
  invoiceArithmeticBounds,
  MAX_TIERS,
  priceQuantity,
  validatePriceInput,
  type PriceInput,
  type PriceModel,
} from "../src/index.js";
import { d, decimalArb } from "./support.js";

const licensed = { interval: "MONTH", usageType: "LICENSED" } as const;
const metered = { interval: "MONTH", usageType: "METERED", meterId: "meter_1" } as const;

function problems(input: Partial<PriceInput>): string[] {
  const result = validatePriceInput({ currency: "usd", recurring: licensed, ...input } as PriceInput);
  return result.ok ? [] : result.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
}

const tiers = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ upTo: i === count - 1 ? null : String(i + 1), unitAmount: "1" }));

describe("price decimal bounds", () => {
  it.each([
    ["9999999999999999999.999999999999", []],
    ["0", []],
    [d("1e19"), ["unitAmount: must be less than 1e19"]],
    [d("1e22"), ["unitAmount: must be less than 1e19"]],
    [d("1e400"), ["unitAmount: must be less than 1e19"]],
    ["1".repeat(40), ["unitAmount: must be less than 1e19"]],
    [d("Infinity"), ['unitAmount: must be a decimal number such as "0.04"']],
    [d("NaN"), ['unitAmount: must be a decimal number such as "0.04"']],
    ["1e400", ['unitAmount: must be a decimal number such as "0.04"']],
  ] as const)("unitAmount %s → %j", (unitAmount, expected) => {
    expect(problems({ unitAmount })).toEqual(expected);
  });

  it("refuses an upTo or a flatAmount of 1e19 and more", () => {
    expect(
      problems({
        recurring: metered,
        billingScheme: "TIERED",
        tiersMode: "GRADUATED",
        tiers: [
          { upTo: d("1e400"), unitAmount: "1" },
          { upTo: null, flatAmount: "10000000000000000000" },
        ],
      }),
    ).toEqual(["tiers.0.upTo: must be less than 1e19", "tiers.1.flatAmount: must be less than 1e19"]);
  });

  it(`accepts ${MAX_TIERS} tiers and refuses ${MAX_TIERS + 1}, without checking each of 10,000`, () => {
    const tiered = { recurring: metered, billingScheme: "TIERED", tiersMode: "VOLUME" } as const;
    expect(problems({ ...tiered, tiers: tiers(MAX_TIERS) })).toEqual([]);
    expect(problems({ ...tiered, tiers: tiers(MAX_TIERS + 1) })).toEqual([
      "tiers: must have at most 250 entries (got 251)",
    ]);
    expect(problems({ ...tiered, tiers: tiers(10_000) })).toEqual(["tiers: must have at most 250 entries (got 10000)"]);
  });
});

describe("fitsColumn", () => {
  it.each([
    ["99999999999999999999999999.999999999999", 26, 12, true],
    ["100000000000000000000000000", 26, 12, false],
    ["-99999999999999999999999999", 26, 12, true],
    ["0.0000000000001", 26, 12, false],
    ["Infinity", 26, 12, false],
    ["NaN", 26, 12, false],
  ] as const)("%s in %i integer digits and %i places → %s", (value, integers, places, fits) => {
    expect(fitsColumn(d(value), integers, places)).toBe(fits);
  });
});

describe("invoice arithmetic from accepted input", () => {
  it("the largest quantity, item amount and invoice amount (docs/api/input.md)", () => {
    const { quantity, lineAmount, invoiceAmount } = invoiceArithmeticBounds();
    // (2^63 − 1) × 10^20 < 10^39; × 10^19 + 250 × 10^19 < 10^58; × 40 < 10^60.
    expect(quantity.lt("1e39")).toBe(true);
    expect(lineAmount.lt("1e58")).toBe(true);
    expect(invoiceAmount.lt("1e60")).toBe(true);
  });

  const quantityArb = fc.oneof(
    decimalArb({ min: 0n, max: 10n ** 69n - 1n, scale: 30 }),
    fc.constant(invoiceArithmeticBounds().quantity),
  );
  const amountArb = fc.oneof(
    decimalArb({ min: 0n, max: 10n ** 31n - 1n, scale: 12 }),
    fc.constant(d("9999999999999999999.999999999999")),
  );

  it("prices any accepted price at any storable quantity exactly, within the invoice columns", () => {
    fc.assert(
      fc.property(
        quantityArb.filter((q) => q.lt(invoiceArithmeticBounds().quantity.plus(1))),
        fc.array(fc.record({ unitAmount: amountArb, flatAmount: amountArb }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("GRADUATED", "VOLUME", "PER_UNIT"),
        (quantity, amounts, mode) => {
          const model: PriceModel =
            mode === "PER_UNIT"
              ? { scheme: "PER_UNIT", unitAmount: amounts[0]!.unitAmount }
              : {
                  scheme: "TIERED",
                  tiersMode: mode,
                  tiers: amounts.map((a, i) => ({
                    upTo: i === amounts.length - 1 ? null : new Decimal(10).pow(i * 8 + 1),
                    ...a,
                  })),
                };
          const lines = priceQuantity(model, quantity);
          for (const line of lines) {
            expect(fitsColumn(line.quantity, 39, 30)).toBe(true);
            expect(fitsColumn(line.amount, 58, 42)).toBe(true);
            // Exact: the product has every digit of its factors (100 significant digits at most).
            expect(
              line.amount.minus(line.flatAmount).dividedBy(line.unitAmount.isZero() ? 1 : line.unitAmount),
            ).toEqual(line.unitAmount.isZero() ? d("0") : line.quantity);
          }
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });
});
