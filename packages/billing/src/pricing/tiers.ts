import { ZERO, type Decimal } from "../money.js";
import type { Tier } from "./types.js";

/** The quantity range (lower, upper] covered by tier `index` (0-based); upper null = unbounded. */
export function tierBounds(tiers: readonly Tier[], index: number): { lower: Decimal; upper: Decimal | null } {
  return { lower: tiers[index - 1]?.upTo ?? ZERO, upper: tiers[index]?.upTo ?? null };
}

/** Human-readable range of tier `index` (0-based): "up to 1000", "above 1000 up to 5000", "above 1000". */
export function describeTierRange(tiers: readonly Tier[], index: number): string {
  const { lower, upper } = tierBounds(tiers, index);
  if (upper === null) return lower.isZero() ? "any quantity" : `above ${lower.toString()}`;
  return lower.isZero() ? `up to ${upper.toString()}` : `above ${lower.toString()} up to ${upper.toString()}`;
}
