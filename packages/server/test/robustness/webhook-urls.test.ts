// Webhook endpoint URLs (docs/operations/security.md): https only in live mode; loopback, private
// and link-local destinations refused when saved and again at delivery, on the address connected
// to, unless the server allows them (TALLY_WEBHOOK_ALLOW_PRIVATE).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, serverConfigFromEnv } from "../../src/config.js";
import { createTallyYoga } from "../../src/http/yoga.js";
import { dispatchWebhooks } from "../../src/services/webhooks/dispatcher.js";
import { isPrivateAddress } from "../../src/services/webhooks/destination.js";
import { billing } from "../support/billing.js";
import { createTestApp, TEST_CONFIG, type TestApp } from "../support/app.js";

let app: TestApp;
let receiver: Server;
let receiverPort: number;
let received = 0;
beforeAll(async () => {
  // The server's defaults: private destinations refused.
  app = await createTestApp({ config: DEFAULT_CONFIG });
  receiver = createServer((req, res) => {
    received += 1;
    req.resume();
    req.on("end", () => res.end("thanks"));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverPort = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await app.close();
});

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { __typename ... on WebhookEndpointWithSecret { endpoint { id url } } ... on Error { code message field } }
}`;

async function create(url: string, key = app.account.testSecretKey) {
  const res = await app.gql(CREATE, { input: { url, enabledEvents: ["*"] } }, key);
  return res.data.createWebhookEndpoint;
}

const endpointCount = async (key = app.account.testSecretKey) =>
  (await app.gql("{ webhookEndpoints(first: 100) { edges { node { id } } } }", {}, key)).data.webhookEndpoints.edges
    .length;

describe("the address rule", () => {
  it("covers loopback, private, CGNAT, link-local (metadata), unique-local and unspecified addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.169.254",
      "0.0.0.0",
      "0.1.2.3",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fd00::1",
      "fc00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:169.254.169.254",
      "ff02::1",
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("leaves public addresses alone", () => {
    for (const address of [
      "8.8.8.8",
      "93.184.216.34",
      "172.32.0.1",
      "100.128.0.1",
      "2606:4700::1111",
      "::ffff:8.8.8.8",
    ]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe("when an endpoint is saved", () => {
  for (const url of [
    "http://127.0.0.1:9/hook",
    "http://localhost:9/hook",
    "http://[::1]:9/hook",
    "http://10.0.0.5/hook",
    "http://192.168.0.10/hook",
    "http://100.64.1.1/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[fd12::1]/hook",
    "http://[fe80::1]/hook",
    "http://0.0.0.0/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://2130706433/hook", // 127.0.0.1 as one number, which URL normalises
  ]) {
    it(`refuses ${url}: INVALID_INPUT on input.url, nothing stored`, async () => {
      const before = await endpointCount();
      const result = await create(url);
      expect(result).toMatchObject({ __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "url"] });
      expect(result.message).toMatch(
        /may not point at a private, loopback or link-local address .*TALLY_WEBHOOK_ALLOW_PRIVATE=true/,
      );
      expect(await endpointCount()).toBe(before);
    });
  }

  it("refuses an update to a private address and keeps the URL", async () => {
    const created = await create("https://93.184.216.34/hook");
    expect(created.__typename).toBe("WebhookEndpointWithSecret");
    const res = await app.gql(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename ... on Error { code field } } }`,
      { input: { id: created.endpoint.id, url: "http://192.168.1.1/hook" } },
    );
    expect(res.data.updateWebhookEndpoint).toEqual({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "url"],
    });
    const stored = await app.gql(`query($id: ID!) { webhookEndpoint(id: $id) { url } }`, { id: created.endpoint.id });
    expect(stored.data.webhookEndpoint.url).toBe("https://93.184.216.34/hook");
  });

  it("takes public addresses over http in test mode, and only https in live mode", async () => {
    expect((await create("http://93.184.216.34/hook")).__typename).toBe("WebhookEndpointWithSecret");
    const live = app.account.liveSecretKey;
    const before = await endpointCount(live);
    const plain = await create("http://93.184.216.34/hook", live);
    expect(plain).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "url"],
      message: "A live-mode webhook URL must use https",
    });
    expect(await endpointCount(live)).toBe(before);
    expect((await create("https://93.184.216.34/hook", live)).__typename).toBe("WebhookEndpointWithSecret");
  });

  it("takes private addresses when the server allows them, over http in live mode too", async () => {
    const allowing = createTallyYoga({ ...app.deps, config: TEST_CONFIG });
    for (const key of [app.account.testSecretKey, app.account.liveSecretKey]) {
      const response = await allowing.fetch("http://tally.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: CREATE,
          variables: { input: { url: "http://127.0.0.1:9/hook", enabledEvents: ["*"] } },
        }),
      });
      const body = (await response.json()) as { data: { createWebhookEndpoint: { __typename: string } } };
      expect(body.data.createWebhookEndpoint.__typename).toBe("WebhookEndpointWithSecret");
    }
    expect(serverConfigFromEnv({ TALLY_WEBHOOK_ALLOW_PRIVATE: "true" }).webhooks.allowPrivate).toBe(true);
    expect(serverConfigFromEnv({}).webhooks.allowPrivate).toBe(false);
    expect(() => serverConfigFromEnv({ TALLY_WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(/true or false/);
  });
});

describe("at delivery", () => {
  it("connects to no private address unless allowed, names or literals alike; delivers once allowed", async () => {
    // Endpoints saved while the server allowed private addresses, delivered by one that does not.
    const other = await app.createAccount("Delivery");
    const key = other.testSecretKey;
    const allowing = createTallyYoga({ ...app.deps, config: TEST_CONFIG });
    for (const host of ["127.0.0.1", "localhost"]) {
      const response = await allowing.fetch("http://tally.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: CREATE,
          variables: { input: { url: `http://${host}:${receiverPort}/hook`, enabledEvents: ["customer.created"] } },
        }),
      });
      expect(((await response.json()) as any).data.createWebhookEndpoint.__typename).toBe("WebhookEndpointWithSecret");
    }
    await billing(app, key).customer({ name: "Webhook target" });

    const refused = await dispatchWebhooks(app.deps);
    expect(refused).toEqual({ delivered: 0, retrying: 2, failed: 0 });
    expect(received).toBe(0);
    const deliveries = await app.database.prisma.webhookDelivery.findMany({ where: { accountId: other.account.id } });
    expect(deliveries.map((d) => d.lastError).sort()).toEqual([
      expect.stringMatching(/127\.0\.0\.1 is a private, loopback or link-local address \(127\.0\.0\.1\)/),
      expect.stringMatching(/localhost is a private, loopback or link-local address \((127\.0\.0\.1|::1)\)/),
    ]);

    // The same deliveries, due again, from a server that allows private addresses.
    app.clock.set(new Date(app.clock.now().getTime() + 86_400_000));
    const allowed = await dispatchWebhooks({ ...app.deps, config: TEST_CONFIG });
    expect(allowed).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    expect(received).toBe(2);
  });
});
