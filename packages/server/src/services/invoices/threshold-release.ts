// Voiding a threshold invoice (docs/concepts/subscriptions.md#billing-thresholds): when it is its
// subscription's latest invoice, the quantities it billed go back to be billed again — the period's
// billed quantities become the previous threshold invoice's, or none when it was the first (so a
// first tier's flat amount is charged again, as it was never paid).
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import type { Invoice } from "../../generated/prisma/client.js";

export async function releaseThresholdBilled(tx: Tx, scope: Scope, invoice: Invoice): Promise<void> {
  const { subscriptionId, periodStart } = invoice;
  if (invoice.billingReason !== "SUBSCRIPTION_THRESHOLD" || subscriptionId === null) return;
  const earlier = await tx.invoice.count({
    where: {
      subscriptionId,
      periodStart,
      billingReason: "SUBSCRIPTION_THRESHOLD",
      status: { notIn: ["DRAFT", "VOID"] },
      id: { not: invoice.id },
    },
  });
  if (earlier === 0) {
    await tx.thresholdBilledUsage.deleteMany({ where: { ...scope, subscriptionId, periodStart } });
    return;
  }
  const billed = await tx.invoiceLine.groupBy({
    by: ["subscriptionItemId"],
    where: { invoiceId: invoice.id, kind: "USAGE", subscriptionItemId: { not: null } },
    _sum: { quantity: true },
  });
  for (const { subscriptionItemId, _sum } of billed) {
    await tx.thresholdBilledUsage.updateMany({
      where: { ...scope, subscriptionId, periodStart, itemId: subscriptionItemId! },
      data: { quantity: { decrement: _sum.quantity! } },
    });
  }
}
