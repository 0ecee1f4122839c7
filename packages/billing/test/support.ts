import fc from "fast-check";
import { Decimal } from "../src/index.js";

/** Shorthand for a Decimal from a string. */
export const d = (value: string): Decimal => new Decimal(value);

/** UTC date from an ISO string. */
export const utc = (iso: string): Date => new Date(iso);

/** Decimals with up to `scale` decimal places in [min, max] (given in units of 10^-scale). */
export function decimalArb({ min, max, scale }: { min: bigint; max: bigint; scale: number }): fc.Arbitrary<Decimal> {
  return fc.bigInt({ min, max }).map((units) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)));
}

/** Non-negative quantities with up to 3 decimals, up to 100 000. */
export const quantityArb = decimalArb({ min: 0n, max: 100_000_000n, scale: 3 });
