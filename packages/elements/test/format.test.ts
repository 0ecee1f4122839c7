// Formatting: amounts as exact decimal strings, in the invoice's currency and the reader's locale.
import { describe, expect, it } from "vitest";
import {
  formatBucket,
  formatDate,
  formatMoney,
  formatPeriod,
  formatQuantity,
  formatUnitAmount,
  isZeroAmount,
} from "../src/format.js";

// Intl separates with no-break, thin or narrow spaces depending on the locale data.
const plain = (s: string) => s.replace(/[\u00a0\u2009\u202f]/g, " ");

describe("formatMoney", () => {
  it("uses the currency's digits and the locale's separators", () => {
    expect(formatMoney("1234.5", "usd", "en-US")).toBe("$1,234.50");
    expect(plain(formatMoney("1234.5", "eur", "de-DE"))).toBe("1.234,50 €");
    expect(formatMoney("1500", "jpy", "ja-JP")).toBe("￥1,500");
    expect(plain(formatMoney("-3.20", "usd", "fr-FR"))).toBe("-3,20 $US");
  });

  it("keeps every digit of amounts beyond a double's precision", () => {
    // As a JS number this is 12345678901234568, off by one cent-unit in the last place.
    expect(formatMoney("12345678901234567.89", "usd", "en-US")).toBe("$12,345,678,901,234,567.89");
  });
});

describe("formatUnitAmount and formatQuantity", () => {
  it("shows sub-cent unit prices whole", () => {
    expect(formatUnitAmount("0.0004", "usd", "en-US")).toBe("$0.0004");
    expect(formatUnitAmount("2", "usd", "en-US")).toBe("$2.00");
  });

  it("groups quantities and keeps their decimals", () => {
    expect(formatQuantity("1234567.125", "en-US")).toBe("1,234,567.125");
    expect(plain(formatQuantity("1234567.125", "fr-FR"))).toBe("1 234 567,125");
    expect(formatQuantity("0.1", "en-US")).toBe("0.1");
  });
});

describe("dates", () => {
  it("formats dates, periods and chart buckets in the reader's language", () => {
    const start = "2026-12-01T12:00:00.000Z";
    const end = "2026-12-31T12:00:00.000Z";
    expect(formatDate(start, "en-US")).toBe("Dec 1, 2026");
    expect(plain(formatPeriod(start, end, "en-US"))).toMatch(/^Dec 1 – 31, 2026$/);
    expect(formatBucket(start, "DAY", "en-US")).toBe("Dec 1");
    expect(formatBucket(start, "HOUR", "en-US")).toMatch(/^Dec 1, \d{1,2}\s?(AM|PM)$/);
  });
});

describe("isZeroAmount", () => {
  it("reads zero from the text, whatever its digits", () => {
    for (const zero of ["0", "0.00", "-0.0", "+0", ".0"]) expect(isZeroAmount(zero)).toBe(true);
    for (const other of ["0.01", "-0.001", "10", "1e-9"]) expect(isZeroAmount(other)).toBe(false);
  });
});
