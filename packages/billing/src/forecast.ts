import { composeInvoice } from "./invoice.js";
import type { Decimal } from "./money.js";
import type { PeriodEndSnapshot } from "./spend-cap.js";

/**
 * The period-end forecast of a preview (docs/concepts/alerts.md#forecast): each metered item's
 * quantity so far, q, becomes q × (end − start) / (now − start) over the item's billed window,
 * linear on the elapsed part; with no time elapsed yet the quantity stays as it is. The forecast
 * is the total of the invoice composed with those quantities (tiers, credits and licensed items as usual).
 */
export function forecastTotal(snapshot: PeriodEndSnapshot, now: Date): Decimal {
  const { period, starts, quantities } = snapshot.usage;
  const projected = new Map<string, Decimal>();
  for (const [itemId, quantity] of quantities) {
    const start = Math.max((starts?.get(itemId) ?? period.start).getTime(), period.start.getTime());
    const elapsed = Math.min(now.getTime(), period.end.getTime()) - start;
    const length = period.end.getTime() - start;
    projected.set(itemId, elapsed <= 0 ? quantity : quantity.times(length).dividedBy(elapsed));
  }
  return composeInvoice({ ...snapshot, usage: { ...snapshot.usage, quantities: projected } }).total;
}
