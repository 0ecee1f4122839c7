// Managing an account's secret keys (docs/api/authentication.md#managing-keys): create, roll (the
// old key keeps working for a grace period, as Stripe's roll), revoke and list. Every change that
// can make a key stop working is forgotten by every replica's cache (caches.ts). A key manages
// only the keys of its own account and mode (the scoped client).
import { generateSecretKey, hashKey, keyHint } from "../auth/keys.js";
import type { Clock } from "../clock.js";
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { ApiKey, Mode } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { byId } from "../db/tenant-scope.js";

/** A new key and its secret, which is shown only here, once. */
export interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

/** The longest grace period of a rolled key: 7 days, as Stripe's longest. */
export const MAX_ROLL_EXPIRES_IN_SECONDS = 7 * 24 * 3600;

const MAX_NAME_LENGTH = 100;

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(`name must be 1–${MAX_NAME_LENGTH} characters`, ["input", "name"]);
  }
  return trimmed;
}

async function insertKey(tenant: Tenant, name: string, expiresAt: Date | null): Promise<CreatedApiKey> {
  const secret = generateSecretKey(tenant.scope.mode);
  const apiKey = await tenant.prisma.apiKey.create({
    data: { id: newId("ApiKey"), ...tenant.scope, keyHash: hashKey(secret), hint: keyHint(secret), name, expiresAt },
  });
  return { apiKey, secret };
}

export async function createApiKey(
  tenant: Tenant,
  clock: Clock,
  input: { name: string; mode: Mode; expiresAt?: Date | null },
): Promise<CreatedApiKey> {
  const name = checkedName(input.name);
  if (input.mode !== tenant.scope.mode) {
    throw new InvalidInputError(
      `A ${tenant.scope.mode}-mode key creates ${tenant.scope.mode}-mode keys only: use a sk_${input.mode}_ key to create a ${input.mode}-mode key.`,
      ["input", "mode"],
    );
  }
  if (input.expiresAt && input.expiresAt.getTime() <= clock.now().getTime()) {
    throw new InvalidInputError("expiresAt must be in the future", ["input", "expiresAt"]);
  }
  return insertKey(tenant, name, input.expiresAt ?? null);
}

/** A key that still works: not revoked, not expired. */
async function workingKey(tenant: Tenant, clock: Clock, id: string): Promise<ApiKey> {
  const key = await tenant.prisma.apiKey.findUnique({ where: byId(tenant.scope, id) });
  const expired = key?.expiresAt && key.expiresAt.getTime() <= clock.now().getTime();
  if (!key || key.revokedAt || expired) throw new NotFoundError(`No active API key ${id}`, ["input", "id"]);
  return key;
}

/**
 * A new key with the old one's name and no expiry; the old key stops working `expiresInSeconds`
 * from now (0: at once), or at its own expiry when that is sooner.
 */
export async function rollApiKey(
  tenant: Tenant,
  clock: Clock,
  input: { id: string; expiresInSeconds: number },
): Promise<CreatedApiKey> {
  const { expiresInSeconds } = input;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 0 || expiresInSeconds > MAX_ROLL_EXPIRES_IN_SECONDS) {
    throw new InvalidInputError(
      `expiresIn must be a whole number of seconds from 0 to ${MAX_ROLL_EXPIRES_IN_SECONDS} (7 days)`,
      ["input", "expiresIn"],
    );
  }
  const old = await workingKey(tenant, clock, input.id);
  const graceEnd = new Date(clock.now().getTime() + expiresInSeconds * 1000);
  const oldEnd = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
  // Only a key still working is shortened: two rolls at once leave one winner and one NOT_FOUND.
  const { count } = await tenant.prisma.apiKey.updateMany({
    where: { id: old.id, revokedAt: null, expiresAt: old.expiresAt },
    data: { expiresAt: oldEnd },
  });
  if (count === 0) throw new NotFoundError(`No active API key ${input.id}`, ["input", "id"]);
  tenant.forget("apiKeys", [old.keyHash]);
  return insertKey(tenant, old.name, null);
}

/** The key stops working on every replica at once (within the pub/sub's delivery). */
export async function revokeApiKey(tenant: Tenant, clock: Clock, id: string): Promise<ApiKey> {
  const key = await tenant.prisma.apiKey.findUnique({ where: byId(tenant.scope, id) });
  if (!key || key.revokedAt) throw new NotFoundError(`No API key ${id}`, ["input", "id"]);
  const [revoked] = await tenant.prisma.apiKey.updateManyAndReturn({
    where: { id, revokedAt: null },
    data: { revokedAt: clock.now() },
  });
  if (!revoked) throw new NotFoundError(`No API key ${id}`, ["input", "id"]);
  tenant.forget("apiKeys", [key.keyHash]);
  return revoked;
}
