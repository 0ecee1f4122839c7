// Webhook signature verification (docs/concepts/webhooks.md#signatures): `Tally-Signature: t=<unix seconds>,v1=<hex>` where the
// hex is HMAC-SHA256 of "<t>.<raw body>" under the endpoint's secret. Several v1 values may be
// present (during a secret rotation each active secret signs). Web Crypto only, so it runs in
// browsers and edge runtimes; that makes it async.
import { TallySignatureVerificationError } from "./errors.js";

export const SIGNATURE_HEADER = "Tally-Signature";

/** A delivered event: `id` (evt_…), `type` (e.g. "invoice.finalized") and the event's other fields. */
export interface TallyEvent {
  id: string;
  type: string;
  [key: string]: unknown;
}

const encoder = new TextEncoder();

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? encoder.encode(body) : body;
}

async function hmacSha256(secret: string, timestamp: number, body: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const prefix = encoder.encode(`${timestamp}.`);
  const payload = new Uint8Array(prefix.length + body.length);
  payload.set(prefix, 0);
  payload.set(body, prefix.length);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, payload));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lower-case hex to bytes; null when it is not hex of whole bytes. */
function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Compares every byte whatever the first difference, so timing does not leak how much matched. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function signatureError(message: string): TallySignatureVerificationError {
  return new TallySignatureVerificationError({ code: "INVALID_SIGNATURE", message });
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp = NaN;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2) as [string, string | undefined];
    if (key === "t" && value !== undefined && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === "v1" && value) signatures.push(value);
  }
  if (Number.isNaN(timestamp)) throw signatureError("The Tally-Signature header has no timestamp (t=…).");
  if (signatures.length === 0) throw signatureError("The Tally-Signature header has no v1 signature.");
  return { timestamp, signatures };
}

/**
 * Verifies a delivery and returns its parsed event. Pass the body exactly as received (the raw
 * string or bytes, not re-serialized JSON) and the Tally-Signature header. Rejects with
 * TallySignatureVerificationError when no v1 signature matches or the timestamp is older than
 * `toleranceSeconds` (replay protection; 0 turns the check off).
 */
export async function constructEvent(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
): Promise<TallyEvent> {
  if (!signatureHeader) throw signatureError("Missing Tally-Signature header.");
  if (!secret) throw signatureError("No webhook secret given.");
  const { timestamp, signatures } = parseHeader(signatureHeader);
  const body = bytesOf(rawBody);
  const expected = await hmacSha256(secret, timestamp, body);
  const matched = signatures.some((hex) => {
    const given = fromHex(hex);
    return given !== null && constantTimeEqual(given, expected);
  });
  if (!matched) throw signatureError("No signature matches the body; is it the raw body, and the endpoint's secret?");
  const ageSeconds = Math.floor(Date.now() / 1000) - timestamp;
  if (toleranceSeconds > 0 && ageSeconds > toleranceSeconds) {
    throw signatureError(
      `The signature's timestamp is ${ageSeconds} s old, beyond the ${toleranceSeconds} s tolerance.`,
    );
  }
  return JSON.parse(new TextDecoder().decode(body)) as TallyEvent;
}

/**
 * A valid Tally-Signature header for `payload`, for your own tests of a webhook handler. Give
 * several secrets to produce one v1 value per secret, as the server does during a rotation.
 */
export async function generateTestHeaderString(options: {
  payload: string | Uint8Array;
  secret: string | string[];
  /** Unix seconds; default now. */
  timestamp?: number;
}): Promise<string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secrets = Array.isArray(options.secret) ? options.secret : [options.secret];
  const body = bytesOf(options.payload);
  const signatures = await Promise.all(
    secrets.map(async (secret) => `v1=${toHex(await hmacSha256(secret, timestamp, body))}`),
  );
  return [`t=${timestamp}`, ...signatures].join(",");
}

export const webhooks = { constructEvent, generateTestHeaderString, SIGNATURE_HEADER };
