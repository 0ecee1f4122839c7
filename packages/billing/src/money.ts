import { Decimal as DecimalJs } from "decimal.js";
import { minorUnits } from "./currency.js";

/**
 * The engine's decimal type: a decimal.js clone with 100 significant digits, so that no amount or
 * quantity the engine handles is ever rounded except where a rule says so: the largest product of
 * an accepted quantity and unit amount has 100 (limits.ts).
 */
export const Decimal = DecimalJs.clone({
  precision: 100,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Decimal = DecimalJs;

/** A decimal value as the engine accepts it: a Decimal (of any decimal.js copy) or a decimal string. */
export type DecimalInput = Decimal | string;

/** Converts a DecimalInput to the engine's Decimal. */
export function toDecimal(value: DecimalInput): Decimal {
  return new Decimal(value);
}

/** Decimal zero (Decimals are immutable, so one shared instance is safe). */
export const ZERO: Decimal = new Decimal(0);

/**
 * Rounds an amount to the currency's minor unit, half away from zero (0.015 → 0.02, −0.005 → −0.01).
 * Never returns a negative zero.
 */
export function roundMoney(amount: DecimalInput, currency: string): Decimal {
  const rounded = toDecimal(amount).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? ZERO : rounded;
}

/** Sums decimals exactly (0 for an empty list). */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** Formats an amount with exactly the currency's minor-unit digits ("180.00", "2" for jpy). */
export function formatMoney(amount: DecimalInput, currency: string): string {
  return roundMoney(amount, currency).toFixed(minorUnits(currency));
}
