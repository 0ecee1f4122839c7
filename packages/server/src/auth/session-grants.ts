// A customer session token → what it grants, or null once expired or revoked. Validity is cached
// for at most SESSION_CACHE_MS, so every replica refuses a revoked session within a second without
// listening for revocations (docs/concepts/customer-sessions.md#expiry-and-revocation).
import type { GraphQLError } from "graphql";
import type { Clock } from "../clock.js";
import type { Database } from "../db/client.js";
import { byId, type Scope } from "../db/tenant-scope.js";
import type { CustomerSessionScope } from "../generated/prisma/client.js";
import { LruCache } from "../lru.js";
import { unauthenticated } from "./refusals.js";
import { secretTarget } from "./secret-lookups.js";

export const SESSION_ENDED = "This customer session has expired or was revoked: create a new one.";

/** Below the 1 s bound on refusing a revoked session, with room for the lookup itself. */
export const SESSION_CACHE_MS = 500;

export interface SessionGrant {
  id: string;
  tokenHash: string;
  scope: Scope;
  customerId: string;
  scopes: CustomerSessionScope[];
  /** Empty: every meter. */
  meterIds: string[];
  expiresAt: Date;
}

const cached = new WeakMap<Database, LruCache<string, SessionGrant | null>>();
/** Lookups under way: the many streams of one session (a portal's tabs, a fan-out) share one. */
const inFlight = new WeakMap<Database, Map<string, Promise<SessionGrant | null>>>();

async function lookUp(database: Database, tokenHash: string): Promise<SessionGrant | null> {
  const target = await secretTarget(database.prisma, "CUSTOMER_SESSION", tokenHash);
  const row = target && (await database.prisma.customerSession.findUnique({ where: byId(target.scope, target.id) }));
  return row && !row.revokedAt
    ? {
        id: row.id,
        tokenHash,
        scope: { accountId: row.accountId, mode: row.mode },
        customerId: row.customerId,
        scopes: row.scopes,
        meterIds: row.meterIds,
        expiresAt: row.expiresAt,
      }
    : null;
}

/** The live grant of a token (by hash); unknown, revoked and expired tokens alike are null. */
export async function sessionGrant(database: Database, clock: Clock, tokenHash: string): Promise<SessionGrant | null> {
  let cache = cached.get(database);
  if (!cache) cached.set(database, (cache = new LruCache(10_000, SESSION_CACHE_MS)));
  let grant = cache.get(tokenHash);
  if (grant === undefined) {
    let pending = inFlight.get(database);
    if (!pending) inFlight.set(database, (pending = new Map()));
    let lookup = pending.get(tokenHash);
    if (!lookup) {
      const started = lookUp(database, tokenHash);
      lookup = started.finally(() => pending.delete(tokenHash));
      pending.set(tokenHash, lookup);
      grant = await lookup;
      cache.set(tokenHash, grant);
    } else grant = await lookup;
  }
  return grant && grant.expiresAt > clock.now() ? grant : null;
}

/** Whether a session granted earlier has since expired or been revoked (for long-lived streams). */
export async function sessionEnded(database: Database, clock: Clock, grant: SessionGrant): Promise<boolean> {
  return (await sessionGrant(database, clock, grant.tokenHash)) === null;
}

/** How often a long-lived stream re-checks its session: with the cache, an end is seen within a second. */
const WATCH_EVERY_MS = 400;

/**
 * Calls `onEnd` with the refusal once the session expires or is revoked (streams outlive the
 * request that authenticated them); answers the function that stops watching.
 */
export function watchSession(
  database: Database,
  clock: Clock,
  grant: SessionGrant,
  onEnd: (error: GraphQLError) => void,
): () => void {
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    sessionEnded(database, clock, grant)
      .then((ended) => ended && onEnd(unauthenticated(SESSION_ENDED)))
      .catch(() => {}) // a failed check is retried at the next tick
      .finally(() => (checking = false));
  }, WATCH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
