// Live notifications for GraphQL subscriptions (graphql-yoga's in-memory pub/sub, one per server
// process; subscribers connect to the process that serves them). Topics are per account and mode,
// so a subscriber hears only its own tenant.
import { createPubSub } from "graphql-yoga";
import type { Scope } from "./db/tenant-scope.js";

interface AlertTriggeredMessage {
  triggerId: string;
}

export function createTallyPubSub() {
  return createPubSub<{ usageAlertTriggered: [tenantTopic: string, message: AlertTriggeredMessage] }>();
}

export type TallyPubSub = ReturnType<typeof createTallyPubSub>;

export function tenantTopic(scope: Scope): string {
  return `${scope.accountId}:${scope.mode}`;
}
