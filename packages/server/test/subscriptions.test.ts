// Subscriptions (docs/concepts/subscriptions.md) through the API: creation and its first invoice, backdating, anchors,
// billing modes, cancellation, queries, validation and isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { graphql } from "./generated/gql.js";
import type { SubscriptionsListQueryVariables, SubscriptionsPageQueryVariables } from "./generated/graphql.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";
import { catalog } from "./support/catalog.js";

const LIST = graphql(`
  query SubscriptionsList($c: ID, $s: SubscriptionStatus, $first: Int, $after: String) {
    subscriptions(customerId: $c, status: $s, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE = graphql(`
  query SubscriptionsPage($c: ID, $first: Int, $after: String, $last: Int, $before: String) {
    subscriptions(customerId: $c, first: $first, after: $after, last: $last, before: $before) {
      edges {
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const NODES = graphql(`
  query SubscriptionsNodes($s: ID!, $i: ID!) {
    s: node(id: $s) {
      __typename
      id
      ... on Subscription {
        status
      }
    }
    i: node(id: $i) {
      __typename
      id
      ... on SubscriptionItem {
        quantity
        price {
          id
        }
      }
    }
  }
`);

const VIA_CUSTOMER = graphql(`
  query SubscriptionsViaCustomer($id: ID!) {
    customer(id: $id) {
      subscriptions(first: 10) {
        edges {
          node {
            id
          }
        }
      }
    }
  }
`);

const ISOLATION = graphql(`
  query SubscriptionsIsolation($id: ID!, $item: ID!, $c: ID!) {
    subscription(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    item: node(id: $item) {
      id
    }
    subscriptions(customerId: $c) {
      edges {
        node {
          id
        }
      }
    }
    all: subscriptions {
      edges {
        node {
          id
        }
      }
    }
    previewInvoice(subscriptionId: $id) {
      total {
        amount
      }
    }
  }
`);

/** The ids of a page of subscriptions, in order. */
const ofPage = (page: { edges: Array<{ node: { id: string } }> }) => page.edges.map((edge) => edge.node.id);

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

let meterCount = 0;
/** A SUM meter with a fresh event name, and that name. */
async function newMeter(aggregation: "SUM" | "COUNT" | "LAST" | "MAX" = "SUM") {
  const eventName = `tokens_${(meterCount += 1)}_${Date.now()}`;
  return { id: await b.meter(eventName, aggregation), eventName };
}

const GRADUATED = {
  billingScheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: "1000", unitAmount: "0" },
    { upTo: null, unitAmount: "0.04" },
  ],
};

/** A test-clock customer with a licensed 100 usd and a metered 0.01 usd per-unit monthly price. */
async function setup(frozenTime: string) {
  const clock = await b.clock(frozenTime);
  const customer = await b.customer({ testClockId: clock });
  const meter = await newMeter();
  const license = await b.licensed("100");
  const usage = await b.metered(meter.id, { unitAmount: "0.01" });
  return { clock, customer, meter, license, usage };
}

async function counts() {
  const p = app.database.prisma;
  return {
    subscriptions: await p.subscription.count(),
    items: await p.subscriptionItem.count(),
    invoices: await p.invoice.count(),
  };
}

describe("createSubscription", () => {
  it("defaults to FLEXIBLE, starting at the customer's now (its test clock), anchored at the start", async () => {
    const { customer, license } = await setup("2026-03-15T10:30:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license, quantity: 3 }] });
    expect(sub).toMatchObject({
      status: "ACTIVE",
      billingMode: "FLEXIBLE",
      currency: "usd",
      startDate: "2026-03-15T10:30:00.000Z",
      billingCycleAnchor: "2026-03-15T10:30:00.000Z",
      currentPeriodStart: "2026-03-15T10:30:00.000Z",
      currentPeriodEnd: "2026-04-15T10:30:00.000Z",
      createdAt: "2026-03-15T10:30:00.000Z",
      items: [{ quantity: 3, price: { id: license } }],
    });
    expect(sub.id).toMatch(/^sub_/);
    expect(sub.items[0]!.id).toMatch(/^si_/);
    const [first] = await b.invoices({ subscriptionId: sub.id });
    expect(summary(first!)).toEqual({ total: "300.00", lines: ["LICENSE - 3 × 100 = 300.00"] });
  });

  it("FLEXIBLE leaves metered items off the first invoice; CLASSIC adds a zero line for each", async () => {
    const { customer, license, meter } = await setup("2026-01-01T00:00:00Z");
    const tiered = await b.metered(meter.id, GRADUATED);
    const flexible = await b.subscribe({ customerId: customer, items: [{ priceId: tiered }, { priceId: license }] });
    const classic = await b.subscribe({
      customerId: customer,
      items: [{ priceId: tiered }, { priceId: license }],
      billingMode: "CLASSIC",
    });
    expect(classic.billingMode).toBe("CLASSIC");
    const [flexibleFirst] = await b.invoices({ subscriptionId: flexible.id });
    const [classicFirst] = await b.invoices({ subscriptionId: classic.id });
    expect(summary(flexibleFirst!)).toEqual({ total: "100.00", lines: ["LICENSE - 1 × 100 = 100.00"] });
    expect(summary(classicFirst!)).toEqual({
      total: "100.00",
      lines: ["USAGE 1 0 × 0 = 0.00", "LICENSE - 1 × 100 = 100.00"],
    });
    expect(classicFirst!.lines[0]).toMatchObject({
      price: { id: tiered },
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
    });
  });

  it("creates no first invoice for a FLEXIBLE metered-only subscription, a zero one for CLASSIC", async () => {
    const { customer, usage } = await setup("2026-01-01T00:00:00Z");
    const flexible = await b.subscribe({ customerId: customer, items: [{ priceId: usage }] });
    const classic = await b.subscribe({ customerId: customer, items: [{ priceId: usage }], billingMode: "CLASSIC" });
    expect(await b.invoices({ subscriptionId: flexible.id })).toEqual([]);
    const [zero, ...rest] = await b.invoices({ subscriptionId: classic.id });
    expect(rest).toEqual([]);
    expect(summary(zero!)).toEqual({ total: "0.00", lines: ["USAGE - 0 × 0.01 = 0.00"] });
  });

  it("bills usage recorded in a CLASSIC subscription's first period at its end", async () => {
    const { clock, customer, usage, meter } = await setup("2026-01-01T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }], billingMode: "CLASSIC" });
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "250" });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => summary(i))).toEqual([
      { total: "0.00", lines: ["USAGE - 0 × 0.01 = 0.00"] },
      { total: "2.50", lines: ["USAGE - 250 × 0.01 = 2.50"] },
    ]);
  });

  it("prorates the licence of a backdated first period shorter than an interval", async () => {
    const { clock, customer, license } = await setup("2026-01-20T00:00:00Z");
    const sub = await b.subscribe({
      customerId: customer,
      items: [{ priceId: license }],
      startDate: "2026-01-05T00:00:00Z",
      billingCycleAnchor: "2026-02-01T00:00:00Z",
    });
    expect(sub).toMatchObject({
      currentPeriodStart: "2026-01-05T00:00:00.000Z",
      currentPeriodEnd: "2026-02-01T00:00:00.000Z",
    });
    const [first] = await b.invoices({ subscriptionId: sub.id });
    // 27 of January's 31 days: 100 × 27/31 = 87.0967… → 87.10.
    expect(first).toMatchObject({
      periodStart: "2026-01-05T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
      total: { amount: "87.10" },
    });
    expect(first!.lines).toMatchObject([
      { description: "License fee (prorated)", quantity: "1", unitAmount: "100", amount: { amount: "87.10" } },
    ]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, second] = await b.invoices({ subscriptionId: sub.id });
    expect(summary(second!)).toEqual({ total: "100.00", lines: ["LICENSE - 1 × 100 = 100.00"] });
    expect(second!.lines[0]).toMatchObject({
      periodStart: "2026-02-01T00:00:00.000Z",
      periodEnd: "2026-03-01T00:00:00.000Z",
    });
  });

  it("invoices at once the periods a backdated start has already ended, with the usage recorded in them", async () => {
    const { customer, license, usage, meter } = await setup("2026-02-10T00:00:00Z");
    await b.record({
      eventName: meter.eventName,
      customerId: customer,
      value: "500",
      timestamp: "2026-01-20T00:00:00Z",
    });
    const sub = await b.subscribe({
      customerId: customer,
      items: [{ priceId: usage }, { priceId: license, quantity: 1 }],
      startDate: "2026-01-10T00:00:00Z",
    });
    expect(sub).toMatchObject({
      currentPeriodStart: "2026-02-10T00:00:00.000Z",
      currentPeriodEnd: "2026-03-10T00:00:00.000Z",
    });
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.billingReason, i.periodStart, i.periodEnd, summary(i)])).toEqual([
      [
        "SUBSCRIPTION_CREATE",
        "2026-01-10T00:00:00.000Z",
        "2026-02-10T00:00:00.000Z",
        { total: "100.00", lines: ["LICENSE - 1 × 100 = 100.00"] },
      ],
      [
        "SUBSCRIPTION_CYCLE",
        "2026-01-10T00:00:00.000Z",
        "2026-02-10T00:00:00.000Z",
        { total: "105.00", lines: ["USAGE - 500 × 0.01 = 5.00", "LICENSE - 1 × 100 = 100.00"] },
      ],
    ]);
    expect(Number(invoices[1]!.number.slice(4))).toBe(Number(invoices[0]!.number.slice(4)) + 1);
  });

  it("follows a month-end anchor: Jan 31 → Feb 29 (2028) → Mar 31 → Apr 30", async () => {
    const { clock, customer, license } = await setup("2028-01-31T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    expect(sub.currentPeriodEnd).toBe("2028-02-29T00:00:00.000Z");
    await b.advance(clock, "2028-03-31T00:00:00Z");
    await b.advance(clock, "2028-05-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.periodStart.slice(0, 10), i.periodEnd.slice(0, 10)])).toEqual([
      ["2028-01-31", "2028-02-29"],
      ["2028-01-31", "2028-02-29"],
      ["2028-02-29", "2028-03-31"],
      ["2028-03-31", "2028-04-30"],
    ]);
    expect(invoices.map((i) => [i.lines[0]!.periodStart.slice(0, 10), i.lines[0]!.periodEnd.slice(0, 10)])).toEqual([
      ["2028-01-31", "2028-02-29"],
      ["2028-02-29", "2028-03-31"],
      ["2028-03-31", "2028-04-30"],
      ["2028-04-30", "2028-05-31"],
    ]);
    expect(invoices.every((i) => i.total.amount === "100.00")).toBe(true);
    expect(await b.subscription(sub.id)).toMatchObject({
      currentPeriodStart: "2028-04-30T00:00:00.000Z",
      currentPeriodEnd: "2028-05-31T00:00:00.000Z",
    });
  });

  it("supports other intervals: every 2 weeks", async () => {
    const { clock, customer } = await setup("2026-01-01T00:00:00Z");
    const biweekly = await b.licensed("7", { recurring: { interval: "WEEK", intervalCount: 2 } });
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: biweekly }] });
    expect(sub.currentPeriodEnd).toBe("2026-01-15T00:00:00.000Z");
    await b.advance(clock, "2026-01-29T00:00:00Z");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => i.periodEnd.slice(0, 10))).toEqual(["2026-01-15", "2026-01-15", "2026-01-29"]);
  });
});

describe("createSubscription validation", () => {
  it("refuses bad input with a typed error and its field, storing nothing", async () => {
    const { customer, license, usage } = await setup("2026-01-01T00:00:00Z");
    const eur = await b.licensed("100", { currency: "eur" });
    const yearly = await b.licensed("1000", { recurring: { interval: "YEAR" } });
    const inactive = await b.licensed("5");
    await catalog(app).updatePrice({ id: inactive, active: false });
    const other = await app.createAccount();
    const foreignPrice = await billing(app, other.testSecretKey).licensed("1");

    const base = { customerId: customer, items: [{ priceId: license }] };
    const cases: Array<[string, Obj, Obj]> = [
      [
        "unknown customer",
        { ...base, customerId: "cus_nope" },
        { __typename: "NotFoundError", code: "NOT_FOUND", field: ["input", "customerId"] },
      ],
      [
        "no items",
        { ...base, items: [] },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "items"] },
      ],
      [
        "21 items",
        { ...base, items: Array.from({ length: 21 }, () => ({ priceId: license })) },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "items"] },
      ],
      [
        "unknown price",
        { ...base, items: [{ priceId: license }, { priceId: "price_nope" }] },
        { __typename: "NotFoundError", code: "NOT_FOUND", field: ["input", "items", "1", "priceId"] },
      ],
      [
        "another account's price",
        { ...base, items: [{ priceId: foreignPrice }] },
        { __typename: "NotFoundError", code: "NOT_FOUND", field: ["input", "items", "0", "priceId"] },
      ],
      [
        "a price twice",
        { ...base, items: [{ priceId: license }, { priceId: license }] },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "items", "1", "priceId"] },
      ],
      [
        "an inactive price",
        { ...base, items: [{ priceId: inactive }] },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "items", "0", "priceId"] },
      ],
      [
        "two currencies",
        { ...base, items: [{ priceId: license }, { priceId: eur }] },
        { __typename: "InvalidInputError", code: "CURRENCY_MISMATCH", field: ["input", "items", "1", "priceId"] },
      ],
      [
        "two intervals",
        { ...base, items: [{ priceId: license }, { priceId: yearly }] },
        { __typename: "InvalidInputError", code: "INTERVAL_MISMATCH", field: ["input", "items", "1", "priceId"] },
      ],
      [
        "a quantity for a metered price",
        { ...base, items: [{ priceId: usage, quantity: 2 }] },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "items", "0", "quantity"] },
      ],
      [
        "quantity 0",
        { ...base, items: [{ priceId: license, quantity: 0 }] },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "items", "0", "quantity"] },
      ],
      [
        "a start in the future",
        { ...base, startDate: "2026-01-01T00:00:01Z" },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "startDate"] },
      ],
      [
        "a start 36 days back",
        { ...base, startDate: "2025-11-26T00:00:00Z" },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "startDate"] },
      ],
      [
        "an anchor before the start",
        { ...base, startDate: "2025-12-20T00:00:00Z", billingCycleAnchor: "2025-12-19T00:00:00Z" },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "billingCycleAnchor"] },
      ],
      [
        "an anchor a whole interval after the start",
        { ...base, billingCycleAnchor: "2026-02-01T00:00:00Z" },
        { __typename: "InvalidInputError", code: "INVALID_INPUT", field: ["input", "billingCycleAnchor"] },
      ],
    ];
    const before = await counts();
    for (const [name, input, expected] of cases) {
      const result = await b.trySubscribe(input);
      expect({ name, ...result }).toMatchObject({ name, ...expected });
      expect(result).toMatchObject({ message: expect.any(String) });
    }
    expect(await counts()).toEqual(before);
    // Exactly 35 days back is allowed.
    const ok = await b.subscribe({ ...base, startDate: "2025-11-27T00:00:00Z" });
    expect(ok.startDate).toBe("2025-11-27T00:00:00.000Z");
  });

  it("rejects malformed dates and unknown billing modes as bad requests, not server errors", async () => {
    const res = await app.gql(
      `mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { __typename } }`,
      {
        input: { customerId: "cus_x", items: [], startDate: "yesterday" },
      },
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/ISO-8601/);
    const mode = await app.gql(
      `mutation { createSubscription(input: { customerId: "cus_x", items: [], billingMode: WEEKLY }) { __typename } }`,
    );
    expect(mode.errors?.[0]?.message).toMatch(/BillingMode/);
  });
});

describe("cancelSubscription", () => {
  it("now: a final invoice with the usage not yet invoiced, then nothing more", async () => {
    const { clock, customer, license, usage, meter } = await setup("2026-01-01T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
    await b.advance(clock, "2026-01-15T12:00:00Z");
    await b.record({
      eventName: meter.eventName,
      customerId: customer,
      value: "1000",
      timestamp: "2026-01-15T11:59:59.999Z",
    });
    const canceled = await b.cancel(sub.id, false);
    expect(canceled).toMatchObject({
      __typename: "Subscription",
      status: "CANCELED",
      canceledAt: "2026-01-15T12:00:00.000Z",
      cancelAtPeriodEnd: false,
    });
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(2);
    expect(invoices[1]).toMatchObject({
      billingReason: "SUBSCRIPTION_CANCEL",
      status: "OPEN",
      periodStart: "2026-01-01T00:00:00.000Z",
      // Up to the instant of cancellation, excluded (periods are half-open).
      periodEnd: "2026-01-15T12:00:00.000Z",
      createdAt: "2026-01-15T12:00:00.000Z",
    });
    expect(summary(invoices[1]!)).toEqual({ total: "10.00", lines: ["USAGE - 1000 × 0.01 = 10.00"] });
    expect(await b.preview(sub.id)).toBeNull();

    expect(await b.cancel(sub.id, false)).toMatchObject({
      __typename: "InvalidInputError",
      code: "SUBSCRIPTION_NOT_ACTIVE",
      field: ["input", "id"],
    });
    expect(await b.cancel(sub.id, true)).toMatchObject({
      __typename: "InvalidInputError",
      code: "SUBSCRIPTION_NOT_ACTIVE",
    });
    await b.advance(clock, "2026-04-01T00:00:00Z");
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(2);
  });

  it("at period end: the last invoice carries only that period's usage", async () => {
    const { clock, customer, license, usage, meter } = await setup("2026-01-01T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
    await b.advance(clock, "2026-01-20T00:00:00Z");
    await b.record({ eventName: meter.eventName, customerId: customer, value: "300" });
    const pending = await b.cancel(sub.id, true);
    expect(pending).toMatchObject({ status: "ACTIVE", cancelAtPeriodEnd: true, canceledAt: null });
    expect(summary((await b.preview(sub.id))!)).toEqual({ total: "3.00", lines: ["USAGE - 300 × 0.01 = 3.00"] });
    // Asking again changes nothing.
    expect(await b.cancel(sub.id, true)).toMatchObject({ status: "ACTIVE", cancelAtPeriodEnd: true });

    await b.advance(clock, "2026-03-15T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.billingReason, summary(i).total])).toEqual([
      ["SUBSCRIPTION_CREATE", "100.00"],
      ["SUBSCRIPTION_CYCLE", "3.00"],
    ]);
    expect(summary(invoices[1]!).lines).toEqual(["USAGE - 300 × 0.01 = 3.00"]);
    expect(await b.subscription(sub.id)).toMatchObject({
      status: "CANCELED",
      canceledAt: "2026-02-01T00:00:00.000Z",
      cancelAtPeriodEnd: true,
    });
  });

  it("now after asking for period end: cancels at once, with no final invoice at the start instant", async () => {
    const { customer, usage, license } = await setup("2026-01-01T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
    await b.cancel(sub.id, true);
    const canceled = await b.cancel(sub.id, false);
    expect(canceled).toMatchObject({
      status: "CANCELED",
      canceledAt: "2026-01-01T00:00:00.000Z",
      cancelAtPeriodEnd: false,
    });
    // Cancelled at the instant it started: the period [start, start) holds no usage, so no final invoice.
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.billingReason, summary(i)])).toEqual([
      ["SUBSCRIPTION_CREATE", { total: "100.00", lines: ["LICENSE - 1 × 100 = 100.00"] }],
    ]);
  });

  it("makes no final invoice for a licensed-only subscription (it would have no lines)", async () => {
    const { customer, license } = await setup("2026-01-01T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    expect(await b.cancel(sub.id, false)).toMatchObject({ status: "CANCELED" });
    expect((await b.invoices({ subscriptionId: sub.id })).map((i) => i.billingReason)).toEqual(["SUBSCRIPTION_CREATE"]);
  });

  it("answers NOT_FOUND for an unknown subscription", async () => {
    expect(await b.cancel("sub_nope", false)).toMatchObject({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
  });
});

describe("subscription queries", () => {
  it("reads one subscription, lists them newest first with filters and pages, and resolves nodes", async () => {
    const { customer, license } = await setup("2026-01-01T00:00:00Z");
    const subs = [];
    for (let i = 0; i < 3; i += 1)
      subs.push(await b.subscribe({ customerId: customer, items: [{ priceId: license }] }));
    await b.cancel(subs[1]!.id, false);
    expect(await b.subscription(subs[0]!.id)).toMatchObject({ id: subs[0]!.id, customer: { id: customer } });
    expect(await b.subscription("sub_nope")).toBeNull();

    const list = async (variables: SubscriptionsListQueryVariables) =>
      (await app.data(LIST, { c: customer, ...variables })).subscriptions;
    // Same createdAt (the clock's time): newest first falls back to the id, so the order is stable.
    const all = await list({});
    expect(ofPage(all).sort()).toEqual(subs.map((s) => s.id).sort());
    const page1 = await list({ first: 2 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await list({ first: 2, after: page1.pageInfo.endCursor });
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...ofPage(page1), ...ofPage(page2)]).toEqual(ofPage(all));
    expect(ofPage(await list({ s: "CANCELED" }))).toEqual([subs[1]!.id]);

    const nodes = await app.data(NODES, { s: subs[0]!.id, i: subs[0]!.items[0]!.id });
    expect(nodes).toEqual({
      s: { __typename: "Subscription", id: subs[0]!.id, status: "ACTIVE" },
      i: { __typename: "SubscriptionItem", id: subs[0]!.items[0]!.id, quantity: 1, price: { id: license } },
    });

    const viaCustomer = await app.data(VIA_CUSTOMER, { id: customer });
    expect(ofPage(viaCustomer.customer!.subscriptions)).toEqual(ofPage(all));
  });

  it("lists newest first across creation times", async () => {
    const customer = await b.customer();
    const license = await b.licensed("1");
    app.clock.set(new Date("2026-05-01T00:00:00Z"));
    const older = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    app.clock.set(new Date("2026-05-02T00:00:00Z"));
    const newer = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    expect(ofPage((await app.data(PAGE, { c: customer })).subscriptions)).toEqual([newer.id, older.id]);
  });
  it("pages backwards with last/before, and answers an empty page for a cursor naming nothing", async () => {
    const { customer, license } = await setup("2026-01-01T00:00:00Z");
    for (let i = 0; i < 5; i += 1) await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    const page = async (v: SubscriptionsPageQueryVariables) =>
      (await app.data(PAGE, { c: customer, ...v })).subscriptions;
    const ids = ofPage(await page({ first: 10 }));
    expect(ids).toHaveLength(5);
    const last2 = await page({ last: 2 });
    expect(ofPage(last2)).toEqual(ids.slice(3));
    expect(last2.pageInfo.hasPreviousPage).toBe(true);
    const before = await page({ last: 2, before: last2.pageInfo.startCursor });
    expect(ofPage(before)).toEqual(ids.slice(1, 3));
    expect(ofPage(await page({ first: 2, after: ids[1] }))).toEqual(ids.slice(2, 4));
    const other = await app.createAccount();
    const foreign = await app.data(PAGE, { first: 5, after: ids[0] }, other.testSecretKey);
    expect(foreign.subscriptions.edges).toEqual([]);
    expect(ofPage(await page({ first: 5, after: "sub_missing" }))).toEqual([]);
  });
});

describe("isolation", () => {
  it("shows subscriptions only to their account and mode, and lets no other key touch them", async () => {
    const { customer, license } = await setup("2026-01-01T00:00:00Z");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, other.liveSecretKey, app.account.liveSecretKey]) {
      const read = await app.data(ISOLATION, { id: sub.id, item: sub.items[0]!.id, c: customer }, key);
      expect(read).toEqual({
        subscription: null,
        node: null,
        item: null,
        subscriptions: { edges: [] },
        all: { edges: [] },
        previewInvoice: null,
      });
      const foreign = billing(app, key);
      expect(await foreign.cancel(sub.id, false)).toMatchObject({
        __typename: "NotFoundError",
        field: ["input", "id"],
      });
      expect(await foreign.trySubscribe({ customerId: customer, items: [{ priceId: license }] })).toMatchObject({
        __typename: "NotFoundError",
        field: ["input", "customerId"],
      });
    }
    expect(await b.subscription(sub.id)).toMatchObject({ status: "ACTIVE" });
  });

  it("keeps live-mode subscriptions apart from test mode", async () => {
    const live = billing(app, app.account.liveSecretKey);
    const customer = await live.customer();
    const license = await live.licensed("9");
    const sub = await live.subscribe({ customerId: customer, items: [{ priceId: license }] });
    expect(await live.subscription(sub.id)).toMatchObject({ id: sub.id });
    expect(await b.subscription(sub.id)).toBeNull();
    const [invoice] = await live.invoices({ subscriptionId: sub.id });
    expect(invoice).toMatchObject({ total: { amount: "9.00" } });
    expect(await b.invoices({ subscriptionId: sub.id })).toEqual([]);
  });
});
