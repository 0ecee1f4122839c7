import { describe, expect, it } from "vitest";
import { Decimal, validatePriceInput, type PriceInput, type PriceValidation } from "../src/index.js";
import { d } from "./support.js";

const metered = { interval: "MONTH", usageType: "METERED", meterId: "meter_1" } as const;
const licensed = { interval: "MONTH", usageType: "LICENSED" } as const;

function problemsOf(result: PriceValidation): Array<[string, string]> {
  return result.ok ? [] : result.problems.map((problem) => [problem.path.join("."), problem.message]);
}

function pathsOf(input: PriceInput): string[] {
  return problemsOf(validatePriceInput(input)).map(([path]) => path);
}

describe("validatePriceInput: valid prices", () => {
  it("the Alpaca license fee: per unit, licensed, monthly, billingScheme defaulting to PER_UNIT", () => {
    expect(validatePriceInput({ currency: "usd", recurring: licensed, unitAmount: "100" })).toEqual({
      ok: true,
      currency: "usd",
      recurring: { interval: "MONTH", intervalCount: 1, usageType: "LICENSED", meterId: null },
      model: { scheme: "PER_UNIT", unitAmount: d("100") },
    });
  });

  it("the Alpaca usage price: graduated, metered, tier amounts defaulting to 0", () => {
    const result = validatePriceInput({
      currency: "USD",
      recurring: { ...metered, intervalCount: 1 },
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "1000", unitAmount: "0" },
        { upTo: null, unitAmount: "0.04" },
      ],
    });
    expect(result).toEqual({
      ok: true,
      currency: "usd",
      recurring: { interval: "MONTH", intervalCount: 1, usageType: "METERED", meterId: "meter_1" },
      model: {
        scheme: "TIERED",
        tiersMode: "GRADUATED",
        tiers: [
          { upTo: d("1000"), unitAmount: d("0"), flatAmount: d("0") },
          { upTo: null, unitAmount: d("0.04"), flatAmount: d("0") },
        ],
      },
    });
  });

  it("package pricing, amounts given as Decimals, 12 decimal places, the longest intervals", () => {
    for (const [interval, intervalCount] of [
      ["DAY", 1095],
      ["WEEK", 156],
      ["MONTH", 36],
      ["YEAR", 3],
    ] as const) {
      const result = validatePriceInput({
        currency: "jpy",
        recurring: { ...metered, interval, intervalCount },
        unitAmount: new Decimal("0.000000000001"),
        transformQuantity: { divideBy: 60, round: "UP" },
      });
      expect(result.ok && result.model).toEqual({
        scheme: "PER_UNIT",
        unitAmount: d("0.000000000001"),
        transformQuantity: { divideBy: 60, round: "UP" },
      });
    }
  });

  it("a volume price with flat amounts only", () => {
    const result = validatePriceInput({
      currency: "eur",
      recurring: licensed,
      billingScheme: "TIERED",
      tiersMode: "VOLUME",
      tiers: [
        { upTo: "5", flatAmount: "10" },
        { flatAmount: "20", unitAmount: null, upTo: undefined },
      ],
      unitAmount: null,
      transformQuantity: null,
    });
    expect(result.ok).toBe(true);
  });
});

describe("validatePriceInput: every problem, with its field path", () => {
  it("reports all problems of a thoroughly broken tiered price at once", () => {
    const result = validatePriceInput({
      currency: "XAU",
      recurring: { interval: "MONTH", intervalCount: 37, usageType: "LICENSED", meterId: "meter_1" },
      billingScheme: "TIERED",
      unitAmount: "5",
      transformQuantity: { divideBy: 10, round: "UP" },
      tiers: [
        { upTo: "100", unitAmount: "-1" },
        { upTo: "100", flatAmount: "1.0000000000001" },
        { upTo: null },
        { upTo: "50", unitAmount: "abc" },
      ],
    });
    expect(problemsOf(result)).toEqual([
      ["currency", 'must be an ISO 4217 currency code such as "usd" (got "XAU")'],
      ["recurring.intervalCount", "must be an integer from 1 to 36 for MONTH (at most 3 years)"],
      ["recurring.meterId", "is not allowed for LICENSED prices"],
      ["unitAmount", "is not allowed for TIERED prices"],
      ["transformQuantity", "is not allowed with tiers"],
      ["tiersMode", "is required for TIERED prices"],
      ["tiers.0.unitAmount", "must be ≥ 0"],
      ["tiers.1.upTo", "must be greater than the previous tier's upTo (100)"],
      ["tiers.1.flatAmount", "must have at most 12 decimal places"],
      ["tiers.2.upTo", "is required: only the last tier is unbounded"],
      ["tiers.2", "needs a unitAmount or a flatAmount"],
      ["tiers.3.upTo", "must be null: the last tier is unbounded"],
      ["tiers.3.unitAmount", 'must be a decimal number such as "0.04"'],
    ]);
  });

  it.each<[string, PriceInput, string[]]>([
    [
      "metered without meter",
      { currency: "usd", recurring: { ...metered, meterId: null }, unitAmount: "1" },
      ["recurring.meterId"],
    ],
    [
      "metered with an empty meter id",
      { currency: "usd", recurring: { ...metered, meterId: "" }, unitAmount: "1" },
      ["recurring.meterId"],
    ],
    [
      "intervalCount 0",
      { currency: "usd", recurring: { ...licensed, intervalCount: 0 }, unitAmount: "1" },
      ["recurring.intervalCount"],
    ],
    [
      "intervalCount 1.5",
      { currency: "usd", recurring: { ...licensed, intervalCount: 1.5 }, unitAmount: "1" },
      ["recurring.intervalCount"],
    ],
    [
      "DAY 1096",
      { currency: "usd", recurring: { ...licensed, interval: "DAY", intervalCount: 1096 }, unitAmount: "1" },
      ["recurring.intervalCount"],
    ],
    [
      "WEEK 157",
      { currency: "usd", recurring: { ...licensed, interval: "WEEK", intervalCount: 157 }, unitAmount: "1" },
      ["recurring.intervalCount"],
    ],
    [
      "YEAR 4",
      { currency: "usd", recurring: { ...licensed, interval: "YEAR", intervalCount: 4 }, unitAmount: "1" },
      ["recurring.intervalCount"],
    ],
    ["per unit without unitAmount", { currency: "usd", recurring: licensed }, ["unitAmount"]],
    [
      "per unit with tiers and tiersMode",
      {
        currency: "usd",
        recurring: licensed,
        unitAmount: "1",
        tiersMode: "VOLUME",
        tiers: [{ upTo: null, unitAmount: "1" }],
      },
      ["tiersMode", "tiers"],
    ],
    ["negative unitAmount", { currency: "usd", recurring: licensed, unitAmount: "-0.01" }, ["unitAmount"]],
    ['unitAmount "-0" is fine', { currency: "usd", recurring: licensed, unitAmount: "-0" }, []],
    ["unitAmount in exponent form", { currency: "usd", recurring: licensed, unitAmount: "1e3" }, ["unitAmount"]],
    ["unitAmount with a comma", { currency: "usd", recurring: licensed, unitAmount: "1,5" }, ["unitAmount"]],
    [
      "unitAmount NaN as a Decimal",
      { currency: "usd", recurring: licensed, unitAmount: new Decimal(NaN) },
      ["unitAmount"],
    ],
    [
      "unitAmount with 13 decimals",
      { currency: "usd", recurring: licensed, unitAmount: "0.0000000000001" },
      ["unitAmount"],
    ],
    [
      "negative with 13 decimals: both problems",
      { currency: "usd", recurring: licensed, unitAmount: "-0.0000000000001" },
      ["unitAmount", "unitAmount"],
    ],
    [
      "divideBy 0",
      { currency: "usd", recurring: licensed, unitAmount: "1", transformQuantity: { divideBy: 0, round: "UP" } },
      ["transformQuantity.divideBy"],
    ],
    [
      "divideBy 2.5",
      { currency: "usd", recurring: licensed, unitAmount: "1", transformQuantity: { divideBy: 2.5, round: "DOWN" } },
      ["transformQuantity.divideBy"],
    ],
    [
      "divideBy 0 and a bad unitAmount",
      { currency: "usd", recurring: licensed, unitAmount: "x", transformQuantity: { divideBy: 0, round: "UP" } },
      ["transformQuantity.divideBy", "unitAmount"],
    ],
    [
      "tiered without tiers",
      { currency: "usd", recurring: licensed, billingScheme: "TIERED", tiersMode: "VOLUME" },
      ["tiers"],
    ],
    [
      "tiered with no tier",
      { currency: "usd", recurring: licensed, billingScheme: "TIERED", tiersMode: "VOLUME", tiers: [] },
      ["tiers"],
    ],
    [
      "upTo 0",
      {
        currency: "usd",
        recurring: licensed,
        billingScheme: "TIERED",
        tiersMode: "VOLUME",
        tiers: [{ upTo: "0", unitAmount: "1" }, { unitAmount: "1" }],
      },
      ["tiers.0.upTo"],
    ],
    [
      "upTo decreasing",
      {
        currency: "usd",
        recurring: licensed,
        billingScheme: "TIERED",
        tiersMode: "GRADUATED",
        tiers: [
          { upTo: "10", unitAmount: "1" },
          { upTo: "9.5", unitAmount: "1" },
          { upTo: "20", unitAmount: "1" },
          { unitAmount: "1" },
        ],
      },
      ["tiers.1.upTo"],
    ],
    [
      "a bad upTo does not hide the next comparison",
      {
        currency: "usd",
        recurring: licensed,
        billingScheme: "TIERED",
        tiersMode: "GRADUATED",
        tiers: [
          { upTo: "10", unitAmount: "1" },
          { upTo: "ten", unitAmount: "1" },
          { upTo: "10", unitAmount: "1" },
          { unitAmount: "1" },
        ],
      },
      ["tiers.1.upTo", "tiers.2.upTo"],
    ],
  ])("%s", (_, input, paths) => {
    expect(pathsOf(input)).toEqual(paths);
  });
});
