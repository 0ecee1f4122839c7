// Live notifications for GraphQL subscriptions (graphql-yoga's in-memory pub/sub, one per server
// process; subscribers connect to the process that serves them). Topics are per account and mode
// (and per customer for usage), so a subscriber hears only its own tenant. `hasSubscribers` lets a
// publisher on the ingest path skip work nobody listens for.
import { createPubSub } from "graphql-yoga";
import type { Scope } from "./db/tenant-scope.js";

interface AlertTriggeredMessage {
  triggerId: string;
}

/** Stored events changed a customer's usage of these meters (docs/concepts/customer-sessions.md#live-usage). */
interface UsageChangedMessage {
  meterIds: string[];
}

type Channels = {
  usageAlertTriggered: [tenantTopic: string, message: AlertTriggeredMessage];
  customerUsageChanged: [customerTopic: string, message: UsageChangedMessage];
};

type Channel = keyof Channels;

export interface TallyPubSub {
  publish<C extends Channel>(channel: C, ...args: Channels[C]): void;
  subscribe<C extends Channel>(channel: C, topic: Channels[C][0]): AsyncIterableIterator<Channels[C][1]>;
  /** Whether anything listens on the channel's topic (in this process). */
  hasSubscribers(channel: Channel, topic: string): boolean;
}

export function createTallyPubSub(): TallyPubSub {
  const pubsub = createPubSub<Channels>();
  const listening = new Map<string, number>();
  const count = (key: string, delta: number) => {
    const n = (listening.get(key) ?? 0) + delta;
    if (n > 0) listening.set(key, n);
    else listening.delete(key);
  };
  return {
    publish: (channel, ...args) => pubsub.publish(channel, ...(args as never as [string, never])),
    subscribe(channel, topic) {
      const key = `${channel}:${topic}`;
      const source = (pubsub.subscribe as (c: Channel, t: string) => AsyncIterable<never>)(channel, topic)[
        Symbol.asyncIterator
      ]();
      let open = true;
      const close = () => {
        if (open) count(key, -1);
        open = false;
      };
      count(key, 1);
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        async next() {
          const result = await source.next();
          if (result.done) close();
          return result;
        },
        return(value?: unknown) {
          close();
          return source.return?.(value) ?? Promise.resolve({ done: true, value });
        },
        throw(error?: unknown) {
          close();
          return source.throw?.(error) ?? Promise.reject(error);
        },
      } as AsyncIterableIterator<never>;
    },
    hasSubscribers: (channel, topic) => listening.has(`${channel}:${topic}`),
  };
}

export function tenantTopic(scope: Scope): string {
  return `${scope.accountId}:${scope.mode}`;
}

export function customerTopic(scope: Scope, customerId: string): string {
  return `${scope.accountId}:${scope.mode}:${customerId}`;
}
