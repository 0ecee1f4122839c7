// The bounds on what the API accepts, chosen so that every accepted number is stored exactly and no
// invoice computed from accepted input can exceed its columns (docs/api/input.md, "Decimal bounds").
import { Decimal } from "./money.js";

/** Tiers per price, as Stripe allows. */
export const MAX_TIERS = 250;

/** Items per subscription. */
export const MAX_SUBSCRIPTION_ITEMS = 20;

/** Price amounts (`unitAmount`, `flatAmount`) and tier bounds (`upTo`) are below 10^19. */
export const PRICE_DECIMAL_LIMIT = new Decimal("1e19");

/** A meter event's value is below 10^20 in absolute value. */
export const EVENT_VALUE_LIMIT = new Decimal("1e20");

/** Events an account can ever store: MeterEvent.seq is a bigint. */
export const MAX_STORED_EVENTS = new Decimal(2).pow(63).minus(1);

/** Whether a decimal has fewer than `integerDigits` digits before the point and at most `decimalPlaces` after it. */
export function fitsColumn(value: Decimal, integerDigits: number, decimalPlaces: number): boolean {
  return (
    value.isFinite() && value.abs().lt(new Decimal(10).pow(integerDigits)) && value.decimalPlaces() <= decimalPlaces
  );
}

/**
 * The largest magnitudes invoice arithmetic can reach from accepted input: a period's quantity
 * (every storable event at the largest value), one item's amount (that quantity at the largest unit
 * amount, plus every tier's flat fee at the largest amount), and an invoice's subtotal (the ended
 * period's usage and the next period's licence of every item).
 */
export function invoiceArithmeticBounds(): { quantity: Decimal; lineAmount: Decimal; invoiceAmount: Decimal } {
  const quantity = MAX_STORED_EVENTS.times(EVENT_VALUE_LIMIT);
  const lineAmount = quantity.times(PRICE_DECIMAL_LIMIT).plus(PRICE_DECIMAL_LIMIT.times(MAX_TIERS));
  const invoiceAmount = lineAmount.times(2 * MAX_SUBSCRIPTION_ITEMS);
  return { quantity, lineAmount, invoiceAmount };
}
