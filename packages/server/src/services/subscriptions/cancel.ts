// cancelSubscription (docs/concepts/subscriptions.md#cancel): at period end (the last invoice then carries only that period's
// usage), or now with a final invoice for the usage not yet invoiced — we never drop usage.
import { composeInvoice } from "@tally/billing";
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Subscription } from "../../generated/prisma/client.js";
import { closeDuePeriods } from "../billing-cycle/close-period.js";
import { lockSubscription, lockedCustomerNow } from "../../db/locks.js";
import { BILLING_TRANSACTION } from "../../db/transaction.js";
import { recordEvent } from "../event-log/record.js";
import { subscriptionEventData } from "../event-log/serializers.js";
import { finalSnapshot } from "../invoices/snapshot.js";
import { storeFinalizedInvoice } from "../invoices/store.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { loadBillable } from "../invoices/billable.js";
import { isBilling } from "../../db/billing-status.js";
import { byId } from "../../db/tenant-scope.js";

export interface CancelSubscriptionInput {
  id: string;
  atPeriodEnd: boolean;
}

export async function cancelSubscription(
  tenant: Tenant,
  clock: Clock,
  input: CancelSubscriptionInput,
): Promise<Subscription> {
  const { scope } = tenant;
  const found = await tenant.prisma.subscription.findUnique({
    where: byId(scope, input.id),
    select: { customer: { select: { testClockId: true } } },
  });
  if (!found) throw new NotFoundError(`No subscription ${input.id}`, ["input", "id"]);

  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, found.customer, clock);
    await lockSubscription(tx, scope, input.id);
    // A period that has ended but not been closed yet (the scheduler runs every few seconds) is
    // invoiced first, so cancelling never skips it.
    await closeDuePeriods(tx, scope, input.id, now);
    const subscription = (await loadBillable(tx, scope, input.id))!;
    if (!isBilling(subscription.status)) {
      throw new InvalidInputError(
        `Subscription ${input.id} is already canceled`,
        ["input", "id"],
        "SUBSCRIPTION_NOT_ACTIVE",
      );
    }
    if (input.atPeriodEnd) {
      const updated = await tx.subscription.update({
        where: byId(scope, input.id),
        data: { cancelAtPeriodEnd: true },
        include: { items: true },
      });
      await recordEvent(tx, scope, "customer.subscription.updated", subscriptionEventData(updated));
      return updated;
    }
    await lockCustomersUsage(tx, [subscription.customerId], "exclusive");
    const draft = composeInvoice(await finalSnapshot(tx, scope, subscription, now));
    await storeFinalizedInvoice(tx, scope, { subscription, billingReason: "SUBSCRIPTION_CANCEL", draft, at: now });
    const canceled = await tx.subscription.update({
      where: byId(scope, input.id),
      data: { status: "CANCELED", canceledAt: now, cancelAtPeriodEnd: false },
      include: { items: true },
    });
    await recordEvent(tx, scope, "customer.subscription.deleted", subscriptionEventData(canceled));
    return canceled;
  }, BILLING_TRANSACTION);
}
