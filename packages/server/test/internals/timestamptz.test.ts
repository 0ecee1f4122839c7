// timestamptz text read for direct SQL (db/timestamptz.ts): the same instant as pg's own parser
// for whatever PostgreSQL writes, read without it for the usual shape, and in place for results
// under any session TimeZone.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTimestamptz, readTimestamptz } from "../../src/db/timestamptz.js";
import { createTestApp, type TestApp } from "../support/app.js";

const pgParse = pg.types.getTypeParser(1184, "text") as (text: string) => unknown;

/** Dates by instant (Invalid Date equal to itself); anything else as it is. */
const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date
    ? Object.is(a.getTime(), b.getTime())
    : Object.is(a, b) || (a === null && b === null);

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Text in the shape PostgreSQL writes timestamptz, with the usual shape most of the time. */
const timestamptzText = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12_000 })),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.oneof(fc.constant(""), fc.stringMatching(/^[0-9]{1,3}$/), fc.stringMatching(/^[0-9]{4,6}$/)),
    sign: fc.constantFrom("+", "-"),
    offsetHours: fc.integer({ min: 0, max: 15 }),
    offsetMinutes: fc.option(fc.integer({ min: 0, max: 59 })),
    offsetSeconds: fc.option(fc.integer({ min: 0, max: 59 })),
    bc: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  .map((t) => {
    const offset = `${t.sign}${pad(t.offsetHours, 2)}${t.offsetMinutes === null ? "" : `:${pad(t.offsetMinutes, 2)}${t.offsetSeconds === null ? "" : `:${pad(t.offsetSeconds, 2)}`}`}`;
    const time = `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction ? `.${t.fraction}` : ""}`;
    return `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)} ${time}${offset}${t.bc ? " BC" : ""}`;
  });

describe("parseTimestamptz", () => {
  it("answers what pg's parser answers for PostgreSQL's timestamptz text", () => {
    fc.assert(
      fc.property(timestamptzText, (text) => {
        expect(same(parseTimestamptz(text), pgParse(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads the usual shape itself, and nothing it would read differently", () => {
    const usual = timestamptzText.filter(
      (text) =>
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})?[+-]\d\d(:\d\d){0,2}$/.test(text) &&
        Number(text.slice(0, 4)) >= 100,
    );
    fc.assert(
      fc.property(usual, (text) => {
        const read = readTimestamptz(text);
        expect(read, text).toBeInstanceOf(Date);
        expect(same(read, pgParse(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("leaves to pg's parser any text it does not read exactly", () => {
    // A usual text with one character replaced, inserted or removed: read alike, or not read.
    const mutated = fc
      .tuple(
        timestamptzText,
        fc.nat(),
        fc.constantFrom(..."0123456789+-:. ZBCinfty"),
        fc.constantFrom("replace", "insert", "remove"),
      )
      .map(([text, at, char, how]) => {
        const i = at % (text.length + 1);
        if (how === "insert") return text.slice(0, i) + char + text.slice(i);
        return text.slice(0, i) + (how === "replace" ? char : "") + text.slice(i + 1);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        const read = readTimestamptz(text);
        if (read !== undefined) expect(same(read, pgParse(text)), text).toBe(true);
        expect(same(parseTimestamptz(text), pgParse(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const text of [
      "infinity",
      "-infinity",
      "0099-01-01 00:00:00+00",
      "2026-01-01 00:00:00.1234+00",
      "2026-01-01 00:00:00+00 BC",
    ]) {
      expect(readTimestamptz(text), text).toBeUndefined();
      expect(same(parseTimestamptz(text), pgParse(text)), text).toBe(true);
    }
  });
});

describe("timestamptz in direct SQL results", () => {
  let app: TestApp;
  beforeAll(async () => void (app = await createTestApp()));
  afterAll(() => app.close());

  const INSTANTS = [
    "2026-01-02T03:04:05.678Z",
    "2026-07-01T23:59:59.990Z",
    "1900-01-01T00:00:00.000Z",
    "1970-01-01T00:00:00.000Z",
  ];

  // Half-hour, quarter-hour and historical (seconds) offsets, east and west.
  it.each(["UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Europe/Amsterdam", "America/Los_Angeles"])(
    "reads the instants PostgreSQL writes under TimeZone %s",
    async (zone) => {
      const rows = await app.database.transaction(async (sql) => {
        await sql.$queryRaw`SELECT set_config('TimeZone', ${zone}, true)`;
        return sql.$queryRaw<
          Array<{ at: Date; text: string }>
        >`SELECT "at", "at"::text AS "text" FROM unnest(${INSTANTS}::timestamptz[]) AS "at"`;
      });
      expect(rows.map((row) => row.at.toISOString())).toEqual(INSTANTS);
      for (const row of rows) expect(same(readTimestamptz(row.text), pgParse(row.text)), row.text).toBe(true);
      // The zone's offset is in the text (not always +00), and read here rather than by pg.
      if (zone !== "UTC") expect(rows.some((row) => !row.text.endsWith("+00"))).toBe(true);
      expect(rows.every((row) => readTimestamptz(row.text) !== undefined)).toBe(true);
    },
  );
});
