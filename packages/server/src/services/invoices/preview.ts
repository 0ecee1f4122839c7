// previewInvoice (docs/concepts/invoices.md#previews): the invoice that would be finalized at the end of the subscription's
// current period — the same snapshot and engine as the real one, with every event recorded so far
// (read-your-writes) — and no side effects.
import { composeInvoice, type InvoiceDraft } from "@tally/billing";
import type { Tenant } from "../../context.js";
import type { BillableSubscription } from "./billable.js";
import { currentBillable } from "./kept-billables.js";
import { periodEndSnapshot } from "./snapshot.js";

export interface InvoicePreview {
  subscription: BillableSubscription;
  draft: InvoiceDraft;
}

/** Null for an unknown subscription and for a canceled one (it has no next invoice). */
export async function previewInvoice(tenant: Tenant, subscriptionId: string): Promise<InvoicePreview | null> {
  // Kept between previews and checked by its stamp (kept-billables.ts): current, or null if not billing.
  const subscription = await currentBillable(tenant, subscriptionId);
  if (!subscription) return null;
  // Usage and credit reads are raw SQL: sent directly, without the ORM's per-statement planning.
  return { subscription, draft: composeInvoice(await periodEndSnapshot(tenant.sql, tenant.scope, subscription)) };
}
