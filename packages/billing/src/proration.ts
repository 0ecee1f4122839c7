// Prorations of a subscription change (docs/concepts/subscriptions.md#proration): a licensed item
// changed at an instant is credited for its unused time and the new price charged for the rest of
// the period; a metered item changed at an instant bills its usage up to the instant at the old
// price and from the instant at the new one, so every event is billed once.
import type { UsageEvent } from "./aggregate.js";
import type { InvoiceLine } from "./invoice-line.js";
import { Decimal, roundMoney, type DecimalInput } from "./money.js";
import { prorationFactor, type Interval, type Period } from "./periods.js";
import { priceQuantity } from "./pricing/price.js";
import type { PriceModel } from "./pricing/types.js";

/** A licensed price and quantity held by a subscription item before or after a change. */
export interface LicensedHolding {
  itemId: string;
  priceId: string;
  description: string;
  model: PriceModel;
  /** An integer quantity. */
  quantity: DecimalInput | number;
}

/** One licensed item's change: before null = added, after null = removed. */
export interface LicensedChange {
  before: LicensedHolding | null;
  after: LicensedHolding | null;
}

/** The subscription's period and cycle at the change, and the instant of the change. */
export interface ProrationContext {
  currency: string;
  interval: Interval;
  anchor: Date;
  /** The current period; `at` must lie in it. */
  period: Period;
  /** The proration date. */
  at: Date;
}

/** One PRORATION line; `amount` is rounded once, negative for a credit. */
export type ProrationLine = InvoiceLine & { kind: "PRORATION" };

/** Significant digits a prorated amount is settled to before rounding, as for LICENSE lines (invoice.ts). */
const PRORATION_DIGITS = 50;

function sameHolding(a: LicensedHolding, b: LicensedHolding): boolean {
  return a.priceId === b.priceId && new Decimal(a.quantity).equals(new Decimal(b.quantity));
}

function holdingLines(
  holding: LicensedHolding,
  sign: 1 | -1,
  window: Period,
  factor: Decimal,
  currency: string,
): ProrationLine[] {
  const date = window.start.toISOString().slice(0, 10);
  const label =
    sign < 0
      ? `Unused time on ${holding.description} after ${date}`
      : `Remaining time on ${holding.description} after ${date}`;
  return priceQuantity(holding.model, new Decimal(holding.quantity)).map((priced) => {
    const amount = roundMoney(priced.amount.times(factor).toSignificantDigits(PRORATION_DIGITS), currency);
    return {
      kind: "PRORATION",
      itemId: holding.itemId,
      priceId: holding.priceId,
      description: label,
      tier: priced.tier,
      quantity: priced.quantity,
      unitAmount: priced.unitAmount,
      flatAmount: priced.flatAmount,
      amount: sign < 0 && !amount.isZero() ? amount.negated() : amount,
      periodStart: window.start,
      periodEnd: window.end,
    };
  });
}

/**
 * The PRORATION lines of licensed changes at `context.at`: for each change, a credit of the old
 * price × quantity and a charge of the new one over [at, period end), each the price's amount times
 * the proration factor of that window (to the millisecond, periods.ts#prorationFactor), rounded
 * once per line. An unchanged price and quantity gives no line.
 */
export function prorateLicensedChanges(context: ProrationContext, changes: readonly LicensedChange[]): ProrationLine[] {
  const { period, at } = context;
  if (at < period.start || at >= period.end) {
    throw new RangeError(
      `The proration date ${at.toISOString()} is outside the period [${period.start.toISOString()}, ${period.end.toISOString()})`,
    );
  }
  const window: Period = { start: at, end: period.end };
  const factor = prorationFactor(window, context.interval, context.anchor);
  return changes.flatMap(({ before, after }) => {
    if (before !== null && after !== null && sameHolding(before, after)) return [];
    return [
      ...(before === null ? [] : holdingLines(before, -1, window, factor, context.currency)),
      ...(after === null ? [] : holdingLines(after, 1, window, factor, context.currency)),
    ];
  });
}

/** A period cut at an instant inside it: [start, at) and [at, end). */
export function splitPeriod(period: Period, at: Date): [Period, Period] {
  if (at < period.start || at > period.end) {
    throw new RangeError(`${at.toISOString()} is outside the period it should split`);
  }
  return [
    { start: period.start, end: at },
    { start: at, end: period.end },
  ];
}

/** Whether an event belongs to a half-open period: start ≤ timestamp < end. */
export function inPeriod(event: Pick<UsageEvent, "timestamp">, period: Period): boolean {
  return event.timestamp >= period.start && event.timestamp < period.end;
}

/**
 * The metered split (docs/concepts/subscriptions.md#metered-items-and-changes): the events of a
 * period changed at `at`, those billed at the old price and those at the new one. Every event of
 * the period is in exactly one part.
 */
export function splitUsage<E extends Pick<UsageEvent, "timestamp">>(
  events: readonly E[],
  period: Period,
  at: Date,
): { before: E[]; after: E[] } {
  const [first, second] = splitPeriod(period, at);
  return { before: events.filter((e) => inPeriod(e, first)), after: events.filter((e) => inPeriod(e, second)) };
}
