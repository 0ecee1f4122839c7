// Live notifications for GraphQL subscriptions and cache invalidations, through graphql-yoga's
// pub/sub: in this process by default, or on every replica when its event target is shared
// (pubsub-transport.ts: Redis with TALLY_PUBSUB_URL). Topics are per account and mode, so a
// subscriber hears only its own tenant.
import { createPubSub, type PubSub, type PubSubEvent, type PubSubEventTarget } from "graphql-yoga";
import type { Scope } from "./db/tenant-scope.js";

interface AlertTriggeredMessage {
  triggerId: string;
}

/** Stored events changed a customer's usage of these meters (docs/concepts/customer-sessions.md#live-usage). */
interface UsageChangedMessage {
  meterIds: string[];
}

/** Cached entries every replica forgets (caches.ts names the caches). */
export interface CacheInvalidation {
  cache: string;
  keys: string[];
}

export type TallyTopics = {
  usageAlertTriggered: [tenantTopic: string, message: AlertTriggeredMessage];
  cacheInvalidated: [message: CacheInvalidation];
  customerUsageChanged: [customerTopic: string, message: UsageChangedMessage];
};

export type TallyEvent = PubSubEvent<TallyTopics, keyof TallyTopics>;

export type TallyPubSub = PubSub<TallyTopics>;

/** Pub/subs whose messages reach every replica, because their event target is shared. */
const sharedPubSubs = new WeakSet<TallyPubSub>();

export function createTallyPubSub(eventTarget?: PubSubEventTarget<TallyTopics>): TallyPubSub {
  const pubsub = createPubSub<TallyTopics>(eventTarget ? { eventTarget } : {});
  if (eventTarget) sharedPubSubs.add(pubsub);
  return pubsub;
}

/** Whether other replicas hear what `pubsub` publishes (a subscriber there may wait for it). */
export function isShared(pubsub: TallyPubSub): boolean {
  return sharedPubSubs.has(pubsub);
}

export function tenantTopic(scope: Scope): string {
  return `${scope.accountId}:${scope.mode}`;
}

export function customerTopic(scope: Scope, customerId: string): string {
  return `${scope.accountId}:${scope.mode}:${customerId}`;
}
