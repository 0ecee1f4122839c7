import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  NON_CURRENCY_CODES,
  UnknownCurrencyError,
  isKnownCurrency,
  minorUnits,
  normalizeCurrency,
} from "../src/index.js";

describe("minorUnits from ISO 4217 data", () => {
  it.each([
    ["usd", 2],
    ["eur", 2],
    ["jpy", 0],
    ["krw", 0],
    ["kwd", 3],
    ["bhd", 3],
    ["clp", 0],
    ["uyw", 4],
  ])("%s → %i", (code, digits) => {
    expect(minorUnits(code)).toBe(digits);
  });

  it.each(["USD", "xxx", "xau", "xts", "che", "abc", "", "usdx"])("rejects %j", (code) => {
    expect(() => minorUnits(code)).toThrow(UnknownCurrencyError);
    expect(isKnownCurrency(code)).toBe(false);
  });

  it("names the code in the error", () => {
    expect(() => minorUnits("zzz")).toThrow('Unknown currency: "zzz"');
  });
});

describe("normalizeCurrency", () => {
  it("lower-cases and trims known codes", () => {
    expect(normalizeCurrency(" USD ")).toBe("usd");
    expect(normalizeCurrency("jpy")).toBe("jpy");
  });

  it("returns null for codes that are not currencies", () => {
    expect(normalizeCurrency("XAU")).toBeNull();
    expect(normalizeCurrency("dollars")).toBeNull();
  });
});

describe("NON_CURRENCY_CODES", () => {
  it("is exactly the funds and the N.A. minor-unit entries of the ISO list that currency-codes ships", () => {
    const require = createRequire(import.meta.url);
    const xml = readFileSync(require.resolve("currency-codes/iso-4217-list-one.xml"), "utf8");
    const entries = [...xml.matchAll(/<CcyNtry>([\s\S]*?)<\/CcyNtry>/g)].map((match) => match[1] ?? "");
    const excluded = new Set(
      entries
        .filter((entry) => entry.includes('IsFund="true"') || entry.includes("<CcyMnrUnts>N.A.</CcyMnrUnts>"))
        .map((entry) => /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry)?.[1]),
    );
    expect([...NON_CURRENCY_CODES].sort()).toEqual([...excluded].sort());
  });
});
