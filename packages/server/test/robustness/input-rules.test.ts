// The pure input rules against independent oracles: text is storable exactly when it is
// well-formed UTF-16 without NUL (encodeURIComponent throws on unpaired surrogates), and a
// date-time reads as the instant JavaScript gives for every real date in range.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDateTime } from "../../src/input/date-time.js";
import { unstorableTextPath } from "../../src/input/text.js";

const wellFormed = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

describe("unstorableTextPath", () => {
  it("finds exactly the strings with NUL or an unpaired surrogate", () => {
    const pieces = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("\u0000", "\uD800", "\uDC00", "😀"));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 5 }), (parts) => {
        const text = parts.join("");
        const storable = wellFormed(text) && !text.includes("\u0000");
        expect(unstorableTextPath(text, ["s"])).toEqual(storable ? null : ["s"]);
      }),
      { seed: 18, numRuns: 2000 },
    );
  });

  it.each([
    [{ a: ["ok", { b: "x\u0000" }] }, ["input", "a", "1", "b"]],
    [{ "k\uDFFF": 1 }, ["input", "k\uDFFF"]],
    [{ a: new Date(0), b: 1, c: null, d: true }, null],
    [{ "😀": ["😀"] }, null],
  ])("%j → %j", (value, path) => {
    expect(unstorableTextPath(value, ["input"])).toEqual(path);
  });

  it("walks a JSON value nested 100,000 deep without exhausting the stack", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextPath(deep, [])).toHaveLength(100_000);
  });
});

describe("parseIsoDateTime", () => {
  it("reads every instant of 1970–9999, written in UTC or with an offset, as JavaScript does", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1970-01-02T00:00:00Z"),
          max: new Date("9999-12-30T23:59:59.999Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offsetMinutes) => {
          expect(parseIsoDateTime(date.toISOString())).toEqual(date);
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const abs = Math.abs(offsetMinutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(parseIsoDateTime(`${local}${offset}`)).toEqual(date);
        },
      ),
      { seed: 18, numRuns: 2000 },
    );
  });

  it("refuses every day past the end of its month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const iso = (day: number) =>
          `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T00:00:00Z`;
        expect(parseIsoDateTime(iso(last))).toBeInstanceOf(Date);
        for (let day = last + 1; day <= 31; day++) expect(parseIsoDateTime(iso(day))).toBe("is not a calendar date");
      }),
      { seed: 18, numRuns: 500 },
    );
  });
});
