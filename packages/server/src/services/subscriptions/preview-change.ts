// previewInvoice with subscriptionChanges (docs/concepts/invoices.md#previews): the change is applied by the same code as
// updateSubscription, in a transaction that is then rolled back, so the preview is the invoice the
// change produces — the ALWAYS_INVOICE invoice, or the next invoice with the pending lines — and
// nothing is stored.
import { composeInvoice } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { BILLING_TRANSACTION } from "../../db/transaction.js";
import { loadBillable } from "../invoices/billable.js";
import type { InvoicePreview } from "../invoices/preview.js";
import { periodEndSnapshot } from "../invoices/snapshot.js";
import { applyChange, findSubscriptionCustomer, type UpdateSubscriptionInput } from "./update.js";
import { byId } from "../../db/tenant-scope.js";

/** Carries the preview out of the transaction it rolls back. */
class Rollback extends Error {
  constructor(readonly preview: InvoicePreview) {
    super("preview rolled back");
  }
}

/** Null for an unknown or canceled subscription, like previewInvoice; a change updateSubscription would refuse throws its error. */
export async function previewChange(
  tenant: Tenant,
  clock: Clock,
  change: UpdateSubscriptionInput,
): Promise<InvoicePreview | null> {
  const found = await tenant.prisma.subscription.findUnique({
    where: byId(tenant.scope, change.id),
    select: { status: true },
  });
  if (found === null || found.status === "CANCELED") return null;
  const customer = await findSubscriptionCustomer(tenant, change.id);
  try {
    await tenant.prisma.$transaction(async (tx) => {
      const applied = await applyChange(tx, tenant.scope, clock, customer, change);
      const subscription = (await loadBillable(tx, tenant.scope, change.id))!;
      const draft = applied.invoice ?? composeInvoice(await periodEndSnapshot(tx, tenant.scope, subscription));
      throw new Rollback({ subscription, draft });
    }, BILLING_TRANSACTION);
  } catch (error) {
    if (error instanceof Rollback) return error.preview;
    throw error;
  }
  throw new Error("A previewed change did not roll back");
}
