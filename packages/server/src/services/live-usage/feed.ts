// Live usage (docs/concepts/customer-sessions.md#live-usage): one feed per customer and meter
// watched in this process. A change published by ingest (announce.ts) marks it stale; it is then
// recomputed (period-usage.ts) at most once per COALESCE_MS, whatever the number of subscribers or
// events, and each subscriber is handed the latest result at most once per COALESCE_MS. A
// recomputation also waits as long as the last one took, so a feed keeps the database busy half
// the time at most, however loaded it is.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { customerTopic, type TallyPubSub } from "../../pubsub.js";
import { LatestValue } from "./latest-value.js";
import { periodUsage, type UsageUpdate } from "./period-usage.js";

export const COALESCE_MS = 250;
/** Subscribers handed an update per turn of the event loop: a large fan-out lets requests in between. */
const FAN_OUT_SLICE = 25;

async function fanOut(listeners: Set<LatestValue<UsageUpdate>>, update: UsageUpdate): Promise<void> {
  let handed = 0;
  for (const listener of [...listeners]) {
    listener.offer(update);
    if (++handed % FAN_OUT_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

class Feed {
  readonly listeners = new Set<LatestValue<UsageUpdate>>();
  #stale = false;
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #lastStart = Number.NEGATIVE_INFINITY;
  #lastDuration = 0;
  readonly #changes: AsyncIterator<{ meterIds: string[] }>;

  constructor(
    pubsub: TallyPubSub,
    readonly tenant: Tenant,
    readonly clock: Clock,
    readonly customerId: string,
    readonly meterId: string,
  ) {
    this.#changes = pubsub
      .subscribe("customerUsageChanged", customerTopic(tenant.scope, customerId))
      [Symbol.asyncIterator]();
    void this.#listen();
  }

  async #listen(): Promise<void> {
    for (let next = await this.#changes.next(); !next.done; next = await this.#changes.next())
      if (next.value.meterIds.includes(this.meterId)) this.#changed();
  }

  compute(): Promise<UsageUpdate> {
    return periodUsage(this.tenant, this.clock, this.customerId, this.meterId);
  }

  #changed(): void {
    this.#stale = true;
    if (this.#running || this.#timer) return;
    const wait = this.#lastStart + Math.max(COALESCE_MS, 2 * this.#lastDuration) - Date.now();
    if (wait <= 0) void this.#run();
    else
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.#run();
      }, wait);
  }

  async #run(): Promise<void> {
    this.#stale = false;
    this.#running = true;
    this.#lastStart = Date.now();
    try {
      const update = await this.compute();
      this.#lastDuration = Date.now() - this.#lastStart;
      await fanOut(this.listeners, update);
    } catch (error) {
      for (const listener of this.listeners) listener.fail(error);
    } finally {
      this.#running = false;
    }
    if (this.#stale && this.listeners.size > 0) this.#changed();
  }

  stop(): void {
    clearTimeout(this.#timer);
    void this.#changes.return?.();
  }
}

const feeds = new WeakMap<TallyPubSub, Map<string, Feed>>();
/** Feeds per customer topic, so ingest can tell cheaply whether anyone here watches a customer. */
const watchedTopics = new WeakMap<TallyPubSub, Map<string, number>>();

function countWatch(pubsub: TallyPubSub, topic: string, delta: number): void {
  let counts = watchedTopics.get(pubsub);
  if (!counts) watchedTopics.set(pubsub, (counts = new Map()));
  const n = (counts.get(topic) ?? 0) + delta;
  if (n > 0) counts.set(topic, n);
  else counts.delete(topic);
}

/**
 * Whether a feed in this process watches the customer topic: without a shared pub/sub, the only
 * subscribers an event can reach (docs/concepts/customer-sessions.md#live-usage).
 */
export function isWatched(pubsub: TallyPubSub, topic: string): boolean {
  return watchedTopics.get(pubsub)?.has(topic) ?? false;
}

/**
 * The customer's period usage of the meter now, then again after every change, coalesced. The
 * caller has checked that the customer and meter belong to `tenant`.
 */
export function watchUsage(
  pubsub: TallyPubSub,
  tenant: Tenant,
  clock: Clock,
  customerId: string,
  meterId: string,
): LatestValue<UsageUpdate> {
  let byKey = feeds.get(pubsub);
  if (!byKey) feeds.set(pubsub, (byKey = new Map()));
  const topic = customerTopic(tenant.scope, customerId);
  const key = `${topic}:${meterId}`;
  let feed = byKey.get(key);
  if (!feed) {
    byKey.set(key, (feed = new Feed(pubsub, tenant, clock, customerId, meterId)));
    countWatch(pubsub, topic, 1);
  }
  const listener = new LatestValue<UsageUpdate>(COALESCE_MS);
  feed.listeners.add(listener);
  const joined = feed;
  listener.onClose(() => {
    joined.listeners.delete(listener);
    if (joined.listeners.size === 0 && byKey.get(key) === joined) {
      byKey.delete(key);
      countWatch(pubsub, topic, -1);
      joined.stop();
    }
  });
  joined.compute().then(
    (update) => listener.offer(update),
    (error) => listener.fail(error),
  );
  return listener;
}
