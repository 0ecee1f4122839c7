import type { Aggregation } from "./aggregate.js";
import { composeInvoice, type InvoiceSnapshot } from "./invoice.js";
import { Decimal } from "./money.js";

/** A preview of the invoice at a period's end: the snapshot a spend cap is measured on. */
export type PeriodEndSnapshot = Extract<InvoiceSnapshot, { kind: "PERIOD_END" }>;

/** One event as a spend cap sees it: its time and the metered items whose quantity it adds to. */
export interface CappedEvent {
  timestamp: Date;
  /** The items of the subscription that count the event (its meter, its segment), with the meter's aggregation. */
  items: ReadonlyArray<{ itemId: string; aggregation: Aggregation; value: Decimal }>;
}

/** What a spend cap admits of a list of events (docs/concepts/subscriptions.md#spend-caps). */
export interface CapDecision {
  /** Per event, in order: accepted (true) or refused (false). */
  admitted: boolean[];
  /** The previewed total before the events and after the admitted ones. */
  before: Decimal;
  after: Decimal;
  /** The snapshot with the admitted events' quantities. */
  snapshot: PeriodEndSnapshot;
}

/**
 * A metered item's quantity after one more event. LAST counts as the larger of the two, so that a
 * cap is never exceeded by an event whose place in LAST's order is not known here (prices never fall with quantity).
 */
export function quantityAfter(aggregation: Aggregation, quantity: Decimal, value: Decimal): Decimal {
  if (aggregation === "SUM") return quantity.plus(value);
  if (aggregation === "COUNT") return quantity.plus(1);
  return Decimal.max(quantity, value);
}

/** The snapshot with the event's quantities added, for the items whose billed window holds its timestamp. */
function withEvent(snapshot: PeriodEndSnapshot, event: CappedEvent): PeriodEndSnapshot {
  const { period, starts } = snapshot.usage;
  const quantities = new Map(snapshot.usage.quantities);
  for (const item of event.items) {
    const start = starts?.get(item.itemId) ?? period.start;
    if (event.timestamp < start || event.timestamp < period.start || event.timestamp >= period.end) continue;
    quantities.set(
      item.itemId,
      quantityAfter(item.aggregation, quantities.get(item.itemId) ?? new Decimal(0), item.value),
    );
  }
  return { ...snapshot, usage: { ...snapshot.usage, quantities } };
}

/**
 * Which events a spend cap admits: in order, each one whose acceptance keeps the previewed total
 * (after discounts, tax and credits) at or under the cap, or does not raise a total already over it
 * (a cap lowered below the period's spend still takes free events). The whole list is tried first,
 * so a list far from the cap costs two compositions.
 */
export function admitUnderCap(snapshot: PeriodEndSnapshot, cap: Decimal, events: readonly CappedEvent[]): CapDecision {
  const before = composeInvoice(snapshot).total;
  const all = events.reduce(withEvent, snapshot);
  const allTotal = composeInvoice(all).total;
  if (allTotal.lessThanOrEqualTo(cap))
    return { admitted: events.map(() => true), before, after: allTotal, snapshot: all };
  let current = snapshot;
  let after = before;
  const admitted = events.map((event) => {
    const next = withEvent(current, event);
    const total = composeInvoice(next).total;
    if (total.greaterThan(Decimal.max(cap, after))) return false;
    current = next;
    after = total;
    return true;
  });
  return { admitted, before, after, snapshot: current };
}
