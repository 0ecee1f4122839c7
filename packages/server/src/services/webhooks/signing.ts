// Webhook signatures (docs/concepts/webhooks.md#signatures): `Tally-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<raw body>">`, keyed with the endpoint's whole secret string (whsec_…) as UTF-8 — what the
// SDK's constructEvent verifies.
import { createHmac } from "node:crypto";
import { randomBase62 } from "../../ids.js";

export const SIGNATURE_HEADER = "Tally-Signature";

/** A new signing secret: whsec_ and 32 base62 characters (≈ 190 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBase62(32)}`;
}

export function signatureHeader(secret: string, timestampSeconds: number, rawBody: string): string {
  const v1 = createHmac("sha256", secret).update(`${timestampSeconds}.${rawBody}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${v1}`;
}
