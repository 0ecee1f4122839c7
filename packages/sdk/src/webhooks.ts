// Webhook signature verification (docs/concepts/webhooks.md#signatures): `Tally-Signature: t=<unix seconds>,v1=<hex>` where the
// hex is HMAC-SHA256 of "<t>.<raw body>" under the endpoint's secret. Several v1 values may be
// present (during a secret rotation each active secret signs). As in stripe-node, the plain
// functions are synchronous (node:crypto, found at run time so bundles for browsers stay free of
// it) and the …Async ones use Web Crypto, for browsers and edge runtimes.
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

function signedPayload(timestamp: number, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${timestamp}.`);
  const payload = new Uint8Array(prefix.length + body.length);
  payload.set(prefix, 0);
  payload.set(body, prefix.length);
  return payload;
}

type Hmac = (secret: string, payload: Uint8Array) => Uint8Array;

/** node:crypto's HMAC, through process.getBuiltinModule so that nothing imports node:crypto. */
function nodeHmac(): Hmac {
  const crypto = (
    globalThis as { process?: { getBuiltinModule?: (name: string) => typeof import("node:crypto") | undefined } }
  ).process?.getBuiltinModule?.("node:crypto");
  if (!crypto)
    throw new TypeError("The synchronous webhook helpers need Node.js ≥ 20.16; elsewhere use the …Async ones.");
  return (secret, payload) => new Uint8Array(crypto.createHmac("sha256", secret).update(payload).digest());
}

async function webCryptoHmac(secret: string, payload: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, payload as Uint8Array<ArrayBuffer>));
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

export interface SignedDelivery {
  rawBody: string | Uint8Array;
  signatureHeader: string | null | undefined;
  secret: string;
  toleranceSeconds: number;
}

/** Everything but the HMAC: the header parsed, the payload that was signed. */
function prepare({ rawBody, signatureHeader, secret }: SignedDelivery) {
  if (!signatureHeader) throw signatureError("Missing Tally-Signature header.");
  if (!secret) throw signatureError("No webhook secret given.");
  const { timestamp, signatures } = parseHeader(signatureHeader);
  const body = bytesOf(rawBody);
  return { timestamp, signatures, body, payload: signedPayload(timestamp, body) };
}

/** The event, once a signature matched `expected` and the timestamp is within the tolerance. */
function verified(
  delivery: SignedDelivery,
  { timestamp, signatures, body }: ReturnType<typeof prepare>,
  expected: Uint8Array,
): TallyEvent {
  const matched = signatures.some((hex) => {
    const given = fromHex(hex);
    return given !== null && constantTimeEqual(given, expected);
  });
  if (!matched) throw signatureError("No signature matches the body; is it the raw body, and the endpoint's secret?");
  const ageSeconds = Math.floor(Date.now() / 1000) - timestamp;
  const { toleranceSeconds } = delivery;
  if (toleranceSeconds > 0 && ageSeconds > toleranceSeconds) {
    throw signatureError(
      `The signature's timestamp is ${ageSeconds} s old, beyond the ${toleranceSeconds} s tolerance.`,
    );
  }
  return JSON.parse(new TextDecoder().decode(body)) as TallyEvent;
}

/**
 * Verifies a delivery and returns its parsed event (Node.js). Pass the body exactly as received
 * (the raw string or bytes, not re-serialized JSON) and the Tally-Signature header. Throws
 * TallySignatureVerificationError when no v1 signature matches or the timestamp is older than
 * `toleranceSeconds` (replay protection; 0 turns the check off).
 */
export function constructEvent(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
): TallyEvent {
  const delivery = { rawBody, signatureHeader, secret, toleranceSeconds };
  const prepared = prepare(delivery);
  return verified(delivery, prepared, nodeHmac()(secret, prepared.payload));
}

/** constructEvent with Web Crypto: for browsers, edge runtimes and workers. */
export async function constructEventAsync(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
): Promise<TallyEvent> {
  const delivery = { rawBody, signatureHeader, secret, toleranceSeconds };
  const prepared = prepare(delivery);
  return verified(delivery, prepared, await webCryptoHmac(secret, prepared.payload));
}

export interface TestHeaderOptions {
  payload: string | Uint8Array;
  /** Several secrets give one v1 value each, as the server does during a rotation. */
  secret: string | string[];
  /** Unix seconds; default now. */
  timestamp?: number;
}

function testHeader(signatures: Uint8Array[], timestamp: number): string {
  return [`t=${timestamp}`, ...signatures.map((signature) => `v1=${toHex(signature)}`)].join(",");
}

const secretsOf = (options: TestHeaderOptions) => (Array.isArray(options.secret) ? options.secret : [options.secret]);
const timestampOf = (options: TestHeaderOptions) => options.timestamp ?? Math.floor(Date.now() / 1000);

/** A valid Tally-Signature header for `payload`, for your own tests of a webhook handler (Node.js). */
export function generateTestHeaderString(options: TestHeaderOptions): string {
  const timestamp = timestampOf(options);
  const payload = signedPayload(timestamp, bytesOf(options.payload));
  const hmac = nodeHmac();
  return testHeader(
    secretsOf(options).map((secret) => hmac(secret, payload)),
    timestamp,
  );
}

/** generateTestHeaderString with Web Crypto. */
export async function generateTestHeaderStringAsync(options: TestHeaderOptions): Promise<string> {
  const timestamp = timestampOf(options);
  const payload = signedPayload(timestamp, bytesOf(options.payload));
  const signatures = await Promise.all(secretsOf(options).map((secret) => webCryptoHmac(secret, payload)));
  return testHeader(signatures, timestamp);
}

export const webhooks = {
  constructEvent,
  constructEventAsync,
  generateTestHeaderString,
  generateTestHeaderStringAsync,
  SIGNATURE_HEADER,
};
