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
  return (await heldByCustomers(db, scope, [{ customerId, now }])).get(customerId)!;
}

/** heldByCurrency for several customers, each at its own now, in one statement; by customer. */
export async function heldByCustomers(
  db: Db,
  scope: Scope,
  customers: ReadonlyArray<{ customerId: string; now: Date }>,
): Promise<Map<string, Map<string, Decimal>>> {
  const held = new Map(customers.map((c) => [c.customerId, new Map<string, Decimal>()]));
  if (customers.length === 0) return held;
  const rows = await db.$queryRaw<Array<{ customerId: string; currency: string; held: string }>>`
    SELECT h."customerId", h."currency", sum(h."amount")::text AS "held"
    FROM "CreditHold" h
    JOIN unnest(${customers.map((c) => c.customerId)}::text[], ${customers.map((c) => c.now)}::timestamptz[]) AS c("customerId", "now")
      ON h."customerId" = c."customerId"
    WHERE ${scopeClause(scope, "h")} AND h."status" = 'ACTIVE' AND h."expiresAt" > c."now"
    GROUP BY h."customerId", h."currency"`;
  for (const row of rows) held.get(row.customerId)!.set(row.currency, toDecimal(row.held));
  return held;
}

/** The held amount in one currency (0 when none). */
export function heldIn(held: ReadonlyMap<string, Decimal>, currency: string): Decimal {
  return held.get(currency) ?? ZERO;
}
