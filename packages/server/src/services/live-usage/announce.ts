// Publishing usage changes to live usage feeds (feed.ts), after the ingest transaction committed
// (docs/concepts/customer-sessions.md#live-usage). With a shared pub/sub every change is published,
// since a subscriber may be on another replica and Redis delivers a channel only to replicas
// subscribed to it; in one process, only customers watched here are, so ingest pays nothing without subscribers.
import type { Scope } from "../../db/tenant-scope.js";
import { customerTopic, isShared, type TallyPubSub } from "../../pubsub.js";
import type { UsageChangedListener } from "../meter-events/ingest.js";
import { isWatched } from "./feed.js";

export function announceUsage(pubsub: TallyPubSub, scope: Scope): UsageChangedListener {
  return (changes) => {
    const meterIds = new Map<string, string[]>();
    const everyChange = isShared(pubsub);
    for (const { customerId, meterId } of changes) {
      const topic = customerTopic(scope, customerId);
      if (!everyChange && !isWatched(pubsub, topic)) continue;
      const ids = meterIds.get(topic);
      if (ids) ids.push(meterId);
      else meterIds.set(topic, [meterId]);
    }
    for (const [topic, ids] of meterIds) pubsub.publish("customerUsageChanged", topic, { meterIds: ids });
  };
}
