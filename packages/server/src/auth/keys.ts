// Secret API keys: `sk_test_…` / `sk_live_…` with 143 bits of randomness, stored as SHA-256.
// A fast hash is right here: the keys are random, so there is nothing to brute-force.
import { createHash, timingSafeEqual } from "node:crypto";
import { randomBase62 } from "../ids.js";
import type { Mode } from "../generated/prisma/client.js";

export function generateSecretKey(mode: Mode): string {
  return `sk_${mode}_${randomBase62(24)}`;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What a key looks like in listings: its mode prefix and first four random characters. */
export function keyHint(key: string): string {
  return key.slice(0, "sk_test_".length + 4);
}

/** Constant-time comparison for the operator key. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(hashKey(given), "hex");
  const b = Buffer.from(hashKey(expected), "hex");
  return timingSafeEqual(a, b);
}
