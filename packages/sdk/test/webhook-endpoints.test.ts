// webhookEndpoints and events against the real server, and a real delivery: the server's
// dispatcher POSTs a signed event to a receiver on 127.0.0.1, which constructEvent verifies.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TallyInvalidInputError,
  TallyNotFoundError,
  TallySignatureVerificationError,
  type Tally,
} from "../src/index.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

/** A webhook receiver on a free loopback port, keeping each request's headers and raw body. */
async function receiver() {
  const requests: Array<{ headers: IncomingHttpHeaders; body: Buffer }> = [];
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/webhooks/tally`,
    requests,
    close: () => new Promise((resolve) => http.close(resolve)),
  };
}

describe("webhookEndpoints", () => {
  it("creates an endpoint (its secret shown once), retrieves, lists, updates and deletes it", async () => {
    const { endpoint, secret } = await tally.webhookEndpoints.create({
      url: "https://example.com/hooks",
      enabledEvents: ["invoice.finalized"],
      description: "Invoices",
    });
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({
      url: "https://example.com/hooks",
      enabledEvents: ["invoice.finalized"],
      description: "Invoices",
      status: "ENABLED",
    });
    expect(endpoint.id).toMatch(/^we_/);
    expect(await tally.webhookEndpoints.retrieve(endpoint.id)).toEqual(endpoint);
    expect((await tally.webhookEndpoints.list()).data).toContainEqual(endpoint);

    const updated = await tally.webhookEndpoints.update(endpoint.id, { enabledEvents: ["*"], disabled: true });
    expect(updated).toEqual({ ...endpoint, enabledEvents: ["*"], status: "DISABLED" });
    expect(await tally.webhookEndpoints.del(endpoint.id)).toEqual({ id: endpoint.id, deleted: true });
    await expect(tally.webhookEndpoints.retrieve(endpoint.id)).rejects.toBeInstanceOf(TallyNotFoundError);
    expect((await tally.webhookEndpoints.list()).data.map((e) => e.id)).not.toContain(endpoint.id);
  });

  it("delivers a signed event that constructEvent verifies with the endpoint's secret", async () => {
    const receiving = await receiver();
    try {
      const { endpoint, secret } = await tally.webhookEndpoints.create({
        url: receiving.url,
        enabledEvents: ["billing.meter.created"],
      });
      const meter = await tally.meters.create({
        displayName: "Webhook tokens",
        eventName: "webhook_tokens",
        aggregation: "SUM",
      });
      expect(await server.dispatchWebhooks()).toEqual({ delivered: 1, retrying: 0, failed: 0 });

      expect(receiving.requests).toHaveLength(1);
      const { headers, body } = receiving.requests[0]!;
      const header = headers["tally-signature"] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = tally.webhooks.constructEvent(body, header, secret);
      expect(event).toMatchObject({
        id: expect.stringMatching(/^evt_/),
        type: "billing.meter.created",
        data: { id: meter.id, eventName: "webhook_tokens" },
      });
      expect(() => tally.webhooks.constructEvent(body, header, "whsec_other")).toThrow(TallySignatureVerificationError);

      // The same event through the API.
      const stored = await tally.events.retrieve(event.id);
      expect(stored).toEqual({
        id: event.id,
        type: "billing.meter.created",
        data: event.data,
        previousAttributes: null,
        createdAt: expect.any(String),
      });
      expect((await tally.events.list({ type: "billing.meter.created" })).data[0]).toEqual(stored);

      // The delivery's record: delivered on its first attempt with the receiver's 2xx.
      const deliveries = await tally.webhookDeliveries.list({ endpointId: endpoint.id });
      expect(deliveries.data).toEqual([
        expect.objectContaining({
          endpoint: { id: endpoint.id },
          event: { id: event.id, type: "billing.meter.created" },
          status: "DELIVERED",
          attempts: 1,
          lastResponseStatus: 200,
          deliveredAt: expect.any(String),
        }),
      ]);
      expect((await tally.webhookDeliveries.list({ endpointId: endpoint.id, status: "FAILED" })).data).toEqual([]);
      await tally.webhookEndpoints.del(endpoint.id);
    } finally {
      await receiving.close();
    }
  });

  it("reports invalid input and unknown objects as typed errors", async () => {
    for (const [input, field] of [
      [{ url: "ftp://example.com/hooks", enabledEvents: ["*"] }, ["input", "url"]],
      [{ url: "https://example.com/hooks", enabledEvents: [] }, ["input", "enabledEvents"]],
      [{ url: "https://example.com/hooks", enabledEvents: ["invoice.teleported"] }, ["input", "enabledEvents", "0"]],
    ] as const) {
      const error = await failure(tally.webhookEndpoints.create({ ...input, enabledEvents: [...input.enabledEvents] }));
      expect(error).toBeInstanceOf(TallyInvalidInputError);
      expect(error).toMatchObject({ code: "INVALID_INPUT", field });
    }
    for (const call of [
      tally.webhookEndpoints.update("we_missing", { description: "x" }),
      tally.webhookEndpoints.del("we_missing"),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(TallyNotFoundError);
      expect(error).toMatchObject({ code: "NOT_FOUND", field: ["input", "id"] });
    }
    await expect(tally.webhookEndpoints.retrieve("we_missing")).rejects.toBeInstanceOf(TallyNotFoundError);
    await expect(tally.events.retrieve("evt_missing")).rejects.toBeInstanceOf(TallyNotFoundError);
  });
});
