import type { InvoiceLine } from "./invoice-line.js";
import { Decimal, sum } from "./money.js";

/** A credit grant as it stands before an invoice: its remaining balance and the rules that decide whether it applies. */
export interface CreditGrantState {
  id: string;
  currency: string;
  category: "PAID" | "PROMOTIONAL";
  /** 0–100, lower applies first. */
  priority: number;
  effectiveAt: Date;
  expiresAt: Date | null;
  createdAt: Date;
  voidedAt: Date | null;
  remaining: Decimal;
  scope: { allMeteredPrices: true } | { priceIds: string[] };
}

/** What credits need to know of an invoice line: its amount after discounts and tax (docs/concepts/discounts.md#the-order-of-the-steps). */
export interface CreditableLine {
  kind: InvoiceLine["kind"];
  priceId: string | null;
  amount: Decimal;
}

/** How much one grant pays of an invoice. */
export interface CreditApplication {
  grantId: string;
  amount: Decimal;
}

/** Credits applied to an invoice: one application per grant that paid something, and their total. */
export interface CreditResult {
  applications: CreditApplication[];
  total: Decimal;
}

/** True when the grant can pay at `at` in `currency`: effective, unexpired, not voided, same currency, with a balance. */
export function isGrantApplicable(grant: CreditGrantState, currency: string, at: Date): boolean {
  return (
    grant.currency === currency &&
    grant.effectiveAt <= at &&
    (grant.expiresAt === null || grant.expiresAt > at) &&
    (grant.voidedAt === null || grant.voidedAt > at) &&
    grant.remaining.greaterThan(0)
  );
}

function order<T extends number | string>(x: T, y: T): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The order grants apply in (docs/concepts/credits.md#credit-ordering): priority, earliest expiry (none last), PROMOTIONAL first, effectiveAt, createdAt, id. */
export function compareGrants(a: CreditGrantState, b: CreditGrantState): number {
  const expiry = (grant: CreditGrantState) => grant.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const category = (grant: CreditGrantState) => (grant.category === "PROMOTIONAL" ? 0 : 1);
  return (
    order(a.priority, b.priority) ||
    order(expiry(a), expiry(b)) ||
    order(category(a), category(b)) ||
    order(a.effectiveAt.getTime(), b.effectiveAt.getTime()) ||
    order(a.createdAt.getTime(), b.createdAt.getTime()) ||
    order(a.id, b.id)
  );
}

function inScope(grant: CreditGrantState, line: CreditableLine): boolean {
  return (
    line.kind === "USAGE" && ("priceIds" in grant.scope ? grant.scope.priceIds.includes(line.priceId as string) : true)
  );
}

/** What applyCredits needs: the invoice's currency and time, its lines after discounts and tax, and the customer's grants. */
export interface CreditInput {
  currency: string;
  at: Date;
  lines: readonly CreditableLine[];
  grants: readonly CreditGrantState[];
}

/**
 * Applies the customer's grants to an invoice's lines (docs/concepts/credits.md#when-credits-apply): only USAGE lines of prices in a
 * grant's scope; grants in compareGrants order, each over the lines in invoice order; never more
 * than a line's amount or a grant's remaining balance.
 */
export function applyCredits({ currency, at, lines, grants }: CreditInput): CreditResult {
  const open = lines.map((line) => ({ line, unpaid: Decimal.max(line.amount, 0) }));
  const applications: CreditApplication[] = [];
  const usable = grants.filter((grant) => isGrantApplicable(grant, currency, at)).sort(compareGrants);
  for (const grant of usable) {
    let left = grant.remaining;
    for (const entry of open) {
      if (!inScope(grant, entry.line)) continue;
      const paid = Decimal.min(left, entry.unpaid);
      entry.unpaid = entry.unpaid.minus(paid);
      left = left.minus(paid);
    }
    const used = grant.remaining.minus(left);
    if (used.greaterThan(0)) applications.push({ grantId: grant.id, amount: used });
  }
  return { applications, total: sum(applications.map((application) => application.amount)) };
}
