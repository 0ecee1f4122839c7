// Customer sessions (docs/concepts/customer-sessions.md) through the API: creation and its
// validation, what `viewer` answers (equal to the secret key's reads), scopes, the meter
// restriction, expiry and revocation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";
import { at, meterEvents } from "./support/meter-events.js";
import { sessions } from "./support/sessions.js";

/** The usage range read: the last 30 days, to the next whole minute. */
const MINUTE_NOW = `${new Date().toISOString().slice(0, 16)}:00.000Z`;
const START = at(-30 * 24 * 3_600_000, MINUTE_NOW);
const END = at(60_000, MINUTE_NOW);

let app: TestApp;
let c: Catalog;
let s: ReturnType<typeof sessions>;
beforeAll(async () => {
  app = await createTestApp();
  app.clock.set(new Date(MINUTE_NOW)); // events are recorded at the clock's now, inside [START, END)
  c = catalog(app);
  s = sessions(app);
});
afterAll(() => app.close());

const VIEWER = graphql(`
  query SessionsViewer($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {
    viewer {
      customer {
        id
        name
        email
      }
      session {
        scopes
        meterIds
        expiresAt
      }
      meters {
        id
      }
      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime) {
        aggregatedValue
      }
    }
  }
`);

const VIEWER_BILLING = graphql(`
  query SessionsViewerBilling {
    viewer {
      upcomingInvoice {
        total {
          amount
          currency
        }
      }
      invoices(first: 10) {
        edges {
          node {
            id
          }
        }
      }
      creditBalance {
        currency
        available
      }
      alerts {
        id
      }
    }
  }
`);

const VIEWER_CUSTOMER = graphql(`
  query SessionsViewerCustomer {
    viewer {
      customer {
        id
      }
    }
  }
`);

const PREVIEW_TOTAL = graphql(`
  query SessionsPreviewTotal($subscriptionId: ID!) {
    previewInvoice(subscriptionId: $subscriptionId) {
      total {
        amount
      }
    }
  }
`);

const REVOKE = graphql(`
  mutation SessionsRevoke($input: RevokeCustomerSessionsInput!) {
    revokeCustomerSessions(input: $input) {
      __typename
      ... on RevokedCustomerSessions {
        revokedCount
      }
      ... on Error {
        code
      }
    }
  }
`);

describe("createCustomerSession", () => {
  it("returns a cs_ token expiring in an hour by default, with its scopes and meters", async () => {
    const customer = await c.customer();
    const meter = await c.freshMeter();
    const created = await s.tryCreate({ customerId: customer.id, scopes: ["USAGE_READ"], meterIds: [meter.id] });
    expect(created).toEqual({
      __typename: "CustomerSession",
      id: expect.stringMatching(/^cses_/),
      token: expect.stringMatching(/^cs_test_[0-9A-Za-z]{32}$/),
      customerId: customer.id,
      scopes: ["USAGE_READ"],
      meterIds: [meter.id],
      expiresAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString(),
      createdAt: app.clock.now().toISOString(),
    });
    // Stored hashed: the token itself is nowhere in the table.
    const rows = await app.database.prisma.customerSession.findMany({ where: { customerId: customer.id } });
    expect(JSON.stringify(rows)).not.toContain((created as { token: string }).token);
  });

  it("refuses expiresIn beyond 24 hours or under a minute, no scope, unknown customers and meters", async () => {
    const customer = await c.customer();
    const refused = async (input: Parameters<typeof s.tryCreate>[0]) => {
      const result = await s.tryCreate(input);
      return result.__typename === "CustomerSession" ? result : { code: result.code, field: result.field };
    };
    const base = { customerId: customer.id, scopes: ["USAGE_READ" as const] };
    expect(await refused({ ...base, expiresIn: 86_401 })).toEqual({
      code: "INVALID_INPUT",
      field: ["input", "expiresIn"],
    });
    expect(await refused({ ...base, expiresIn: 59 })).toEqual({ code: "INVALID_INPUT", field: ["input", "expiresIn"] });
    expect(await refused({ ...base, scopes: [] })).toEqual({ code: "INVALID_INPUT", field: ["input", "scopes"] });
    expect(await refused({ ...base, customerId: "cus_unknown" })).toEqual({
      code: "CUSTOMER_NOT_FOUND",
      field: ["input", "customerId"],
    });
    expect(await refused({ ...base, meterIds: ["mtr_unknown"] })).toEqual({
      code: "METER_NOT_FOUND",
      field: ["input", "meterIds", "0"],
    });
    const longest = await s.tryCreate({ ...base, expiresIn: 86_400 });
    expect(longest).toMatchObject({ expiresAt: new Date(app.clock.now().getTime() + 86_400_000).toISOString() });
  });

  it("is refused to a session token, and viewer to a secret key", async () => {
    const customer = await c.customer();
    const token = await s.token(customer.id);
    const bySession = await app.gql(
      `mutation { createCustomerSession(input: { customerId: "${customer.id}", scopes: [USAGE_READ] }) { __typename } }`,
      {},
      token,
    );
    expect(bySession.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byKey = await app.request(VIEWER_CUSTOMER, {});
    expect(byKey.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(byKey.errors?.[0]?.message).toMatch(/customer session token/);
  });
});

describe("viewer", () => {
  it("answers the session's customer and its usage as meterEventSummaries does", async () => {
    const customer = await c.customer({ name: "Ada", email: "ada@example.com" });
    const other = await c.customer();
    const meter = await c.freshMeter();
    const events = meterEvents(app);
    await events.recordMany([
      { eventName: meter.eventName, customerId: customer.id, value: "2.5" },
      { eventName: meter.eventName, customerId: customer.id, value: "4" },
      { eventName: meter.eventName, customerId: other.id, value: "100" },
    ]);
    const token = await s.token(customer.id);
    const { viewer } = await app.data(VIEWER, { meterId: meter.id, startTime: START, endTime: END }, token);
    expect(viewer.customer).toEqual({ id: customer.id, name: "Ada", email: "ada@example.com" });
    expect(viewer.session.scopes).toEqual(["USAGE_READ", "INVOICES_READ", "CREDITS_READ", "ALERTS_READ"]);
    expect(viewer.meters?.map((m) => m.id)).toContain(meter.id);
    expect(viewer.usage).toEqual([{ aggregatedValue: "6.5" }]);
    expect(await events.usage(meter.id, customer.id, START, END)).toBe("6.5");
  });

  it("answers the upcoming invoice as previewInvoice does, and the customer's invoices only", async () => {
    const customer = await c.customer();
    const meter = await c.freshMeter();
    const price = await c.metered(meter.id, { unitAmount: "0.5" });
    const subscription = await c.subscribe({ customerId: customer.id, items: [{ priceId: price.id }] });
    await meterEvents(app).record({ eventName: meter.eventName, customerId: customer.id, value: "7" });
    const token = await s.token(customer.id);
    const { viewer } = await app.data(VIEWER_BILLING, {}, token);
    const { previewInvoice } = await app.data(PREVIEW_TOTAL, { subscriptionId: subscription.id });
    expect(viewer.upcomingInvoice?.total).toEqual({ amount: previewInvoice!.total.amount, currency: "usd" });
    expect(previewInvoice!.total.amount).toBe("3.50");
    expect(viewer.invoices?.edges).toEqual([]);
    expect(viewer.creditBalance).toEqual([]);
  });
});

const VIEWER_GROUPED = graphql(`
  query SessionsViewerGrouped(
    $meterId: ID!
    $startTime: DateTime!
    $endTime: DateTime!
    $groupBy: [String!]
    $dimensionFilters: [DimensionFilterInput!]
  ) {
    viewer {
      meters {
        id
        dimensionPayloadKeys
      }
      usage(
        meterId: $meterId
        startTime: $startTime
        endTime: $endTime
        groupBy: $groupBy
        dimensionFilters: $dimensionFilters
      ) {
        aggregatedValue
        dimensions {
          dimension
          value
        }
      }
    }
  }
`);

const SUMMARIES_GROUPED = graphql(`
  query SessionsSummariesGrouped(
    $meterId: ID!
    $customerId: ID!
    $startTime: DateTime!
    $endTime: DateTime!
    $groupBy: [String!]
    $dimensionFilters: [DimensionFilterInput!]
  ) {
    meterEventSummaries(
      meterId: $meterId
      customerId: $customerId
      startTime: $startTime
      endTime: $endTime
      groupBy: $groupBy
      dimensionFilters: $dimensionFilters
    ) {
      aggregatedValue
      dimensions {
        dimension
        value
      }
    }
  }
`);

describe("viewer.usage by dimension", () => {
  it("groups and filters as meterEventSummaries does, for the session's customer only", async () => {
    const customer = await c.customer();
    const other = await c.customer();
    const meter = await c.freshMeter("SUM", { dimensionPayloadKeys: ["model", "region"] });
    const event = (customerId: string, value: string, model: string, region: string) => ({
      eventName: meter.eventName,
      customerId,
      value,
      payload: { model, region },
    });
    await meterEvents(app).recordMany([
      event(customer.id, "1", "large", "eu"),
      event(customer.id, "2", "large", "us"),
      event(customer.id, "4", "small", "eu"),
      event(customer.id, "8", "small", "eu"),
      event(other.id, "100", "large", "eu"),
    ]);
    const token = await s.token(customer.id);
    const range = { meterId: meter.id, startTime: START, endTime: END };
    const cases = [
      { groupBy: ["model"] },
      { groupBy: ["model", "region"] },
      { groupBy: ["model"], dimensionFilters: [{ dimension: "region", values: ["eu"] }] },
    ];
    for (const args of cases) {
      const { viewer } = await app.data(VIEWER_GROUPED, { ...range, ...args }, token);
      const { meterEventSummaries } = await app.data(SUMMARIES_GROUPED, { ...range, ...args, customerId: customer.id });
      expect(viewer.usage).toEqual(meterEventSummaries);
    }
    const { viewer } = await app.data(VIEWER_GROUPED, { ...range, groupBy: ["model"] }, token);
    expect(viewer.meters?.find((m) => m.id === meter.id)?.dimensionPayloadKeys).toEqual(["model", "region"]);
    expect(viewer.usage).toEqual([
      { aggregatedValue: "3", dimensions: [{ dimension: "model", value: "large" }] },
      { aggregatedValue: "12", dimensions: [{ dimension: "model", value: "small" }] },
    ]);
    const unknown = await app.request(VIEWER_GROUPED, { ...range, groupBy: ["colour"] }, token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
  });
});

describe("scopes and meters", () => {
  it("refuses each viewer field outside the session's scopes with FORBIDDEN", async () => {
    const customer = await c.customer();
    const token = await s.token(customer.id, { scopes: ["USAGE_READ"] });
    const res = await app.request(VIEWER_BILLING, {}, token);
    const forbidden = (res.errors ?? [])
      .filter((e) => e.extensions?.code === "FORBIDDEN")
      .map((e) => e.path?.join("."));
    expect(forbidden.sort()).toEqual([
      "viewer.alerts",
      "viewer.creditBalance",
      "viewer.invoices",
      "viewer.upcomingInvoice",
    ]);
    const billingOnly = await s.token(customer.id, { scopes: ["INVOICES_READ", "CREDITS_READ", "ALERTS_READ"] });
    const usage = await app.request(
      VIEWER,
      { meterId: (await c.freshMeter()).id, startTime: START, endTime: END },
      billingOnly,
    );
    expect(usage.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual(
      expect.arrayContaining([
        ["viewer.meters", "FORBIDDEN"],
        ["viewer.usage", "FORBIDDEN"],
      ]),
    );
  });

  it("with meterIds, reads only those meters", async () => {
    const customer = await c.customer();
    const [allowed, denied] = [await c.freshMeter(), await c.freshMeter()];
    const token = await s.token(customer.id, { meterIds: [allowed.id] });
    const ok = await app.data(VIEWER, { meterId: allowed.id, startTime: START, endTime: END }, token);
    expect(ok.viewer.meters).toEqual([{ id: allowed.id }]);
    const refused = await app.request(VIEWER, { meterId: denied.id, startTime: START, endTime: END }, token);
    expect(refused.errors?.[0]).toMatchObject({ path: ["viewer", "usage"], extensions: { code: "FORBIDDEN" } });
  });
});

describe("expiry and revocation", () => {
  it("refuses a token once expired", async () => {
    const customer = await c.customer();
    const token = await s.token(customer.id, { expiresIn: 60 });
    expect((await app.request(VIEWER_CUSTOMER, {}, token)).status).toBe(200);
    const now = app.clock.now();
    try {
      app.clock.set(new Date(now.getTime() + 60_000));
      const res = await app.request(VIEWER_CUSTOMER, {}, token);
      expect(res.status).toBe(401);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
      expect(res.errors?.[0]?.message).toMatch(/expired or was revoked/);
    } finally {
      app.clock.set(now);
    }
  });

  it("refuses every session of the customer within a second of revokeCustomerSessions, and only those", async () => {
    const customer = await c.customer();
    const other = await c.customer();
    const [first, second, others] = [await s.token(customer.id), await s.token(customer.id), await s.token(other.id)];
    for (const token of [first, second, others])
      expect((await app.request(VIEWER_CUSTOMER, {}, token)).status).toBe(200);
    const revoked = await app.data(REVOKE, { input: { customerId: customer.id } });
    const at = Date.now();
    expect(revoked.revokeCustomerSessions).toEqual({ __typename: "RevokedCustomerSessions", revokedCount: 2 });
    for (;;) {
      const statuses = await Promise.all(
        [first, second].map(async (t) => (await app.request(VIEWER_CUSTOMER, {}, t)).status),
      );
      if (statuses.every((status) => status === 401)) break;
      expect(Date.now() - at).toBeLessThan(1_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await app.request(VIEWER_CUSTOMER, {}, others)).status).toBe(200);
    expect(await app.data(REVOKE, { input: { customerId: customer.id } })).toEqual({
      revokeCustomerSessions: { __typename: "RevokedCustomerSessions", revokedCount: 0 },
    });
  });
});
