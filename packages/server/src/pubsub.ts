// Live notifications for GraphQL subscriptions and cache invalidations, through graphql-yoga's
// pub/sub: in this process by default, or on every replica when its event target is shared
// (pubsub-transport.ts: Redis with TALLY_PUBSUB_URL). Topics are per account and mode, so a
// subscriber hears only its own tenant.
import { createPubSub, type PubSubEvent, type PubSubEventTarget } from "graphql-yoga";
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

export function createTallyPubSub(eventTarget?: PubSubEventTarget<TallyTopics>) {
  return createPubSub<TallyTopics>(eventTarget ? { eventTarget } : {});
}

export type TallyPubSub = ReturnType<typeof createTallyPubSub>;

export function tenantTopic(scope: Scope): string {
  return `${scope.accountId}:${scope.mode}`;
}

export function customerTopic(scope: Scope, customerId: string): string {
  return `${scope.accountId}:${scope.mode}:${customerId}`;
}
