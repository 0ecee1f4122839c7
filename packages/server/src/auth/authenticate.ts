// Resolving `Authorization: Bearer <key>` to who is calling. Unknown or missing keys are a
// top-level UNAUTHENTICATED error with HTTP 401, except that reading the schema needs no key.
import { GraphQLError } from "graphql";
import type { AppDeps, Auth } from "../context.js";
import type { Database } from "../db/client.js";
import type { Scope } from "../db/tenant-scope.js";
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
 * Known keys (by hash) and whom they name, per database: a key never changes what it names, so
 * requests skip the lookup; the minute's TTL bounds how long a key removed from the database by
 * hand would still be served. Unknown keys are not remembered.
 */
const knownKeys = new WeakMap<Database, LruCache<string, Scope>>();

async function keyScope(database: Database, keyHash: string): Promise<Scope | null> {
  let cache = knownKeys.get(database);
  if (!cache) knownKeys.set(database, (cache = new LruCache(10_000, 60_000)));
  const cached = cache.get(keyHash);
  if (cached) return cached;
  const key = await database.prisma.apiKey.findUnique({ where: { keyHash }, select: { accountId: true, mode: true } });
  if (!key) return null;
  const scope = { accountId: key.accountId, mode: key.mode };
  cache.set(keyHash, scope);
  return scope;
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
  const scope = await keyScope(deps.database, hashKey(token));
  if (!scope) throw unauthenticated("Invalid API key.");
  return { kind: "tenant", scope };
}
