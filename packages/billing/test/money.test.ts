import { describe, expect, it } from "vitest";
import { Decimal, formatMoney, roundMoney, sum, toDecimal, UnknownCurrencyError } from "../src/index.js";
import { d } from "./support.js";

describe("roundMoney: half away from zero at the currency minor unit", () => {
  it.each([
    ["0.015", "usd", "0.02"],
    ["-0.005", "usd", "-0.01"],
    ["0.005", "usd", "0.01"],
    ["0.0149999", "usd", "0.01"],
    ["-0.015", "usd", "-0.02"],
    ["1.5", "jpy", "2"],
    ["-1.5", "jpy", "-2"],
    ["2.5", "jpy", "3"],
    ["0.0015", "kwd", "0.002"],
    ["0.0004", "kwd", "0"],
    ["180", "usd", "180"],
    ["0.00005", "clp", "0"],
  ])("%s %s → %s", (amount, currency, expected) => {
    expect(roundMoney(amount, currency).toString()).toBe(expected);
  });

  it("never returns a negative zero", () => {
    const rounded = roundMoney("-0.001", "usd");
    expect(rounded.isZero()).toBe(true);
    expect(rounded.isNegative()).toBe(false);
    expect(formatMoney("-0.001", "usd")).toBe("0.00");
  });

  it("rounds each line, then sums: Stripe's 0.05¢ × 30 = 1.5¢ bills 2¢, and two such lines bill 4¢", () => {
    const line = d("0.0005").times(30);
    expect(roundMoney(line, "usd").toString()).toBe("0.02");
    expect(sum([line, line].map((amount) => roundMoney(amount, "usd"))).toString()).toBe("0.04");
    expect(roundMoney(line.plus(line), "usd").toString()).toBe("0.03");
  });

  it("rejects unknown currencies", () => {
    expect(() => roundMoney("1", "abc")).toThrow(UnknownCurrencyError);
  });
});

describe("Decimal", () => {
  it("keeps 100 significant digits and prints without exponents", () => {
    expect(d("1").dividedBy(3).toString()).toBe(`0.${"3".repeat(100)}`);
    expect(d("0.000000000001").times("0.000000000001").toString()).toBe(`0.${"0".repeat(23)}1`);
    expect(d("1e30").toString()).toBe(`1${"0".repeat(30)}`);
  });

  it("accepts decimals from another decimal.js copy", () => {
    const foreign = new (Decimal.clone({ precision: 5 }))("1.23456789");
    expect(toDecimal(foreign).toString()).toBe("1.23456789");
  });
});

describe("formatMoney and sum", () => {
  it("formats with the currency minor-unit digits", () => {
    expect(formatMoney("180", "usd")).toBe("180.00");
    expect(formatMoney("1.5", "jpy")).toBe("2");
    expect(formatMoney("0.0015", "kwd")).toBe("0.002");
  });

  it("sums exactly, 0 for nothing", () => {
    expect(sum([]).toString()).toBe("0");
    expect(sum([d("0.1"), d("0.2")]).toString()).toBe("0.3");
  });
});
