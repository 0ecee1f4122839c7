// Where a metered item's billed usage starts in a period: the period's start, or later when the
// item's price started inside it (docs/concepts/subscriptions.md#metered-items-and-changes) or the
// subscription was in its free trial (docs/concepts/subscriptions.md#trials). A start at or after
// the period's end means the item bills no usage in it.
import type { Period } from "@tally/billing";

export function billedUsageStart(
  subscription: { trialEnd: Date | null },
  item: { usageStart: Date | null },
  period: Period,
): Date {
  const starts = [period.start, item.usageStart, subscription.trialEnd].filter((date) => date !== null);
  return new Date(Math.max(...starts.map((date) => date.getTime())));
}
