import { Decimal } from "./money.js";

/** The unit of a billing interval. */
export type IntervalUnit = "DAY" | "WEEK" | "MONTH" | "YEAR";

/** A billing interval: `count` units (a small positive integer). */
export interface Interval {
  unit: IntervalUnit;
  count: number;
}

/** A half-open time range [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/** All interval units. */
export const INTERVAL_UNITS: readonly IntervalUnit[] = ["DAY", "WEEK", "MONTH", "YEAR"];

/** Largest intervalCount per unit: at most 3 years in total (docs/concepts/prices.md#price-fields). */
export const MAX_INTERVAL_COUNT: Readonly<Record<IntervalUnit, number>> = { DAY: 1095, WEEK: 156, MONTH: 36, YEAR: 3 };

const MS_PER_DAY = 86_400_000;

/** Each unit is a fixed number of days or a number of calendar months. */
const UNIT_LENGTH: Readonly<Record<IntervalUnit, { days: number } | { months: number }>> = {
  DAY: { days: 1 },
  WEEK: { days: 7 },
  MONTH: { months: 1 },
  YEAR: { months: 12 },
};

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Adds whole months to a date in UTC, clamping the day to the month's end and keeping the time of day. */
function addMonths(anchor: Date, months: number): Date {
  const monthIndex = anchor.getUTCMonth() + months;
  const year = anchor.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  const timeOfDay = anchor.getTime() - Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
  return new Date(Date.UTC(year, month, day) + timeOfDay);
}

/**
 * The k-th boundary anchor + k·interval (k may be negative), computed from the anchor, in UTC.
 * Months clamp to the month's end and return to the anchor's day when it exists (Jan 31 → Feb 28 → Mar 31).
 */
export function addInterval(anchor: Date, interval: Interval, k: number): Date {
  const length = UNIT_LENGTH[interval.unit];
  if ("days" in length) return new Date(anchor.getTime() + k * interval.count * length.days * MS_PER_DAY);
  return addMonths(anchor, k * interval.count * length.months);
}

/** The index k of the boundary period containing t: addInterval(k) ≤ t < addInterval(k + 1). */
function boundaryIndex(anchor: Date, interval: Interval, t: Date): number {
  const length = UNIT_LENGTH[interval.unit];
  const months = (t.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (t.getUTCMonth() - anchor.getUTCMonth());
  const k =
    "days" in length
      ? Math.floor((t.getTime() - anchor.getTime()) / (interval.count * length.days * MS_PER_DAY))
      : Math.floor(months / (interval.count * length.months));
  // The estimate is never too low: boundary k + 1 lies in a later month than t, or more whole days
  // after the anchor. It can be one too high: boundary k later in t's own month (day or time of
  // day), or a day division rounded up to the next integer. Then the answer is k − 1.
  return addInterval(anchor, interval, k) > t ? k - 1 : k;
}

/** The boundary period [anchor + k·interval, anchor + (k+1)·interval) that contains t. */
export function periodContaining(anchor: Date, interval: Interval, t: Date): Period {
  const k = boundaryIndex(anchor, interval, t);
  return { start: addInterval(anchor, interval, k), end: addInterval(anchor, interval, k + 1) };
}

/**
 * The subscription's billing period containing t (t ≥ startDate). The first period is
 * [startDate, first boundary after startDate): partial when startDate is not a boundary.
 */
export function subscriptionPeriod(startDate: Date, anchor: Date, interval: Interval, t: Date): Period {
  if (t < startDate)
    throw new RangeError(`${t.toISOString()} is before the subscription's start ${startDate.toISOString()}`);
  const first = periodContaining(anchor, interval, startDate);
  return t < first.end ? { start: startDate, end: first.end } : periodContaining(anchor, interval, t);
}

/** Length of a period over the length of the boundary period containing it, as an exact Decimal (1 when full). */
export function prorationFactor(period: Period, interval: Interval, anchor: Date): Decimal {
  const full = periodContaining(anchor, interval, period.start);
  if (period.end > full.end || period.end < period.start) {
    throw new RangeError("A prorated period must lie within one boundary period");
  }
  const length = new Decimal(period.end.getTime() - period.start.getTime());
  return length.dividedBy(full.end.getTime() - full.start.getTime());
}

/** A subscription's billing schedule: its first period starts at startDate, later ones on the anchor's boundaries. */
export interface BillingSchedule {
  startDate: Date;
  billingCycleAnchor: Date;
  interval: Interval;
}

/** A schedule with its open period: the one the billing cycle closes next, stored on the subscription. */
export interface ScheduledSubscription extends BillingSchedule {
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
}

/** The subscription's open period, [currentPeriodStart, currentPeriodEnd). */
export function openPeriod(subscription: ScheduledSubscription): Period {
  return { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
}

/** A period has ended once now reaches its end: periods are half-open, so its end is the next one's start. */
export function hasEnded(period: Period, now: Date): boolean {
  return period.end <= now;
}

/**
 * The subscription's period at `now`: the open period until it ends, then the schedule's period
 * containing now (the billing cycle may not have closed the open one yet).
 */
export function currentPeriod(subscription: ScheduledSubscription, now: Date): Period {
  const open = openPeriod(subscription);
  if (!hasEnded(open, now)) return open;
  return subscriptionPeriod(subscription.startDate, subscription.billingCycleAnchor, subscription.interval, now);
}

/** The period that follows the open one. */
export function nextPeriod(subscription: ScheduledSubscription): Period {
  const { startDate, billingCycleAnchor, interval, currentPeriodEnd } = subscription;
  return subscriptionPeriod(startDate, billingCycleAnchor, interval, currentPeriodEnd);
}

/** The schedule's periods that end in (from, to], in order (a year of monthly periods → 12 periods). */
export function periodsBetween(schedule: BillingSchedule, from: Date, to: Date): Period[] {
  const { startDate, billingCycleAnchor: anchor, interval } = schedule;
  const periods: Period[] = [];
  let period = subscriptionPeriod(startDate, anchor, interval, from > startDate ? from : startDate);
  while (hasEnded(period, to)) {
    periods.push(period);
    period = subscriptionPeriod(startDate, anchor, interval, period.end);
  }
  return periods;
}

/** The UTC calendar month containing t. */
function calendarMonth(t: Date): Period {
  return {
    start: new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)),
    end: new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1)),
  };
}

/**
 * The period an EVERY_PERIOD alert counts usage over (docs/concepts/alerts.md#recurrence): the
 * current period of the customer's subscription on the meter, or the UTC calendar month of now
 * when the customer has none.
 */
export function alertPeriod(subscription: ScheduledSubscription | undefined, now: Date): Period {
  return subscription ? currentPeriod(subscription, now) : calendarMonth(now);
}
