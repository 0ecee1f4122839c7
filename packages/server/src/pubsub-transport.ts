// Which pub/sub a server uses (docs/operations/scaling.md#shared-pubsub): with TALLY_PUBSUB_URL
// (redis://…), Redis carries subscriptions' notifications and cache invalidations to every replica;
// without it, they stay in this process, which is right for one process only.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";
import { applyInvalidations, forgetEverything } from "./caches.js";
import type { Logger } from "./logger.js";
import { createTallyPubSub, type TallyEvent, type TallyPubSub } from "./pubsub.js";

export interface OpenPubSub {
  pubsub: TallyPubSub;
  /** True when other replicas hear what this one publishes. */
  shared: boolean;
  close(): Promise<void>;
}

export async function openPubSub(url: string | undefined, logger: Logger): Promise<OpenPubSub> {
  if (!url) return { pubsub: createTallyPubSub(), shared: false, close: async () => {} };
  if (!/^rediss?:\/\//.test(url)) throw new Error(`TALLY_PUBSUB_URL must be a redis:// or rediss:// URL; got ${url}`);
  // A subscribing Redis connection can do nothing else, so publishing needs a second one.
  // Named, so that an operator's CLIENT LIST shows which connections are Tally's, and whose.
  const named = (role: string) => ({ lazyConnect: true, connectionName: `tally-${role}-${process.pid}` });
  const publishClient = new Redis(url, named("publish"));
  const subscribeClient = new Redis(url, named("subscribe"));
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  // Invalidations published while the subscription was down are lost: forget everything instead.
  let closing = false;
  let lost = false;
  subscribeClient.on("close", () => {
    if (closing || lost) return;
    lost = true;
    logger.error("pub/sub connection lost; reconnecting", { url: redacted(url) });
  });
  subscribeClient.on("ready", () => {
    if (lost) forgetEverything();
    lost = false;
  });
  for (const client of [publishClient, subscribeClient]) {
    client.on("error", (error: Error) => logger.error("pub/sub error", { error }));
  }
  const pubsub = createTallyPubSub(createRedisEventTarget<TallyEvent>({ publishClient, subscribeClient }));
  const invalidations = applyInvalidations(pubsub);
  return {
    pubsub,
    shared: true,
    async close() {
      closing = true;
      await invalidations.stop();
      await Promise.all([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

/** The URL without its password, for logs. */
function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
