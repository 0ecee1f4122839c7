// The one reading of a client's date-time: ISO-8601 with a time zone, a real calendar date and
// clock time (no February 30, no hour 25: JavaScript's Date would shift them), years 1970–9999.

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The instant, or why the text is not one. */
export function parseIsoDateTime(text: string): Date | string {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return 'must be an ISO-8601 string with a time zone, e.g. "2026-01-01T00:00:00Z"';
  const part = (index: number) => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map(part) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [9, 10].map(part) as [number, number];
  const milliseconds = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  if (year < 1970) return "must be in the years 1970–9999";
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "is not a calendar date";
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return "is not a time of day";
  const offset = (match[8] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offset;
  if (instant < EARLIEST || instant > LATEST) return "must be in the years 1970–9999";
  return new Date(instant);
}
