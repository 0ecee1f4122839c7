// Live usage (docs/concepts/customer-sessions.md#live-usage) over server-sent events: the current
// period's exact usage and upcoming invoice total at once, then after accepted events within 2 s,
// at most one message per 250 ms per subscriber; secret keys watch any customer, sessions only
// their own, and a session's stream ends when it is revoked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";
import { meterEvents } from "./support/meter-events.js";
import { eventStream, sessions, waitUntil } from "./support/sessions.js";

let app: TestApp;
let c: Catalog;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
});
afterAll(() => app.close());

const UPDATE = "customerId meterId periodStart periodEnd usage upcomingInvoiceTotal { amount currency }";
const VIEWER_STREAM = `subscription($meterId: ID!) { viewerUsageUpdated(meterId: $meterId) { ${UPDATE} } }`;
const CUSTOMER_STREAM = `subscription($customerId: ID!, $meterId: ID!) { customerUsageUpdated(customerId: $customerId, meterId: $meterId) { ${UPDATE} } }`;

const REVOKE = graphql(`
  mutation LiveUsageRevoke($input: RevokeCustomerSessionsInput!) {
    revokeCustomerSessions(input: $input) {
      __typename
    }
  }
`);

async function subscribedCustomer() {
  const customer = await c.customer();
  const meter = await c.freshMeter();
  const price = await c.metered(meter.id, { unitAmount: "2" });
  const subscription = await c.subscribe({ customerId: customer.id, items: [{ priceId: price.id }] });
  return { customer, meter, subscription };
}

describe("viewerUsageUpdated", () => {
  it("pushes the exact period usage and upcoming total within 2 s of an accepted event", async () => {
    const { customer, meter, subscription } = await subscribedCustomer();
    const other = await c.customer();
    const events = meterEvents(app);
    await events.record({ eventName: meter.eventName, customerId: customer.id, value: "1.5" });
    const token = await sessions(app).token(customer.id, { scopes: ["USAGE_READ"] });
    const stream = await eventStream(app.fetch, VIEWER_STREAM, { meterId: meter.id }, token);
    try {
      const first = await stream.next(5_000);
      expect(first?.data?.viewerUsageUpdated).toEqual({
        customerId: customer.id,
        meterId: meter.id,
        periodStart: subscription.currentPeriodStart,
        periodEnd: subscription.currentPeriodEnd,
        usage: "1.5",
        upcomingInvoiceTotal: { amount: "3.00", currency: "usd" },
      });
      // Another customer's event is not this customer's usage: nothing is pushed.
      await events.record({ eventName: meter.eventName, customerId: other.id, value: "50" });
      expect(await stream.next(600)).toBeNull();
      const recorded = Date.now();
      await events.record({ eventName: meter.eventName, customerId: customer.id, value: "2.25" });
      const pushed = await stream.next(2_000);
      expect(pushed?.at).toBeLessThan(recorded + 2_000);
      expect(pushed?.data?.viewerUsageUpdated).toMatchObject({
        usage: "3.75",
        upcomingInvoiceTotal: { amount: "7.50", currency: "usd" },
      });
    } finally {
      await stream.close();
    }
  });

  it("coalesces a burst of events into at most one message per 250 ms, the last one exact", async () => {
    const { customer, meter } = await subscribedCustomer();
    const stream = await eventStream(
      app.fetch,
      CUSTOMER_STREAM,
      { customerId: customer.id, meterId: meter.id },
      app.account.testSecretKey,
    );
    try {
      expect((await stream.next(5_000))?.data?.customerUsageUpdated.usage).toBe("0");
      const events = meterEvents(app);
      for (let i = 0; i < 20; i++)
        await events.record({ eventName: meter.eventName, customerId: customer.id, value: "1" });
      expect(await waitUntil(() => stream.messages.at(-1)?.data?.customerUsageUpdated.usage === "20", 3_000)).toBe(
        true,
      );
      const arrivals = stream.messages.map((m) => m.at);
      expect(arrivals.length).toBeLessThan(20);
      // Arrival times include event-loop jitter of the reader: a few ms of slack.
      for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(240);
    } finally {
      await stream.close();
    }
  });

  it("ends the stream within a second of revocation", async () => {
    const { customer, meter } = await subscribedCustomer();
    const token = await sessions(app).token(customer.id);
    const stream = await eventStream(app.fetch, VIEWER_STREAM, { meterId: meter.id }, token);
    try {
      expect(await stream.next(5_000)).not.toBeNull();
      await app.data(REVOKE, { input: { customerId: customer.id } });
      const message = await stream.next(1_500);
      expect(message?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(await waitUntil(() => stream.ended, 1_000)).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it("refuses meters outside the session and another customer's stream to a session", async () => {
    const { customer, meter } = await subscribedCustomer();
    const other = await c.freshMeter();
    const token = await sessions(app).token(customer.id, { meterIds: [meter.id] });
    const outside = await eventStream(app.fetch, VIEWER_STREAM, { meterId: other.id }, token);
    expect((await outside.next(3_000))?.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await outside.close();
    const theirs = await eventStream(app.fetch, CUSTOMER_STREAM, { customerId: customer.id, meterId: meter.id }, token);
    expect(theirs.response.status).toBe(403);
    expect((await theirs.next(3_000))?.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await theirs.close();
  });
});
