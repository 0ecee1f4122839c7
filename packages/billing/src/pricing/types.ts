import type { Decimal } from "../money.js";

/** Package pricing: divide the quantity, then round to a whole number of packages. */
export interface TransformQuantity {
  divideBy: number;
  round: "UP" | "DOWN";
}

/** One tier: covers quantities up to and including `upTo` (null = unbounded, last tier only). */
export interface Tier {
  upTo: Decimal | null;
  unitAmount: Decimal;
  flatAmount: Decimal;
}

/** A per-unit price: amount = transform(q) × unitAmount. */
export interface PerUnitModel {
  scheme: "PER_UNIT";
  unitAmount: Decimal;
  transformQuantity?: TransformQuantity;
}

/** A tiered price, graduated (each tier prices its slice) or volume (one tier prices everything). */
export interface TieredModel {
  scheme: "TIERED";
  tiersMode: "GRADUATED" | "VOLUME";
  tiers: Tier[];
}

/** How a price turns a quantity into money (amounts in major units). */
export type PriceModel = PerUnitModel | TieredModel;

/** One priced line before rounding; `tier` is 1-based for tiered prices, null for per-unit. */
export interface PricedLine {
  tier: number | null;
  quantity: Decimal;
  unitAmount: Decimal;
  /** The flat amount charged in this line (0 when the tier's flat fee does not apply). */
  flatAmount: Decimal;
  /** quantity × unitAmount + flatAmount, unrounded. */
  amount: Decimal;
}
