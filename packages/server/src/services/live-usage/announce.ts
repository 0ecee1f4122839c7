// Publishing usage changes to live usage feeds (feed.ts), after the ingest transaction committed.
// Only customers watched in this process are published, so ingest pays nothing without subscribers.
import type { Scope } from "../../db/tenant-scope.js";
import { customerTopic, type TallyPubSub } from "../../pubsub.js";
import type { UsageChangedListener } from "../meter-events/ingest.js";
import { isWatched } from "./feed.js";

export function announceUsage(pubsub: TallyPubSub, scope: Scope): UsageChangedListener {
  return (changes) => {
    const meterIds = new Map<string, string[]>();
    for (const { customerId, meterId } of changes) {
      const topic = customerTopic(scope, customerId);
      if (!isWatched(pubsub, topic)) continue;
      const ids = meterIds.get(topic);
      if (ids) ids.push(meterId);
      else meterIds.set(topic, [meterId]);
    }
    for (const [topic, ids] of meterIds) pubsub.publish("customerUsageChanged", topic, { meterIds: ids });
  };
}
