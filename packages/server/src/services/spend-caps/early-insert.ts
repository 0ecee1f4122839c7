// Whether an ingest transaction of capped customers sends its insert right behind the caps'
// preview reads, before the caps decided (one round trip less under the exclusive usage lock):
// only when the previews read nothing after periodEndReads (which would then see the insert) and
// no cap of the watch refused an event lately in this process. An early insert that a cap then
// refuses part of is rolled back with its transaction (EarlyInsertRefused), which runs again with
// the insert after the decision.
import { LruCache } from "../../lru.js";
import { readsNothingMore } from "../invoices/snapshot.js";
import type { SpendWatch } from "./watch.js";

/** A cap refused events an early insert had sent: the transaction is to run again without it. */
export class EarlyInsertRefused extends Error {}

/** Subscriptions whose cap refused events in the last minute: a hint only, per process. */
const refusedLately = new LruCache<string, true>(10_000, 60_000);

export function insertsEarly(watch: SpendWatch): boolean {
  return watch.subscriptions.every(
    (s) => s.spendCapAmount === null || (readsNothingMore(s) && refusedLately.get(s.id) === undefined),
  );
}

/** Remembers that these subscriptions' caps refused events (after an EarlyInsertRefused). */
export function refusedEarly(subscriptionIds: readonly string[]): void {
  for (const id of subscriptionIds) refusedLately.set(id, true);
}
