// Every process-wide cache of database facts, by name (docs/operations/caches.md). A change to a
// cached fact that can change (a key revoked or rolled, a meter's status, an alert on a meter) is
// forgotten by this process at once and by every other replica through the pub/sub; a replica
// that may have missed messages (its pub/sub connection dropped) forgets everything.
import type { Decimal } from "@tally/billing";
import type { Scope } from "./db/tenant-scope.js";
import type { Meter, Mode } from "./generated/prisma/client.js";
import { LruCache } from "./lru.js";
import type { CacheInvalidation, TallyPubSub } from "./pubsub.js";

/** What an API key names, by the hash of the key (auth/authenticate.ts). */
export interface CachedApiKey {
  id: string;
  accountId: string;
  mode: Mode;
  /** The key works until then (a rolled key); null: until revoked. */
  expiresAt: Date | null;
}

/** Without a shared pub/sub, how long an entry that can change is served (several replicas on PostgreSQL). */
export const UNSHARED_TTL_MS = 1_000;
/** With one (or one process), a safety net only: invalidations arrive within milliseconds. */
const SHARED_TTL_MS = 60_000;

export const caches = {
  /** API keys by key hash. Revoking and rolling change them. */
  apiKeys: new LruCache<string, CachedApiKey>(10_000, SHARED_TTL_MS),
  /** ACTIVE meters by `tenantKey(scope, eventName)`; deactivating and renaming change them. */
  activeMeters: new LruCache<string, Meter>(10_000, SHARED_TTL_MS),
  /**
   * Whether a customer has a billing subscription with a spend cap, and one with billing thresholds,
   * by `tenantKey(scope, customerId)`; changing either forgets it.
   */
  spendCaps: new LruCache<string, { cap: boolean; threshold: boolean }>(100_000, SHARED_TTL_MS),
  /** The tenant's active money alerts (SPEND, CREDIT_BALANCE, FORECAST) by `tenantKey(scope, "")`; creating and archiving one forgets it. */
  moneyAlerts: new LruCache<string, Array<{ meterId: string; customerId: string | null }>>(10_000, SHARED_TTL_MS),
  /**
   * A customer's auto-recharge currency and threshold (null: none), by `tenantKey(scope, customerId)`: ingest of a customer
   * without one costs no lookup (services/credit-purchases/auto-recharge.ts); setting it forgets it.
   */
  creditRechargeWatch: new LruCache<string, { currency: string; threshold: Decimal } | null>(100_000, SHARED_TTL_MS),
  /** Customers' test clock IDs (null: the wall clock) by `tenantKey(scope, customerId)`; set at creation, never changed. */
  customerClocks: new LruCache<string, string | null>(100_000),
};

export type CacheName = keyof typeof caches;

/** The changeable caches: those whose entries expire when no shared pub/sub carries invalidations. */
const CHANGEABLE: CacheName[] = ["apiKeys", "activeMeters", "spendCaps", "moneyAlerts", "creditRechargeWatch"];

/** A cache key that carries the account and mode, so a tenant never sees another's entries. */
export function tenantKey(scope: Scope, name: string): string {
  return `${scope.accountId}:${scope.mode}:${name}`;
}

function forget({ cache, keys }: CacheInvalidation): void {
  // A newer replica may name a cache this one does not have: nothing to forget here.
  const entries = Object.hasOwn(caches, cache) ? caches[cache as CacheName] : undefined;
  if (entries) for (const key of keys) (entries as LruCache<string, unknown>).delete(key);
}

/** Forgets `keys` of `cache` here now, and on every replica that shares `pubsub`. */
export function invalidate(pubsub: TallyPubSub, cache: CacheName, keys: string[]): void {
  forget({ cache, keys });
  pubsub.publish("cacheInvalidated", { cache, keys });
}

/** Empties every cache: after a gap in the pub/sub, when invalidations may have been missed. */
export function forgetEverything(): void {
  for (const cache of Object.values(caches)) cache.clear();
}

/**
 * Serves changeable entries for at most UNSHARED_TTL_MS when replicas may share a database without
 * sharing a pub/sub (PostgreSQL without TALLY_PUBSUB_URL), else for the safety net's minute.
 */
export function setChangeableTtl(ttlMs: number): void {
  for (const name of CHANGEABLE) caches[name].ttlMs = ttlMs;
}

/** Applies other replicas' invalidations as they arrive, until stop(). */
export function applyInvalidations(pubsub: TallyPubSub): { stop(): Promise<void> } {
  const messages = pubsub.subscribe("cacheInvalidated");
  const done = (async () => {
    for await (const message of messages) forget(message);
  })();
  return {
    async stop() {
      await messages.return?.();
      await done;
    },
  };
}
