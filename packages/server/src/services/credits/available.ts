// The one rule of a customer's available credit (docs/concepts/credits.md#available-balance): what
// the grants that pay every metered price have left at the customer's now, less the active holds,
// less what those grants would pay of the current periods' usage if it were invoiced now. Holds
// reserve against it and auto-recharge watches it; the preview part is computed by the caller
// (invoices/credit-balance.ts), with the previews' engine.
import { toDecimal, ZERO, type Decimal } from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";

export interface AvailableCreditParts {
  /** Σ remaining of the unscoped grants effective, unexpired and not voided at now. */
  remaining: Decimal;
  /** Σ of the active holds (unexpired at now, neither captured nor released). */
  held: Decimal;
  /** What those grants would pay of the current periods' usage if it were invoiced now. */
  previewCovered: Decimal;
}

/** grants − applications (their `remaining`) − active holds − the usage the preview's credits cover. */
export function availableCreditBalance(parts: AvailableCreditParts): Decimal {
  return parts.remaining.minus(parts.held).minus(parts.previewCovered);
}

/**
 * The customer's active holds per currency at `now`: a hold past its expiresAt no longer counts,
 * whether or not the periodic job has marked it EXPIRED yet (expiry is lazy on read).
 */
export async function heldByCurrency(
  db: Db,
  scope: Scope,
  customerId: string,
  now: Date,
): Promise<Map<string, Decimal>> {
  const rows = await db.$queryRaw<Array<{ currency: string; held: string }>>`
    SELECT "currency", sum("amount")::text AS "held" FROM "CreditHold"
    WHERE ${scopeClause(scope)} AND "customerId" = ${customerId} AND "status" = 'ACTIVE' AND "expiresAt" > ${now}
    GROUP BY "currency"`;
  return new Map(rows.map((row) => [row.currency, toDecimal(row.held)]));
}

/** The held amount in one currency (0 when none). */
export function heldIn(held: ReadonlyMap<string, Decimal>, currency: string): Decimal {
  return held.get(currency) ?? ZERO;
}
