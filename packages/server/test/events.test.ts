// The event log (docs/concepts/webhooks.md) through the API: what is recorded for meters, customers, subscriptions
// and invoices, its order and filters, and isolation between accounts and modes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing } from "./support/billing.js";
import { graphql } from "./generated/gql.js";
import type { EventsListQuery } from "./generated/graphql.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

const EVENTS = graphql(`
  query EventsList($type: String, $first: Int, $after: String) {
    events(type: $type, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          type
          data
          previousAttributes
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const EVENT = graphql(`
  query EventsOne($id: ID!) {
    event(id: $id) {
      id
      type
      data
    }
    node(id: $id) {
      id
      ... on Event {
        type
      }
    }
  }
`);

const EVENT_ID = graphql(`
  query EventsOneId($id: ID!) {
    event(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
  }
`);

const DEACTIVATE_METER = graphql(`
  mutation EventsDeactivateMeter($id: ID!) {
    deactivateMeter(input: { id: $id }) {
      __typename
    }
  }
`);

const REACTIVATE_METER = graphql(`
  mutation EventsReactivateMeter($id: ID!) {
    reactivateMeter(input: { id: $id }) {
      __typename
    }
  }
`);

const METER_EVENT_NAME = graphql(`
  query EventsMeterEventName($id: ID!) {
    meter(id: $id) {
      eventName
    }
  }
`);

type Event = EventsListQuery["events"]["edges"][number]["node"];

/** The account's events, newest first. */
async function events(type?: string, key?: string): Promise<Event[]> {
  const res = await app.request(EVENTS, { type, first: 100 }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.events.edges.map((e) => e.node);
}

/** The events recorded since `before` (a list from events()), oldest first, as "type object-id". */
async function since(before: Event[]): Promise<string[]> {
  const seen = new Set(before.map((e) => e.id));
  return (await events())
    .filter((e) => !seen.has(e.id))
    .reverse()
    .map((e) => `${e.type} ${e.data.id}`);
}

const CATALOG = graphql(`
  mutation EventsCatalog($coupon: CreateCouponInput!, $taxRate: CreateTaxRateInput!) {
    createCoupon(input: $coupon) {
      ... on Coupon {
        id
      }
    }
    createTaxRate(input: $taxRate) {
      ... on TaxRate {
        id
      }
    }
  }
`);

const CATALOG_CHANGES = graphql(`
  mutation EventsCatalogChanges($couponId: ID!, $taxRateId: ID!, $displayName: String!) {
    createPromotionCode(input: { couponId: $couponId, code: "EVENTS10" }) {
      ... on PromotionCode {
        id
      }
    }
    updateTaxRate(input: { id: $taxRateId, displayName: $displayName }) {
      ... on TaxRate {
        id
      }
    }
  }
`);

const CATALOG_ENDS = graphql(`
  mutation EventsCatalogEnds($couponId: ID!, $codeId: ID!) {
    updatePromotionCode(input: { id: $codeId, active: false }) {
      ... on PromotionCode {
        id
      }
    }
    deleteCoupon(input: { id: $couponId }) {
      ... on Coupon {
        id
      }
    }
  }
`);

let n = 0;
const eventName = () => `api_calls_${(n += 1)}_${Date.now()}`;

describe("events", () => {
  it("records meter creation, deactivation and reactivation, but not a no-op change", async () => {
    const before = await events();
    const meter = await b.meter(eventName());
    await app.data(DEACTIVATE_METER, { id: meter });
    await app.data(DEACTIVATE_METER, { id: meter });
    await app.data(REACTIVATE_METER, { id: meter });
    expect(await since(before)).toEqual([
      `billing.meter.created ${meter}`,
      `billing.meter.deactivated ${meter}`,
      `billing.meter.reactivated ${meter}`,
    ]);
    const [reactivated] = await events("billing.meter.reactivated");
    expect(reactivated!.data).toMatchObject({ id: meter, status: "ACTIVE", aggregation: "SUM" });
  });

  it("records a subscription's life: created with its first invoice, cancel at period end, ended by the period's close", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const before = await events();
    const customer = await b.customer({ testClockId: clock });
    const license = await b.licensed("100");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    const [first] = await b.invoices({ subscriptionId: sub.id });
    expect(await since(before)).toEqual([
      `customer.created ${customer}`,
      `customer.subscription.created ${sub.id}`,
      `invoice.created ${first!.id}`,
      `invoice.finalized ${first!.id}`,
    ]);

    const [finalized] = await events("invoice.finalized");
    expect(finalized!.data).toEqual({
      id: first!.id,
      number: first!.number,
      customerId: customer,
      subscriptionId: sub.id,
      billingReason: "SUBSCRIPTION_CREATE",
      status: "OPEN",
      currency: "usd",
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
      lines: [
        {
          id: expect.stringMatching(/^il_/),
          kind: "LICENSE",
          description: expect.any(String),
          priceId: license,
          tier: null,
          quantity: "1",
          unitAmount: "100",
          amount: { amount: "100.00", currency: "usd" },
          periodStart: "2026-01-01T00:00:00.000Z",
          periodEnd: "2026-02-01T00:00:00.000Z",
        },
      ],
      subtotal: { amount: "100.00", currency: "usd" },
      creditsApplied: { amount: "0.00", currency: "usd" },
      total: { amount: "100.00", currency: "usd" },
      amountDue: { amount: "100.00", currency: "usd" },
      startingBalance: { amount: "0.00", currency: "usd" },
      endingBalance: { amount: "0.00", currency: "usd" },
      amountPaid: { amount: "0.00", currency: "usd" },
      amountRemaining: { amount: "100.00", currency: "usd" },
      paidOutOfBand: false,
      dueDate: "2026-01-31T00:00:00.000Z",
      createdAt: "2026-01-01T00:00:00.000Z",
      finalizedAt: "2026-01-01T00:00:00.000Z",
      paidAt: null,
      voidedAt: null,
      markedUncollectibleAt: null,
    });

    const afterCreate = await events();
    await b.cancel(sub.id, true);
    expect(await since(afterCreate)).toEqual([`customer.subscription.updated ${sub.id}`]);
    const [updated] = await events("customer.subscription.updated");
    expect(updated!.data).toMatchObject({
      id: sub.id,
      status: "ACTIVE",
      cancelAtPeriodEnd: true,
      items: [{ priceId: license, quantity: 1 }],
    });

    // The period's close ends the subscription; a licence-only subscription has no usage to bill then.
    const afterCancel = await events();
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(1);
    expect(await since(afterCancel)).toEqual([`customer.subscription.deleted ${sub.id}`]);
    const [deleted] = await events("customer.subscription.deleted");
    expect(deleted!.data).toMatchObject({ id: sub.id, status: "CANCELED", canceledAt: "2026-02-01T00:00:00.000Z" });
  });

  it("records an immediate cancellation with its final invoice", async () => {
    const clock = await b.clock("2026-03-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const meter = await b.meter(eventName());
    const usage = await b.metered(meter, { unitAmount: "0.5" });
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }] });
    await b.record({
      eventName: (await app.data(METER_EVENT_NAME, { id: meter })).meter!.eventName,
      customerId: customer,
      value: "4",
    });
    // The final invoice bills [period start, now): the event must be before the cancellation.
    await b.advance(clock, "2026-03-01T00:01:00Z");
    const before = await events();
    await b.cancel(sub.id, false);
    const [final] = (await b.invoices({ subscriptionId: sub.id })).slice(-1);
    expect(final!.billingReason).toBe("SUBSCRIPTION_CANCEL");
    expect(await since(before)).toEqual([
      `invoice.created ${final!.id}`,
      `invoice.finalized ${final!.id}`,
      `customer.subscription.deleted ${sub.id}`,
    ]);
  });

  it("records coupons, promotion codes and tax rates: created, changed (with previousAttributes), deleted", async () => {
    const before = await events();
    const created = await app.data(CATALOG, {
      coupon: { percentOff: "10", duration: "FOREVER", name: "Ten" },
      taxRate: { displayName: "VAT", percentage: "20", inclusive: false, country: "fr" },
    });
    const couponId = "id" in created.createCoupon ? created.createCoupon.id : "";
    const taxRateId = "id" in created.createTaxRate ? created.createTaxRate.id : "";
    const changed = await app.data(CATALOG_CHANGES, { couponId, taxRateId, displayName: "TVA" });
    const codeId = "id" in changed.createPromotionCode ? changed.createPromotionCode.id : "";
    // The same name again changes nothing, so it records nothing.
    await app.data(CATALOG_CHANGES, { couponId, taxRateId, displayName: "TVA" });
    await app.data(CATALOG_ENDS, { couponId, codeId });
    expect(await since(before)).toEqual([
      `coupon.created ${couponId}`,
      `tax_rate.created ${taxRateId}`,
      `promotion_code.created ${codeId}`,
      `tax_rate.updated ${taxRateId}`,
      `promotion_code.updated ${codeId}`,
      `coupon.deleted ${couponId}`,
    ]);
    const [rate] = await events("tax_rate.updated");
    expect(rate).toMatchObject({
      data: { id: taxRateId, displayName: "TVA", percentage: "20", country: "FR", active: true },
      previousAttributes: { displayName: "VAT" },
    });
    const [code] = await events("promotion_code.updated");
    expect(code).toMatchObject({ data: { code: "EVENTS10", active: false }, previousAttributes: { active: true } });
    const [coupon] = await events("coupon.deleted");
    expect(coupon!.data).toMatchObject({ id: couponId, name: "Ten", percentOff: "10", deletedAt: expect.any(String) });
  });

  it("filters by type, pages newest first without gaps, and resolves event(id) and node(id)", async () => {
    for (let i = 0; i < 3; i += 1) await b.meter(eventName());
    const all = await events("billing.meter.created");
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.every((e) => e.type === "billing.meter.created")).toBe(true);
    const times = all.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const paged: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const { events: page }: EventsListQuery = await app.data(EVENTS, {
        type: "billing.meter.created",
        first: 2,
        after,
      });
      paged.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((e) => e.id));

    const one = all[0]!;
    const res = await app.data(EVENT, { id: one.id });
    expect(res).toEqual({
      event: { id: one.id, type: one.type, data: one.data },
      node: { id: one.id, type: one.type },
    });
    expect(one.id).toMatch(/^evt_/);
  });

  it("is invisible to another account and to the other mode", async () => {
    const mine = await events();
    expect(mine.length).toBeGreaterThan(0);
    const other = await app.createAccount();
    expect(await events(undefined, other.testSecretKey)).toEqual([]);
    expect(await events(undefined, app.account.liveSecretKey)).toEqual([]);
    const res = await app.data(EVENT_ID, { id: mine[0]!.id }, other.testSecretKey);
    expect(res).toEqual({ event: null, node: null });

    // And the live mode has a log of its own.
    await billing(app, app.account.liveSecretKey).meter(eventName());
    const live = await events(undefined, app.account.liveSecretKey);
    expect(live.map((e) => e.type)).toEqual(["billing.meter.created"]);
    expect((await events()).map((e) => e.id)).not.toContain(live[0]!.id);
  });
});
