// The idempotency keys' table (docs/api/idempotency.md): a request claims its key with one insert,
// so that of concurrent requests with one key exactly one runs; the claim then becomes the stored
// response, or is released when there is nothing to store. Raw SQL, not tenant-scoped by
// db/tenant-scope.ts: every tenant statement here filters by account and mode.
import type { Db } from "../../db/transaction.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import { BILLING_TRANSACTION } from "../../db/transaction.js";

/** How long a key's first response is kept and replayed. */
export const KEY_LIFETIME_MS = 24 * 3_600_000;

/**
 * A claim older than this without a response belongs to a request that can no longer be running
 * (its server died): a retry takes it over. The longest request is a test clock advance, whose
 * transaction may wait and run this long; the minute on top is for the rest of the request.
 */
export const CLAIM_LEASE_MS = BILLING_TRANSACTION.maxWait + BILLING_TRANSACTION.timeout + 60_000;

export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

type Claim =
  /** This request runs; it finishes the claim with storeResponse or releaseClaim. */
  | { kind: "claimed"; claimedAt: Date }
  | { kind: "replay"; response: StoredResponse }
  /** The key was first used for a different request. */
  | { kind: "reused" }
  /** The key's first request is still running. */
  | { kind: "in_flight" };

interface KeyRow {
  requestHash: string;
  responseStatus: number | null;
  responseContentType: string | null;
  responseBody: string | null;
}

/**
 * Claims `key` for a request, unless its first request already answered (replay), was a different
 * request (reused) or is still running (in_flight). An expired key, or a claim older than the lease
 * for this same request, is taken over.
 */
export async function claimKey(db: Db, scope: Scope, key: string, requestHash: string, now: Date): Promise<Claim> {
  const expiresAt = new Date(now.getTime() + KEY_LIFETIME_MS);
  const abandonedBefore = new Date(now.getTime() - CLAIM_LEASE_MS);
  // A row can disappear between the two statements (released or purged): then claim again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const claimed = await db.$queryRaw<unknown[]>`
      INSERT INTO "IdempotencyKey" ("accountId", "mode", "key", "requestHash", "createdAt", "expiresAt")
      VALUES (${scope.accountId}, ${scope.mode}::"Mode", ${key}, ${requestHash}, ${now}, ${expiresAt})
      ON CONFLICT ("accountId", "mode", "key") DO UPDATE SET
        "requestHash" = EXCLUDED."requestHash", "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt",
        "responseStatus" = NULL, "responseContentType" = NULL, "responseBody" = NULL
      WHERE "IdempotencyKey"."expiresAt" <= EXCLUDED."createdAt"
        OR ("IdempotencyKey"."responseStatus" IS NULL AND "IdempotencyKey"."requestHash" = EXCLUDED."requestHash"
            AND "IdempotencyKey"."createdAt" <= ${abandonedBefore})
      RETURNING 1 AS "claimed"`;
    if (claimed.length > 0) return { kind: "claimed", claimedAt: now };
    const [row] = await db.$queryRaw<KeyRow[]>`
      SELECT "requestHash", "responseStatus", "responseContentType", "responseBody" FROM "IdempotencyKey"
      WHERE ${scopeClause(scope)} AND "key" = ${key}`;
    if (!row) continue;
    if (row.requestHash !== requestHash) return { kind: "reused" };
    if (row.responseStatus === null) return { kind: "in_flight" };
    return {
      kind: "replay",
      response: { status: row.responseStatus, contentType: row.responseContentType!, body: row.responseBody! },
    };
  }
  return { kind: "in_flight" };
}

/** Turns the claim taken at `claimedAt` into the key's stored response (a claim taken over since is left alone). */
export async function storeResponse(
  db: Db,
  scope: Scope,
  key: string,
  claimedAt: Date,
  response: StoredResponse,
): Promise<void> {
  await db.$executeRaw`
    UPDATE "IdempotencyKey"
    SET "responseStatus" = ${response.status}, "responseContentType" = ${response.contentType},
        "responseBody" = ${response.body}
    WHERE ${scopeClause(scope)} AND "key" = ${key}
      AND "createdAt" = ${claimedAt} AND "responseStatus" IS NULL`;
}

/** Gives the key up: nothing was stored, so its next request runs as if it were the first. */
export async function releaseClaim(db: Db, scope: Scope, key: string, claimedAt: Date): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "IdempotencyKey"
    WHERE ${scopeClause(scope)} AND "key" = ${key}
      AND "createdAt" = ${claimedAt} AND "responseStatus" IS NULL`;
}

/** Keys deleted per statement: short statements, so requests keep being served beside a large purge. */
const PURGE_BATCH = 1000;

/** Deletes every tenant's keys expired at `now`; returns how many. */
export async function purgeExpiredKeys(db: Db, now: Date, signal?: AbortSignal): Promise<number> {
  let purged = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "IdempotencyKey" WHERE ("accountId", "mode", "key") IN (
        SELECT "accountId", "mode", "key" FROM "IdempotencyKey" WHERE "expiresAt" <= ${now} LIMIT ${PURGE_BATCH})`;
    purged += count;
    if (count < PURGE_BATCH || signal?.aborted) return purged;
  }
}
