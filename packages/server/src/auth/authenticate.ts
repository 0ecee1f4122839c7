// Resolving `Authorization: Bearer <key>` to who is calling. Unknown, revoked or expired keys are a
// top-level UNAUTHENTICATED error with HTTP 401, except that reading the schema needs no key.
import { GraphQLError } from "graphql";
import { caches, type CachedApiKey } from "../caches.js";
import type { AppDeps, Auth } from "../context.js";
import type { Database } from "../db/client.js";
import { scopeClause } from "../db/tenant-scope.js";
import type { Mode } from "../generated/prisma/client.js";
import { LruCache } from "../lru.js";
import { isIntrospectionOnly } from "./introspection.js";
import { hashKey, sameSecret } from "./keys.js";
import { unauthenticated } from "./refusals.js";
import { SESSION_ENDED, sessionGrant } from "./session-grants.js";
import { isSessionToken } from "./session-tokens.js";

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * The key a hash names, unless revoked. Requests skip the lookup through `caches.apiKeys`, which
 * every replica forgets on revocation and roll (caches.ts); unknown keys are not remembered.
 */
async function keyOf(database: Database, keyHash: string): Promise<CachedApiKey | null> {
  const cached = caches.apiKeys.get(keyHash);
  if (cached) return cached;
  const key = await database.prisma.apiKey.findUnique({
    where: { keyHash },
    select: { id: true, accountId: true, mode: true, expiresAt: true, revokedAt: true },
  });
  if (!key || key.revokedAt) return null;
  const { revokedAt: _, ...working } = key;
  caches.apiKeys.set(keyHash, working);
  return working;
}

/** When this process last stamped a key's lastUsedAt, by key ID: at most once a minute per key. */
const LAST_USE_PRECISION_MS = 60_000;
const stamped = new LruCache<string, true>(10_000, LAST_USE_PRECISION_MS);

async function stampLastUse(database: Database, key: { id: string; accountId: string; mode: Mode }): Promise<void> {
  const keyId = key.id;
  if (stamped.get(keyId)) return;
  stamped.set(keyId, true);
  // The database's clock, and a no-op when another replica stamped it within the minute.
  await database.sql.$executeRaw`
    UPDATE "ApiKey" SET "lastUsedAt" = now()
    WHERE ${scopeClause(key)} AND "id" = ${keyId} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')`;
}

/**
 * An `Origin` header other than the server's own: a browser calling from another site, where a
 * secret key must never be (docs/concepts/customer-sessions.md#cors).
 */
function isCrossOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && origin !== new URL(request.url).origin;
}

function secretKeyFromBrowser(): GraphQLError {
  return new GraphQLError(
    "Secret keys must not be used from a browser on another origin: create a customer session (createCustomerSession) on your server and send its cs_… token instead. See docs/concepts/customer-sessions.md.",
    { extensions: { code: "FORBIDDEN", http: { status: 403 } } },
  );
}

export async function authenticate(
  request: Request,
  params: { query?: string; operationName?: string | null },
  deps: AppDeps,
): Promise<Auth> {
  // A malformed Authorization header is still refused: its sender meant to use a key.
  if (!request.headers.has("authorization") && isIntrospectionOnly(params)) return { kind: "public" };
  const token = bearerToken(request);
  if (!token) throw unauthenticated("Missing API key: send `Authorization: Bearer <secret key>`.");
  if (isSessionToken(token)) {
    const session = await sessionGrant(deps.database, deps.clock, hashKey(token));
    if (!session) throw unauthenticated(SESSION_ENDED);
    return { kind: "session", scope: session.scope, session };
  }
  if (isCrossOrigin(request)) throw secretKeyFromBrowser();
  if (deps.adminKey && sameSecret(token, deps.adminKey)) return { kind: "operator" };
  const key = await keyOf(deps.database, hashKey(token));
  if (!key) throw unauthenticated("Invalid API key.");
  if (key.expiresAt && key.expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw unauthenticated(`Expired API key: it was rolled and stopped working at ${key.expiresAt.toISOString()}.`);
  }
  await stampLastUse(deps.database, key);
  return { kind: "tenant", scope: { accountId: key.accountId, mode: key.mode } };
}
