import { Decimal } from "../money.js";
import { priceGraduated } from "./graduated.js";
import { pricePerUnit } from "./per-unit.js";
import type { PriceModel, PricedLine } from "./types.js";
import { priceVolume } from "./volume.js";

/** Prices a period's quantity (a negative quantity bills as 0) into unrounded lines (docs/concepts/prices.md#the-quantity-of-a-period). */
export function priceQuantity(model: PriceModel, quantity: Decimal): PricedLine[] {
  const billable = Decimal.max(quantity, 0);
  if (model.scheme === "PER_UNIT") return pricePerUnit(model, billable);
  return model.tiersMode === "GRADUATED" ? priceGraduated(model, billable) : priceVolume(model, billable);
}
