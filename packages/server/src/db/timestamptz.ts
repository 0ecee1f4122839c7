// timestamptz text as PostgreSQL writes it (DateStyle ISO) to a Date, for direct SQL results: a
// page of subscriptions carries five or six per row, and pg's parser (postgres-date: regular
// expressions, parseInt and parseFloat per field) is a visible share of a nested read's CPU. The
// usual shape, "2026-11-21 10:00:00.123+00", is read here by character codes and integer
// arithmetic instead; anything else (more than three digits of
// fraction, years before 100 or beyond 9999, BC, infinity) goes to pg's parser, whose answer this
// one matches (test/timestamptz.test.ts). The session's TimeZone decides the offset written:
// "±HH", "±HH:MM" and "±HH:MM:SS" are all read.
import pg from "pg";

const pgParse = pg.types.getTypeParser(1184, "text") as (text: string) => unknown;

const DAY_MS = 86_400_000;

/** Whether a character code is a digit (NaN, past the end, is not). */
const isDigit = (code: number) => code >= 48 && code <= 57;

/** The digits at text[at, at + count) as a number, or -1 if any of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

/** ":NN" at text[at] as a number, or -1. */
function afterColon(text: string, at: number): number {
  return text.charCodeAt(at) === 58 ? digits(text, at + 1, 2) : -1;
}

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar, as Date.UTC counts them
 * (days past the month's end run on into the next month). From Howard Hinnant's days_from_civil.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
  );
}

/** The instant `text` writes, if it has the usual shape "YYYY-MM-DD HH:MM:SS[.fff]±HH[:MM[:SS]]". */
export function readTimestamptz(text: string): Date | undefined {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = afterColon(text, 13);
  const second = afterColon(text, 16);
  const separated = text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 32;
  // Date.UTC, which pg's parser uses, reads years 0 to 99 as 1900 to 1999, and months out of range
  // as the next or previous year's.
  if (!separated || year < 100 || month < 1 || month > 12 || day < 0 || hour < 0 || minute < 0 || second < 0)
    return undefined;
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    // One to three digits, as timestamptz(3) writes them; more (microseconds) are pg's to read.
    at += 1;
    for (let scale = 100; scale >= 1 && isDigit(text.charCodeAt(at)); scale /= 10)
      ms += (text.charCodeAt(at++) - 48) * scale;
    if (at === 20 || isDigit(text.charCodeAt(at))) return undefined;
  }
  const sign = text.charCodeAt(at) === 43 ? 1 : text.charCodeAt(at) === 45 ? -1 : 0;
  const end = text.length;
  const offsetHours = digits(text, at + 1, 2);
  const offsetMinutes = end > at + 3 ? afterColon(text, at + 3) : 0;
  const offsetSeconds = end > at + 6 ? afterColon(text, at + 6) : 0;
  if (
    sign === 0 ||
    offsetHours < 0 ||
    offsetMinutes < 0 ||
    offsetSeconds < 0 ||
    (end !== at + 3 && end !== at + 6 && end !== at + 9)
  ) {
    return undefined;
  }
  const offset = sign * (offsetHours * 3600 + offsetMinutes * 60 + offsetSeconds);
  return new Date(daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second - offset) * 1000 + ms);
}

/** The type parser for timestamptz (OID 1184): pg's answer, faster for the usual shape. */
export function parseTimestamptz(text: string): unknown {
  return readTimestamptz(text) ?? pgParse(text);
}
