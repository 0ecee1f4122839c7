// What every GraphQL request carries: who is calling, and for tenants the scoped database.
import type { SessionGrant } from "./auth/session-grants.js";
import { invalidate, type CacheName } from "./caches.js";
import type { Clock } from "./clock.js";
import type { ServerConfig } from "./config.js";
import type { Database } from "./db/client.js";
import type { Db } from "./db/transaction.js";
import { createRowLoaders, type RowLoaders } from "./schema/loaders/row-loaders.js";
import { scopedClient, type Scope } from "./db/tenant-scope.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Logger } from "./logger.js";
import type { TallyPubSub } from "./pubsub.js";
import type { MeterEventStream } from "./services/meter-events/stream/connection.js";

export interface AppDeps {
  database: Database;
  /** Limits, HTTP settings and the webhook address rule (config.ts). */
  config: ServerConfig;
  clock: Clock;
  logger: Logger;
  /** TALLY_ADMIN_KEY: the operator key; no operator access without it. */
  adminKey: string | undefined;
  /** Live notifications and cache invalidations, shared by every replica when configured (pubsub-transport.ts). */
  pubsub: TallyPubSub;
  /** The streamed ingest's JetStream stream (TALLY_INGEST=jetstream); absent: events are stored directly. */
  stream?: MeterEventStream | null;
}

/**
 * "public": no key, allowed only for requests that read nothing but the schema (auth/introspection.ts).
 * "session": a customer session token, reading its customer's `viewer` only (http/session-surface.ts).
 */
export type Auth =
  | { kind: "tenant"; scope: Scope }
  | { kind: "session"; scope: Scope; session: SessionGrant }
  | { kind: "operator" }
  | { kind: "public" };

export interface Tenant {
  scope: Scope;
  /** Prisma scoped to the tenant's account and mode (db/tenant-scope.ts). */
  prisma: PrismaClient;
  /** Raw SQL outside transactions, for hot reads (db/direct-sql.ts); it is not scoped: filter by `scope`. */
  sql: Db;
  /** A plain SQL transaction without Prisma (Database.transaction), for the ingest path; not scoped either. */
  transaction: Database["transaction"];
  /** The request's rows by id, batched (schema/loaders/row-loaders.ts), for nested reads. */
  rows: RowLoaders;
  /** Forgets cached entries here and on every replica (caches.ts), after a change to what they hold. */
  forget(cache: CacheName, keys: string[]): void;
}

export interface Context {
  deps: AppDeps;
  auth: Auth;
  tenant: Tenant | null;
  /** The server's live notifications (GraphQL subscriptions). */
  pubsub: TallyPubSub;
  /** Where clients reach this server: TALLY_PUBLIC_URL, else the request's origin (links in answers). */
  publicUrl: string;
}

/** A tenant's view of the database, for a request or for a job acting in one account and mode. */
export function tenantOf(deps: Pick<AppDeps, "database" | "pubsub">, scope: Scope): Tenant {
  return {
    scope,
    prisma: scopedClient(deps.database.prisma, scope),
    sql: deps.database.sql,
    transaction: deps.database.transaction,
    rows: createRowLoaders(deps.database.sql, scope),
    forget: (cache: CacheName, keys: string[]) => invalidate(deps.pubsub, cache, keys),
  };
}

export function createContext(deps: AppDeps, auth: Auth, requestUrl: string): Context {
  const tenant = auth.kind === "tenant" || auth.kind === "session" ? tenantOf(deps, auth.scope) : null;
  return {
    deps,
    auth,
    tenant,
    pubsub: deps.pubsub,
    publicUrl: deps.config.http.publicUrl ?? new URL(requestUrl).origin,
  };
}
