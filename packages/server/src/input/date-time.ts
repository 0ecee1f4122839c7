// The one reading of a client's date-time: ISO-8601 with a time zone, a real calendar date and
// clock time (no February 30, no hour 25: JavaScript's Date would shift them), years 1970–9999.

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The instant, or why the text is not one. Written without closures or temporary arrays: it runs
 * for every event of a batch, and under tsx every closure created costs a defineProperty.
 */
export function parseIsoDateTime(text: string): Date | string {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return 'must be an ISO-8601 string with a time zone, e.g. "2026-01-01T00:00:00Z"';
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7];
  const milliseconds =
    fraction === undefined ? 0 : Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, "0"));
  const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
  const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
  if (year < 1970) return "must be in the years 1970–9999";
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "is not a calendar date";
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return "is not a time of day";
  const offset = (match[8] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offset;
  if (instant < EARLIEST || instant > LATEST) return "must be in the years 1970–9999";
  return new Date(instant);
}
