// The grant a credit purchase buys (docs/concepts/credits.md#purchases): made at once, or when its
// invoice is paid (invoiceRequiresPayment); voiding the unpaid invoice voids the grant (or, not
// made yet, cancels it). Called by the invoice's transitions in their transaction, after the
// invoice's row lock (db/locks.ts: invoice row → grants).
import { toDecimal } from "@tally/billing";
import { lockGrant } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import type { CreditGrant, CreditPurchase } from "../../generated/prisma/client.js";
import { insertGrant } from "./create.js";
import { voidLockedGrant } from "./void.js";
import { byId } from "../../db/tenant-scope.js";

/** Makes the purchase's PAID grant, effective at `now`, and marks the purchase GRANTED. */
export async function grantPurchase(tx: Tx, scope: Scope, purchase: CreditPurchase, now: Date): Promise<CreditGrant> {
  const grant = await insertGrant(tx, scope, {
    customerId: purchase.customerId,
    name: purchase.grantName,
    currency: purchase.currency,
    amount: toDecimal(purchase.amount.toFixed()),
    category: "PAID",
    priority: purchase.grantPriority,
    scope:
      purchase.grantPriceIds.length === 0
        ? { allMeteredPrices: true, priceIds: [] }
        : { allMeteredPrices: false, priceIds: purchase.grantPriceIds },
    effectiveAt: now,
    // An expiry already passed while the invoice waited for payment: the grant lives an instant.
    expiresAt:
      purchase.grantExpiresAt === null
        ? null
        : new Date(Math.max(purchase.grantExpiresAt.getTime(), now.getTime() + 1)),
    at: now,
  });
  await tx.creditPurchase.update({ where: byId(scope, purchase.id), data: { status: "GRANTED", grantId: grant.id } });
  return grant;
}

/** invoice.paid: a purchase waiting for this payment gets its grant now. */
export async function onPurchaseInvoicePaid(tx: Tx, scope: Scope, invoiceId: string, now: Date): Promise<void> {
  const purchase = await tx.creditPurchase.findUnique({ where: { accountId_mode_invoiceId: { ...scope, invoiceId } } });
  if (purchase?.status === "PENDING") await grantPurchase(tx, scope, purchase, now);
}

/** invoice.voided (always unpaid): the purchase is void, and its grant, if made and still live, is voided. */
export async function onPurchaseInvoiceVoided(tx: Tx, scope: Scope, invoiceId: string, now: Date): Promise<void> {
  const purchase = await tx.creditPurchase.findUnique({ where: { accountId_mode_invoiceId: { ...scope, invoiceId } } });
  if (purchase === null || purchase.status === "VOID") return;
  await tx.creditPurchase.update({ where: byId(scope, purchase.id), data: { status: "VOID" } });
  if (purchase.grantId === null) return;
  await lockGrant(tx, scope, purchase.grantId);
  const grant = await tx.creditGrant.findUniqueOrThrow({ where: byId(scope, purchase.grantId) });
  if (grant.voidedAt !== null || grant.expiredAt !== null) return;
  await voidLockedGrant(tx, scope, grant, now);
}
