// Reading and locking credit grants. A customer's grants as the engine sees them
// (CreditGrantState: remaining balance, scope, dates), read in raw SQL so that an invoice being
// finalized reads and locks its grants in one statement; and one grant's row lock, taken by voids
// and expiries. Raw SQL is not tenant-scoped: every query here filters by account and mode.
import { toDecimal, type CreditGrantState } from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/transaction.js";

interface GrantStateQuery {
  customerId: string;
  /** Only grants in this currency (an invoice's); all currencies when absent. */
  currency?: string;
  /**
   * Lock the grants read (`FOR UPDATE`, in id order) until the transaction ends. Finalization
   * asks for it after the customer's usage lock: voids and expiries take the same row locks, so
   * the balances the engine is given are still the balances when the applications are stored.
   */
  lock?: boolean;
}

interface GrantRow {
  id: string;
  currency: string;
  category: "PAID" | "PROMOTIONAL";
  priority: number;
  allMeteredPrices: boolean;
  priceIds: string[] | null;
  effectiveAt: Date;
  expiresAt: Date | null;
  createdAt: Date;
  remaining: unknown;
}

const date = (value: Date) => new Date(value);

/**
 * The customer's grants that can still pay something: not voided, not expired, with a balance.
 * Whether one applies to a given invoice (effective, unexpired at its time, same currency, scope)
 * is the engine's decision.
 */
export async function loadGrantStates(db: Db, scope: Scope, query: GrantStateQuery): Promise<CreditGrantState[]> {
  const { customerId, ...rest } = query;
  return (await loadCustomersGrantStates(db, scope, { ...rest, customerIds: [customerId] })).get(customerId) ?? [];
}

/** loadGrantStates for several customers (a batch of period closes), by customer; locks in id order. */
export async function loadCustomersGrantStates(
  db: Db,
  scope: Scope,
  query: Omit<GrantStateQuery, "customerId"> & { customerIds: readonly string[] },
): Promise<Map<string, CreditGrantState[]>> {
  const rows = await db.$queryRaw<Array<GrantRow & { customerId: string }>>`
    SELECT "id", "customerId", "currency", "category"::text AS "category", "priority", "allMeteredPrices", "priceIds",
           "effectiveAt", "expiresAt", "createdAt", "remaining"
    FROM "CreditGrant"
    WHERE ${scopeClause(scope)}
      AND "customerId" = ANY(${[...query.customerIds]}::text[])
      ${query.currency === undefined ? Prisma.empty : Prisma.sql`AND "currency" = ${query.currency}`}
      AND "voidedAt" IS NULL AND "expiredAt" IS NULL AND "remaining" > 0
    ORDER BY "id"
    ${query.lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  const byCustomer = new Map<string, CreditGrantState[]>(query.customerIds.map((id) => [id, []]));
  for (const row of rows) byCustomer.get(row.customerId)!.push(grantState(row));
  return byCustomer;
}

function grantState(row: GrantRow): CreditGrantState {
  return {
    id: row.id,
    currency: row.currency,
    category: row.category,
    priority: row.priority,
    effectiveAt: date(row.effectiveAt),
    expiresAt: row.expiresAt === null ? null : date(row.expiresAt),
    createdAt: date(row.createdAt),
    // Voided grants are not read at all.
    voidedAt: null,
    remaining: toDecimal(String(row.remaining)),
    scope: row.allMeteredPrices ? { allMeteredPrices: true } : { priceIds: row.priceIds ?? [] },
  };
}
