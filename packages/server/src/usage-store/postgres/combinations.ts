// Combinations of dimension values (MeterDimensionCombination, docs/concepts/meter-events.md#dimensions):
// events and rollups refer to their combination by id, and a meter keeps at most
// MAX_COMBINATIONS_PER_MONTH per customer per UTC month. Known combinations are cached per process
// (a combination is never changed or deleted); a new one is added under the (meter, customer,
// month) lock (db/locks.ts), which makes the limit exact under concurrent batches.
import { MAX_COMBINATIONS_PER_MONTH } from "@tally/billing";
import { lockDimensionCombinations } from "../../db/locks.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { LruCache } from "../../lru.js";
import type { CombinationRequest } from "../store.js";

/** Committed combinations' ids by account, mode, meter, customer, month and values. */
const known = new LruCache<string, bigint>(100_000);

const monthOf = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

interface Key {
  meterId: string;
  customerId: string;
  month: Date;
  values: string;
}

/** A stored row's key: jsonb's text spaces its array, so it is written again as the batch writes it. */
const keyOfRow = (r: Key): Key => ({ ...r, month: new Date(r.month), values: JSON.stringify(JSON.parse(r.values)) });

const cacheKey = (scope: Scope, k: Key) =>
  `${scope.accountId}:${scope.mode}:${k.meterId}:${k.customerId}:${k.month.toISOString()}:${k.values}`;

/** The stored combinations among `keys`, by cache key. */
async function stored(db: Db, scope: Scope, keys: readonly Key[]): Promise<Map<string, bigint>> {
  const rows = await db.$queryRaw<Array<Key & { id: bigint }>>`
    SELECT c."id", c."meterId", c."customerId", c."month", c."values"::text AS "values"
    FROM "MeterDimensionCombination" c
    JOIN unnest(${keys.map((k) => k.meterId)}::text[], ${keys.map((k) => k.customerId)}::text[],
                ${keys.map((k) => k.month)}::timestamptz[], ${keys.map((k) => k.values)}::jsonb[])
      AS w("meterId", "customerId", "month", "values")
      ON c."meterId" = w."meterId" AND c."customerId" = w."customerId" AND c."month" = w."month" AND c."values" = w."values"
    WHERE ${scopeClause(scope, "c")}`;
  return new Map(rows.map((r) => [cacheKey(scope, keyOfRow(r)), BigInt(r.id)]));
}

/**
 * Each request's combination id (0: no values), or null when it would be its meter's and
 * customer's 1,001st combination of the month. Run in the ingest transaction: combinations added
 * here are rolled back with it.
 */
export async function recordCombinations(
  tx: Db,
  scope: Scope,
  requests: readonly CombinationRequest[],
): Promise<Array<bigint | null>> {
  const keys = requests.map((r): Key | null =>
    r.values === null || r.values.every((v) => v === null)
      ? null
      : { meterId: r.meterId, customerId: r.customerId, month: monthOf(r.timestamp), values: JSON.stringify(r.values) },
  );
  const ids = new Map<string, bigint | null>();
  const unknown = new Map<string, Key>();
  for (const key of keys) {
    if (key === null) continue;
    const name = cacheKey(scope, key);
    const id = known.get(name);
    if (id !== undefined) ids.set(name, id);
    else unknown.set(name, key);
  }
  if (unknown.size > 0) {
    for (const [name, id] of await stored(tx, scope, [...unknown.values()])) {
      ids.set(name, id);
      known.set(name, id);
      unknown.delete(name);
    }
  }
  if (unknown.size > 0) {
    for (const [name, id] of await addCombinations(tx, scope, [...unknown.values()])) ids.set(name, id);
  }
  return keys.map((key) => (key === null ? 0n : ids.get(cacheKey(scope, key))!));
}

/**
 * Adds new combinations, in the order the batch first carries them, while their (meter, customer,
 * month) has fewer than MAX_COMBINATIONS_PER_MONTH; the rest get null. Ids are not cached: the
 * transaction may still roll back.
 */
async function addCombinations(tx: Db, scope: Scope, keys: readonly Key[]): Promise<Map<string, bigint | null>> {
  const monthKey = (k: Key) => `${k.meterId}:${k.customerId}:${k.month.toISOString()}`;
  const months = [...new Map(keys.map((k) => [monthKey(k), k])).values()];
  await lockDimensionCombinations(tx, months.map(monthKey));
  // Under the lock: what concurrent batches committed meanwhile, and how many each month holds.
  const ids = new Map<string, bigint | null>(await stored(tx, scope, keys));
  const counts = await tx.$queryRaw<Array<{ meterId: string; customerId: string; month: Date; count: bigint }>>`
    SELECT c."meterId", c."customerId", c."month", count(*) AS "count"
    FROM "MeterDimensionCombination" c
    JOIN unnest(${months.map((k) => k.meterId)}::text[], ${months.map((k) => k.customerId)}::text[], ${months.map((k) => k.month)}::timestamptz[])
      AS w("meterId", "customerId", "month")
      ON c."meterId" = w."meterId" AND c."customerId" = w."customerId" AND c."month" = w."month"
    WHERE ${scopeClause(scope, "c")}
    GROUP BY 1, 2, 3`;
  const held = new Map(counts.map((c) => [monthKey({ ...c, month: new Date(c.month), values: "" }), Number(c.count)]));
  const added: Key[] = [];
  for (const key of keys) {
    const name = cacheKey(scope, key);
    if (ids.has(name)) continue;
    const month = monthKey(key);
    const count = held.get(month) ?? 0;
    if (count >= MAX_COMBINATIONS_PER_MONTH) {
      ids.set(name, null);
      continue;
    }
    held.set(month, count + 1);
    added.push(key);
  }
  if (added.length > 0) {
    const rows = await tx.$queryRaw<Array<Key & { id: bigint }>>`
      INSERT INTO "MeterDimensionCombination" ("accountId", "mode", "meterId", "customerId", "month", "values")
      SELECT ${scope.accountId}, ${scope.mode}::"Mode", w.*
      FROM unnest(${added.map((k) => k.meterId)}::text[], ${added.map((k) => k.customerId)}::text[],
                  ${added.map((k) => k.month)}::timestamptz[], ${added.map((k) => k.values)}::jsonb[])
        AS w("meterId", "customerId", "month", "values")
      RETURNING "id", "meterId", "customerId", "month", "values"::text AS "values"`;
    for (const r of rows) ids.set(cacheKey(scope, keyOfRow(r)), BigInt(r.id));
  }
  return ids;
}

/** The values of these combinations, by id (in the order of the meter's dimension keys). */
export async function combinationValues(
  db: Db,
  scope: Scope,
  ids: readonly bigint[],
): Promise<Map<bigint, Array<string | null>>> {
  const wanted = [...new Set(ids.filter((id) => id !== 0n))];
  if (wanted.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: bigint; values: string }>>`
    SELECT c."id", c."values"::text AS "values" FROM "MeterDimensionCombination" c
    WHERE c."id" = ANY(${wanted.map(String)}::bigint[]) AND ${scopeClause(scope, "c")}`;
  return new Map(rows.map((r) => [BigInt(r.id), JSON.parse(r.values) as Array<string | null>]));
}
