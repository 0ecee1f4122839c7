// Tenancy enforced in one place: a Prisma client extension that scopes every query on a tenant
// model (any model with `accountId` and `mode`) to the request's account and mode. Reads and
// updates get the scope added to their `where`; writes must carry the same scope in their data, or
// the query is refused. Raw SQL does not pass through the extension: it filters with scopeClause.
import { getDatamodel } from "../generated/pothos-types.js";
import { Prisma, type Mode, type PrismaClient } from "../generated/prisma/client.js";
import { LruCache } from "../lru.js";

export interface Scope {
  accountId: string;
  mode: Mode;
}

/** The tenant filter of raw SQL, `"accountId" = … AND "mode" = …`, on `alias`'s columns when given. */
export function scopeClause(scope: Scope, alias?: string): Prisma.Sql {
  const column = (name: string) => Prisma.raw(alias ? `${alias}."${name}"` : `"${name}"`);
  return Prisma.sql`${column("accountId")} = ${scope.accountId} AND ${column("mode")} = ${scope.mode}::"Mode"`;
}

/**
 * The key of one entity row, `(accountId, mode, id)` (docs/operations/scaling.md#past-one-postgresql):
 * the `where` of every findUnique, update, upsert and delete of a row by its id.
 */
export function byId(scope: Scope, id: string): { accountId_mode_id: { accountId: string; mode: Mode; id: string } } {
  return { accountId_mode_id: { accountId: scope.accountId, mode: scope.mode, id } };
}

/**
 * A raw join's `a."accountId" = b."accountId" AND a."mode" = b."mode"`: with it the planner reaches
 * the joined row by its (accountId, mode, id) key.
 */
export function sameTenant(a: string, b: string): Prisma.Sql {
  return Prisma.raw(`${a}."accountId" = ${b}."accountId" AND ${a}."mode" = ${b}."mode"`);
}

const TENANT_MODELS = new Set(
  Object.entries(getDatamodel().datamodel.models)
    .filter(([, m]) => ["accountId", "mode"].every((f) => m.fields.some((field) => field.name === f)))
    .map(([name]) => name),
);

function isTenantModel(model: string): boolean {
  return TENANT_MODELS.has(model);
}

const FILTERED = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
  "upsert",
]);

function assertScoped(data: unknown, scope: Scope, model: string): void {
  const rows = Array.isArray(data) ? data : [data];
  for (const row of rows as Array<Record<string, unknown>>) {
    if (row.accountId !== scope.accountId || row.mode !== scope.mode) {
      throw new Error(`Tenancy violation: ${model} written without the request's account and mode`);
    }
  }
}

/**
 * Scoped clients by base client and scope: building one ($extends) cost more CPU than the rest of
 * a small request's own work, and a scope's client never changes.
 */
const scopedClients = new WeakMap<PrismaClient, LruCache<string, PrismaClient>>();

export function scopedClient(prisma: PrismaClient, scope: Scope): PrismaClient {
  let clients = scopedClients.get(prisma);
  if (!clients) scopedClients.set(prisma, (clients = new LruCache(10_000)));
  const key = `${scope.accountId}:${scope.mode}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = extendWithScope(prisma, scope)));
  return client;
}

function extendWithScope(prisma: PrismaClient, scope: Scope): PrismaClient {
  return prisma.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!isTenantModel(model)) return query(args);
          const a = args as Record<string, unknown>;
          if (FILTERED.has(operation)) {
            a.where = { ...(a.where as object | undefined), accountId: scope.accountId, mode: scope.mode };
          }
          if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
            assertScoped(a.data, scope, model);
          }
          if (operation === "upsert") assertScoped(a.create, scope, model);
          return query(a as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
