// Webhook signature verification: valid, tampered body, expired timestamp, rotated secrets; each
// case for the synchronous node:crypto helpers and for the Web Crypto …Async ones, crossed (a
// header made by one is verified by the other).
import { describe, expect, it } from "vitest";
import {
  Tally,
  TallySignatureVerificationError,
  constructEvent as constructEventSync,
  constructEventAsync,
  generateTestHeaderString as generateSync,
  generateTestHeaderStringAsync,
  type TestHeaderOptions,
} from "../src/index.js";

const secret = "whsec_test_secret";
const payload = JSON.stringify({
  id: "evt_1",
  type: "invoice.finalized",
  data: { object: { id: "in_1", total: { amount: "180.00", currency: "usd" } } },
});
const now = () => Math.floor(Date.now() / 1000);
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );

const variants = [
  {
    name: "constructEvent (sync) with headers from generateTestHeaderStringAsync",
    constructEvent: async (...args: Parameters<typeof constructEventSync>) => constructEventSync(...args),
    generateTestHeaderString: generateTestHeaderStringAsync,
  },
  {
    name: "constructEventAsync with headers from generateTestHeaderString (sync)",
    constructEvent: constructEventAsync,
    generateTestHeaderString: async (options: TestHeaderOptions) => generateSync(options),
  },
];

it("the synchronous helpers return values, not promises", () => {
  const header = generateSync({ payload, secret });
  expect(typeof header).toBe("string");
  expect(constructEventSync(payload, header, secret)).toMatchObject({ id: "evt_1" });
  expect(() => constructEventSync(payload, header, "whsec_other")).toThrow(TallySignatureVerificationError);
});

describe.each(variants)("$name", ({ constructEvent, generateTestHeaderString }) => {
  it("returns the parsed event for a valid signature (string or bytes body), also on the client", async () => {
    const header = await generateTestHeaderString({ payload, secret });
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = await constructEvent(payload, header, secret);
    expect(event).toMatchObject({ id: "evt_1", type: "invoice.finalized" });
    expect(await constructEvent(new TextEncoder().encode(payload), header, secret)).toEqual(event);
    const { webhooks } = new Tally({ apiKey: "sk_test_x" });
    expect(webhooks.constructEvent(payload, header, secret)).toEqual(event);
    expect(await webhooks.constructEventAsync(payload, header, secret)).toEqual(event);
  });

  it("matches an HMAC-SHA256 of '<t>.<body>' computed independently", async () => {
    const { createHmac } = await import("node:crypto");
    const t = now();
    const v1 = createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex");
    expect(await constructEvent(payload, `t=${t},v1=${v1}`, secret)).toMatchObject({ id: "evt_1" });
  });

  it("rejects a tampered body, a wrong secret, and malformed headers", async () => {
    const header = await generateTestHeaderString({ payload, secret });
    for (const [body, header_, secret_] of [
      [payload.replace("180.00", "1.00"), header, secret],
      [payload, header, "whsec_other"],
      [payload, header.replace(/v1=[0-9a-f]/, "v1=z"), secret],
      [payload, header.replace(/,v1=.*/, ""), secret],
      [payload, "v1=abcd", secret],
      [payload, "", secret],
    ] as const) {
      expect(await rejection(constructEvent(body, header_, secret_))).toBeInstanceOf(TallySignatureVerificationError);
    }
  });

  it("rejects a timestamp older than the tolerance, and accepts it with a larger one", async () => {
    const header = await generateTestHeaderString({ payload, secret, timestamp: now() - 301 });
    const error = await rejection(constructEvent(payload, header, secret));
    expect(error).toBeInstanceOf(TallySignatureVerificationError);
    expect((error as Error).message).toMatch(/tolerance/);
    expect(await constructEvent(payload, header, secret, 600)).toMatchObject({ id: "evt_1" });
  });

  it("accepts any of several v1 signatures, for secret rotation", async () => {
    const header = await generateTestHeaderString({ payload, secret: ["whsec_old", "whsec_new"] });
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(await constructEvent(payload, header, "whsec_new")).toMatchObject({ id: "evt_1" });
    expect(await constructEvent(payload, header, "whsec_old")).toMatchObject({ id: "evt_1" });
    expect(await rejection(constructEvent(payload, header, "whsec_neither"))).toBeInstanceOf(
      TallySignatureVerificationError,
    );
  });
});
