// Customer session tokens: `cs_test_…` / `cs_live_…` with 190 bits of randomness, stored as SHA-256
// like secret keys (auth/keys.ts hashKey), shown once at creation (docs/concepts/customer-sessions.md).
import type { Mode } from "../generated/prisma/client.js";
import { randomBase62 } from "../ids.js";

const SESSION_TOKEN = /^cs_(test|live)_[0-9A-Za-z]{32}$/;

export function generateSessionToken(mode: Mode): string {
  return `cs_${mode}_${randomBase62(32)}`;
}

/** Whether a bearer token has the shape of a session token (and so is looked up among sessions, not keys). */
export function isSessionToken(token: string): boolean {
  return SESSION_TOKEN.test(token);
}
