// A ONCE discount applies to one invoice (docs/concepts/discounts.md#durations): the first stored
// invoice it takes something off ends it, at that invoice's time.
import type { DiscountAmount } from "@tally/billing";
import type { Tx } from "../../db/transaction.js";

export async function endUsedOnceDiscounts(tx: Tx, used: readonly DiscountAmount[], at: Date): Promise<void> {
  const ids = used.filter((discount) => discount.amount.greaterThan(0)).map((discount) => discount.discountId);
  if (ids.length === 0) return;
  await tx.discount.updateMany({
    where: { id: { in: ids }, end: null, coupon: { duration: "ONCE" } },
    data: { end: at },
  });
}
