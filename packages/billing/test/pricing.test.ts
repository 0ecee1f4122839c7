import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  describeTierRange,
  priceQuantity,
  priceVolume,
  roundMoney,
  sum,
  type PriceModel,
  type Tier,
  type TieredModel,
} from "../src/index.js";
import { d, decimalArb, quantityArb } from "./support.js";

const tiers = (...rows: Array<[upTo: string | null, unitAmount: string, flatAmount?: string]>): Tier[] =>
  rows.map(([upTo, unitAmount, flatAmount = "0"]) => ({
    upTo: upTo === null ? null : d(upTo),
    unitAmount: d(unitAmount),
    flatAmount: d(flatAmount),
  }));

const total = (model: PriceModel, quantity: string | Decimal) =>
  sum(priceQuantity(model, new Decimal(quantity)).map((line) => line.amount));

// Stripe's published tier tables (docs "Tiered pricing").
const fiveTiers = tiers(["5", "5"], ["10", "4"], ["15", "3"], ["20", "2"], [null, "1"]);
const threeTiers = tiers(["5", "7"], ["10", "6.50"], [null, "6"]);
const volume = (t: Tier[]): TieredModel => ({ scheme: "TIERED", tiersMode: "VOLUME", tiers: t });
const graduated = (t: Tier[]): TieredModel => ({ scheme: "TIERED", tiersMode: "GRADUATED", tiers: t });
const alpacaUsage = graduated(tiers(["1000", "0"], [null, "0.04"]));

describe("Stripe's published examples", () => {
  it.each([
    ["VOLUME", fiveTiers, "6", "24"],
    ["VOLUME", fiveTiers, "20", "40"],
    ["VOLUME", fiveTiers, "25", "25"],
    ["GRADUATED", fiveTiers, "6", "29"],
    ["GRADUATED", fiveTiers, "25", "75"],
    ["VOLUME", threeTiers, "6", "39"],
    ["VOLUME", threeTiers, "25", "150"],
    ["GRADUATED", alpacaUsage.tiers, "3000", "80"],
  ] as const)("%s q=%s… → %s", (mode, t, quantity, expected) => {
    expect(total({ scheme: "TIERED", tiersMode: mode, tiers: [...t] }, quantity).toString()).toBe(expected);
  });

  it.each([
    ["UP", "30"],
    ["DOWN", "20"],
  ] as const)("package pricing: 150 minutes, per 60 rounded %s, at 10 → %s", (round, expected) => {
    const model: PriceModel = { scheme: "PER_UNIT", unitAmount: d("10"), transformQuantity: { divideBy: 60, round } };
    const [line] = priceQuantity(model, d("150"));
    expect(line?.quantity.toString()).toBe(round === "UP" ? "3" : "2");
    expect(line?.amount.toString()).toBe(expected);
  });

  it("the seed: 3000 tokens → tier 1 1000 × 0, tier 2 2000 × 0.04 = 80.00", () => {
    const lines = priceQuantity(alpacaUsage, d("3000"));
    expect(
      lines.map((line) => [
        line.tier,
        line.quantity.toString(),
        line.unitAmount.toString(),
        roundMoney(line.amount, "usd").toFixed(2),
      ]),
    ).toEqual([
      [1, "1000", "0", "0.00"],
      [2, "2000", "0.04", "80.00"],
    ]);
  });

  it('the "per hundred units" variant (docs/concepts/prices.md#flat-fee-and-overages): the same tiers at 0.0004 bill 3000 tokens 0.80', () => {
    expect(roundMoney(total(graduated(tiers(["1000", "0"], [null, "0.0004"])), "3000"), "usd").toFixed(2)).toBe("0.80");
  });

  it("per-line rounding: Stripe's 0.05¢ × 30 = 1.5¢ is invoiced as 2¢", () => {
    const [line] = priceQuantity({ scheme: "PER_UNIT", unitAmount: d("0.0005") }, d("30"));
    expect(line?.amount.toString()).toBe("0.015");
    expect(roundMoney(line!.amount, "usd").toString()).toBe("0.02");
  });
});

describe("per-unit", () => {
  it("bills non-integer quantities as they are", () => {
    expect(priceQuantity({ scheme: "PER_UNIT", unitAmount: d("2") }, d("1.25"))).toEqual([
      { tier: null, quantity: d("1.25"), unitAmount: d("2"), flatAmount: d("0"), amount: d("2.5") },
    ]);
  });

  it("rounds a package transform of a non-integer quantity", () => {
    const model: PriceModel = {
      scheme: "PER_UNIT",
      unitAmount: d("1"),
      transformQuantity: { divideBy: 1, round: "UP" },
    };
    expect(total(model, "0.2").toString()).toBe("1");
  });
});

describe("graduated tiers with flat amounts", () => {
  const model = graduated(tiers(["10", "1", "5"], ["20", "0.5", "3"], [null, "0.1", "1"]));

  it("charges a flat amount only in tiers that hold quantity", () => {
    expect(priceQuantity(model, d("10")).map((line) => [line.tier, line.amount.toString()])).toEqual([[1, "15"]]);
    expect(
      priceQuantity(model, d("10.5")).map((line) => [line.tier, line.flatAmount.toString(), line.amount.toString()]),
    ).toEqual([
      [1, "5", "15"],
      [2, "3", "3.25"],
    ]);
    expect(total(model, "30").toString()).toBe(String(15 + 8 + 2));
  });

  it("a zero quantity gives one tier-1 line charging the first tier's flat amount", () => {
    expect(priceQuantity(model, d("0"))).toEqual([
      { tier: 1, quantity: d("0"), unitAmount: d("1"), flatAmount: d("5"), amount: d("5") },
    ]);
  });

  it("the seed's licence fee as a first-tier flat fee: 100.00 at no usage, 180.00 at 3,000 tokens", () => {
    const withFee = graduated(tiers(["1000", "0", "100"], [null, "0.04"]));
    expect(total(withFee, "0").toString()).toBe("100");
    expect(total(withFee, "1000").toString()).toBe("100");
    expect(total(withFee, "3000").toString()).toBe("180");
  });

  it("a later tier's flat amount is charged only once quantity reaches that tier", () => {
    expect(total(model, "10").toString()).toBe("15");
    expect(total(model, "10.000000000001").toString()).toBe("18.0000000000005");
  });

  it("a model with no tiers prices to one zero line", () => {
    expect(priceQuantity(graduated([]), d("5"))).toEqual([
      { tier: 1, quantity: d("0"), unitAmount: d("0"), flatAmount: d("0"), amount: d("0") },
    ]);
  });
});

describe("volume tiers", () => {
  const model = volume(tiers(["10", "1", "5"], [null, "0.5", "20"]));

  it("adds the flat amount of the tier containing q; tier bounds are inclusive", () => {
    expect(priceQuantity(model, d("10"))).toEqual([
      { tier: 1, quantity: d("10"), unitAmount: d("1"), flatAmount: d("5"), amount: d("15") },
    ]);
    expect(total(model, "10.001").toString()).toBe("25.0005");
  });

  it("a zero quantity falls in tier 1 and charges its flat amount", () => {
    expect(priceQuantity(model, d("0"))).toEqual([
      { tier: 1, quantity: d("0"), unitAmount: d("1"), flatAmount: d("5"), amount: d("5") },
    ]);
  });

  it("refuses tiers that do not end unbounded", () => {
    expect(() => priceVolume(volume(tiers(["10", "1"])), d("11"))).toThrow(RangeError);
  });
});

describe("negative quantities bill as 0", () => {
  it.each([
    ["PER_UNIT", { scheme: "PER_UNIT", unitAmount: d("3") }],
    ["GRADUATED", graduated(fiveTiers)],
    ["VOLUME", volume(fiveTiers)],
  ] as const)("%s", (_, model) => {
    const lines = priceQuantity(model, d("-7"));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.quantity.isZero()).toBe(true);
    expect(lines[0]?.amount.isZero()).toBe(true);
  });

  it.each([
    ["GRADUATED", graduated],
    ["VOLUME", volume],
  ] as const)("%s still charges the first tier's flat amount", (_, mode) => {
    expect(total(mode(tiers(["10", "1", "7"], [null, "2", "9"])), "-7").toString()).toBe("7");
  });
});

describe("tier descriptions", () => {
  it.each([
    [0, "up to 5"],
    [1, "above 5 up to 10"],
    [4, "above 20"],
  ])("tier %i: %s", (index, expected) => {
    expect(describeTierRange(fiveTiers, index)).toBe(expected);
  });

  it("a single unbounded tier covers any quantity", () => {
    expect(describeTierRange(tiers([null, "1"]), 0)).toBe("any quantity");
  });
});

// Random valid tier tables: strictly increasing bounds, last unbounded, amounts ≥ 0 with ≤ 12 decimals.
const amountArb = decimalArb({ min: 0n, max: 10_000_000_000_000n, scale: 12 });
const tiersArb = fc
  .array(
    fc.record({
      width: decimalArb({ min: 1n, max: 5_000_000n, scale: 3 }),
      unitAmount: amountArb,
      flatAmount: fc.oneof(fc.constant(d("0")), amountArb),
    }),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((rows) => {
    let upTo = d("0");
    return rows.map((row, index): Tier => {
      upTo = upTo.plus(row.width);
      return { upTo: index === rows.length - 1 ? null : upTo, unitAmount: row.unitAmount, flatAmount: row.flatAmount };
    });
  });

describe("pricing properties", () => {
  it("graduated total is non-decreasing in quantity", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, quantityArb, (t, a, b) => {
        const [low, high] = a.lessThanOrEqualTo(b) ? [a, b] : [b, a];
        expect(total(graduated(t), high).greaterThanOrEqualTo(total(graduated(t), low))).toBe(true);
      }),
    );
  });

  it("graduated lines split q exactly across tiers, each priced quantity × unit + flat", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (t, q) => {
        const lines = priceQuantity(graduated(t), q);
        expect(sum(lines.map((line) => line.quantity)).equals(q)).toBe(true);
        for (const line of lines) {
          expect(line.amount.equals(line.quantity.times(line.unitAmount).plus(line.flatAmount))).toBe(true);
        }
        const tierIndexes = lines.map((line) => line.tier);
        expect(tierIndexes).toEqual(tierIndexes.map((_, index) => index + 1));
      }),
    );
  });

  it("graduated total equals the sum of its tier lines, and the exact slice-by-slice sum", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (t, q) => {
        let lower = d("0");
        let expected = d("0");
        for (const [index, tier] of t.entries()) {
          const upper = tier.upTo === null ? q : Decimal.min(q, tier.upTo);
          const reached = upper.greaterThan(lower);
          if (reached) expected = expected.plus(upper.minus(lower).times(tier.unitAmount));
          if (reached || index === 0) expected = expected.plus(tier.flatAmount);
          lower = tier.upTo ?? lower;
        }
        expect(total(graduated(t), q).equals(expected)).toBe(true);
      }),
    );
  });

  it("volume uses exactly one tier: the one whose range contains q", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (t, q) => {
        const lines = priceQuantity(volume(t), q);
        expect(lines).toHaveLength(1);
        const [line] = lines;
        const index = line!.tier! - 1;
        const lower = t[index - 1]?.upTo ?? d("0");
        const upper = t[index]?.upTo ?? null;
        expect(index === 0 || q.greaterThan(lower)).toBe(true);
        expect(upper === null || q.lessThanOrEqualTo(upper)).toBe(true);
        expect(line!.quantity.equals(q)).toBe(true);
        expect(line!.amount.equals(q.times(line!.unitAmount).plus(t[index]!.flatAmount))).toBe(true);
      }),
    );
  });

  it("both modes charge exactly the first tier's flat amount at q = 0; graduated never less at any q", () => {
    fc.assert(
      fc.property(tiersArb, quantityArb, (t, q) => {
        const firstFlat = t[0]!.flatAmount;
        expect(total(graduated(t), "0").equals(firstFlat)).toBe(true);
        expect(total(volume(t), "0").equals(firstFlat)).toBe(true);
        expect(total(graduated(t), q).greaterThanOrEqualTo(firstFlat)).toBe(true);
      }),
    );
  });

  it("rounding per line then summing stays within half a minor unit per line of the exact sum", () => {
    fc.assert(
      fc.property(fc.array(decimalArb({ min: 0n, max: 10_000_000n, scale: 6 }), { maxLength: 20 }), (amounts) => {
        const rounded = sum(amounts.map((amount) => roundMoney(amount, "usd")));
        expect(rounded.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(rounded.minus(sum(amounts)).abs().lessThanOrEqualTo(d("0.005").times(amounts.length))).toBe(true);
      }),
    );
  });
});
