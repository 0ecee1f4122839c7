// Spend caps (docs/concepts/subscriptions.md#spend-caps) and money alerts (docs/concepts/alerts.md#alert-types)
// through the API: BLOCK_EVENTS refuses the events that would take the period's previewed total over
// the cap (single events and per event in a batch), no invoice exceeds a cap under concurrent
// batches, billing.spend_cap.reached once per period, a prepaid customer hitting its cap, the
// SPEND, FORECAST and CREDIT_BALANCE alerts firing once at the crossing request (also under
// concurrency), validation and isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { catalog } from "./support/catalog.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

let meters = 0;
async function meter() {
  const eventName = `cap_tokens_${++meters}`;
  return { id: await b.meter(eventName), eventName };
}

const SUBSCRIPTION = "id spendCap { amount { amount currency } behavior }";

/** A test-clock customer subscribed to 0.10 per unit (graduated: the first 100 units free, when `tiers`). */
async function capped(spendCap: Obj | null, options: { tiers?: boolean; start?: string } = {}) {
  const clock = await b.clock(options.start ?? "2026-01-01T00:00:00Z");
  const customer = await b.customer({ testClockId: clock });
  const m = await meter();
  const price = await b.metered(
    m.id,
    options.tiers
      ? {
          billingScheme: "TIERED",
          tiersMode: "GRADUATED",
          tiers: [
            { upTo: "100", unitAmount: "0" },
            { upTo: null, unitAmount: "0.10" },
          ],
        }
      : { unitAmount: "0.10" },
  );
  const res = await app.gql(
    `mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) {
       __typename ... on Subscription { ${SUBSCRIPTION} } ... on Error { code message field } } }`,
    { input: { customerId: customer, items: [{ priceId: price }], ...(spendCap ? { spendCap } : {}) } },
  );
  const subscription = res.data.createSubscription;
  expect(subscription.__typename).toBe("Subscription");
  return { clock, customer, meter: m, subscription: subscription.id as string };
}

async function record(m: { eventName: string }, customerId: string, value: string) {
  const res = await app.gql(
    `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) {
       __typename ... on MeterEvent { identifier } ... on Error { code message field } } }`,
    { input: { eventName: m.eventName, customerId, value } },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.recordMeterEvent as Obj;
}

async function recordMany(m: { eventName: string }, customerId: string, values: string[]) {
  const res = await app.gql(
    `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) {
       __typename ... on RecordMeterEventsSummary { accepted duplicates rejected { index code } }
       ... on Error { code message } } }`,
    { input: { events: values.map((value) => ({ eventName: m.eventName, customerId, value })) } },
  );
  return res.data.recordMeterEvents as Obj;
}

async function reachedEvents(subscriptionId: string, key?: string): Promise<Obj[]> {
  const res = await app.gql(
    `{ events(type: "billing.spend_cap.reached", first: 100) { edges { node { type data } } } }`,
    {},
    key,
  );
  return res.data.events.edges.map((e: Obj) => e.node.data).filter((d: Obj) => d.subscriptionId === subscriptionId);
}

const total = async (subscription: string) => (await b.preview(subscription))!.total.amount;

describe("spend caps: BLOCK_EVENTS", () => {
  it("refuses the event that would take the period's total over the cap, accepts those that fit, reports once", async () => {
    const { clock, customer, meter: m, subscription } = await capped({ amount: "10", behavior: "BLOCK_EVENTS" });
    expect((await b.subscription(subscription)) as Obj).toBeTruthy();
    await b.advance(clock, "2026-01-05T00:00:00Z");
    expect(await record(m, customer, "60")).toMatchObject({ __typename: "MeterEvent" });
    expect(await record(m, customer, "50")).toMatchObject({
      __typename: "MeterEventError",
      code: "SPEND_CAP_EXCEEDED",
      field: ["input"],
    });
    expect(await total(subscription)).toBe("6.00");
    expect(await reachedEvents(subscription)).toHaveLength(1);
    // Exactly the cap is allowed.
    expect(await record(m, customer, "40")).toMatchObject({ __typename: "MeterEvent" });
    expect(await record(m, customer, "0.1")).toMatchObject({ code: "SPEND_CAP_EXCEEDED" });
    expect(await total(subscription)).toBe("10.00");
    const reached = await reachedEvents(subscription);
    expect(reached).toHaveLength(1);
    expect(reached[0]).toMatchObject({
      customerId: customer,
      spendCap: { amount: { amount: "10.00", currency: "usd" }, behavior: "BLOCK_EVENTS" },
      periodStart: "2026-01-01T00:00:00.000Z",
      total: { amount: "6.00", currency: "usd" },
      reachedAt: "2026-01-05T00:00:00.000Z",
    });

    // The period's invoice is the cap; the next period starts from nothing, and reports again.
    await b.advance(clock, "2026-02-02T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: subscription });
    expect(invoices.at(-1)!.total.amount).toBe("10.00");
    expect(await record(m, customer, "100")).toMatchObject({ __typename: "MeterEvent" });
    expect(await reachedEvents(subscription)).toHaveLength(2);
  });

  it("decides each event of a batch in order, storing only the accepted", async () => {
    const {
      clock,
      customer,
      meter: m,
      subscription,
    } = await capped({ amount: "5", behavior: "BLOCK_EVENTS" }, { tiers: true });
    await b.advance(clock, "2026-01-03T00:00:00Z");
    // 100 free units, then 0.10: 120 units = 2.00, +40 = 6.00 (refused), +10 = 3.00, +25 = 5.50 (refused), +20 = 5.00.
    expect(await recordMany(m, customer, ["120", "40", "10", "25", "20"])).toEqual({
      __typename: "RecordMeterEventsSummary",
      accepted: 3,
      duplicates: 0,
      rejected: [
        { index: 1, code: "SPEND_CAP_EXCEEDED" },
        { index: 3, code: "SPEND_CAP_EXCEEDED" },
      ],
    });
    expect(await total(subscription)).toBe("5.00");
    const preview = (await b.preview(subscription))!;
    expect(preview.lines.map((l) => l.quantity)).toEqual(["100", "50"]);
  });

  it("never lets an invoice exceed the cap under concurrent batches, and reports the crossing once", async () => {
    const { clock, customer, meter: m, subscription } = await capped({ amount: "25", behavior: "BLOCK_EVENTS" });
    await b.advance(clock, "2026-01-10T00:00:00Z");
    const values = (i: number) => Array.from({ length: 5 }, (_, j) => String(((i * 7 + j * 13) % 23) + 1));
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => recordMany(m, customer, values(i))));
    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    const refused = results.reduce((n, r) => n + r.rejected.length, 0);
    expect(accepted + refused).toBe(80);
    expect(refused).toBeGreaterThan(0);
    const preview = (await b.preview(subscription))!;
    expect(Number(preview.total.amount)).toBeLessThanOrEqual(25);
    // Nothing refused was stored: the usage is the accepted events' sum.
    const acceptedSum = results.flatMap((r, i) => {
      const rejected = new Set(r.rejected.map((x: Obj) => x.index));
      return values(i).filter((_, j) => !rejected.has(j));
    });
    expect(preview.lines[0]!.quantity).toBe(String(acceptedSum.reduce((s, v) => s + Number(v), 0)));
    expect(await reachedEvents(subscription)).toHaveLength(1);
    await b.advance(clock, "2026-02-02T00:00:00Z");
    for (const invoice of await b.invoices({ subscriptionId: subscription })) {
      expect(Number(invoice.total.amount)).toBeLessThanOrEqual(25);
    }
  });

  it("a prepaid customer uses its credits, then hits the cap on what is left to pay", async () => {
    const { clock, customer, meter: m, subscription } = await capped({ amount: "3", behavior: "BLOCK_EVENTS" });
    await catalog(app).grant(customer, "5", { category: "PAID", name: "Prepaid" });
    await b.advance(clock, "2026-01-04T00:00:00Z");
    // 50 units = 5.00, all covered by the credits: the total after credits is 0.
    expect(await record(m, customer, "50")).toMatchObject({ __typename: "MeterEvent" });
    expect(await total(subscription)).toBe("0.00");
    expect(await record(m, customer, "30")).toMatchObject({ __typename: "MeterEvent" });
    expect(await record(m, customer, "0.5")).toMatchObject({ code: "SPEND_CAP_EXCEEDED" });
    expect(await total(subscription)).toBe("3.00");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoice = (await b.invoices({ subscriptionId: subscription })).at(-1)!;
    expect(invoice.total.amount).toBe("3.00");
    expect(await reachedEvents(subscription)).toHaveLength(1);
  });

  it("prices a segmented price's events once (its usage is read before they are stored)", async () => {
    const c = catalog(app);
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const m = await c.freshMeter("SUM", { dimensionPayloadKeys: ["tier"] });
    const gold = await c.metered(
      m.id,
      { unitAmount: "1" },
      { meterSegmentConditions: [{ dimension: "tier", value: "gold" }] },
    );
    const res = await app.gql(
      `mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) { __typename ... on Subscription { id } } }`,
      {
        input: {
          customerId: customer,
          items: [{ priceId: gold.id }],
          spendCap: { amount: "10", behavior: "BLOCK_EVENTS" },
        },
      },
    );
    const subscription = res.data.createSubscription.id as string;
    await b.advance(clock, "2026-01-05T00:00:00Z");
    const send = async (value: string) =>
      (
        await app.gql(
          `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) {
             __typename ... on Error { code } } }`,
          { input: { eventName: m.eventName, customerId: customer, value, payload: { tier: "gold" } } },
        )
      ).data.recordMeterEvent;
    // 6 + 2 = 8.00 is below the cap of 10 (counting the 2 twice would reach it), 8 + 2 reaches it, 10 + 1 would exceed it.
    expect(await send("6")).toMatchObject({ __typename: "MeterEvent" });
    expect(await send("2")).toMatchObject({ __typename: "MeterEvent" });
    expect(await reachedEvents(subscription)).toHaveLength(0);
    expect(await send("2")).toMatchObject({ __typename: "MeterEvent" });
    expect(await reachedEvents(subscription)).toHaveLength(1);
    expect(await send("1")).toMatchObject({ code: "SPEND_CAP_EXCEEDED" });
    expect(await total(subscription)).toBe("10.00");
  });
});

describe("spend caps: ALERT_ONLY, changes, validation, isolation", () => {
  it("ALERT_ONLY accepts every event and reports the period's crossing once", async () => {
    const { clock, customer, meter: m, subscription } = await capped({ amount: "2", behavior: "ALERT_ONLY" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    expect(await record(m, customer, "10")).toMatchObject({ __typename: "MeterEvent" });
    expect(await reachedEvents(subscription)).toHaveLength(0);
    await Promise.all(["15", "20", "5"].map((v) => record(m, customer, v)));
    expect(await record(m, customer, "100")).toMatchObject({ __typename: "MeterEvent" });
    expect(await total(subscription)).toBe("15.00");
    expect(await reachedEvents(subscription)).toHaveLength(1);
  });

  it("updateSubscription sets, changes and removes the cap, and ingest follows at once", async () => {
    const { clock, customer, meter: m, subscription } = await capped(null);
    await b.advance(clock, "2026-01-02T00:00:00Z");
    expect(await record(m, customer, "100")).toMatchObject({ __typename: "MeterEvent" });
    const update = (spendCap: Obj | null) =>
      app.gql(
        `mutation($input: UpdateSubscriptionInput!) { updateSubscription(input: $input) {
           __typename ... on Subscription { ${SUBSCRIPTION} } ... on Error { code message field } } }`,
        { input: { id: subscription, spendCap } },
      );
    expect((await update({ amount: "10.5", behavior: "BLOCK_EVENTS" })).data.updateSubscription).toMatchObject({
      spendCap: { amount: { amount: "10.50", currency: "usd" }, behavior: "BLOCK_EVENTS" },
    });
    expect(await record(m, customer, "6")).toMatchObject({ code: "SPEND_CAP_EXCEEDED" });
    expect(await record(m, customer, "5")).toMatchObject({ __typename: "MeterEvent" });
    expect((await update(null)).data.updateSubscription).toMatchObject({ spendCap: null });
    expect(await record(m, customer, "1000")).toMatchObject({ __typename: "MeterEvent" });
    const refused = (await update({ amount: "-1", behavior: "BLOCK_EVENTS" })).data.updateSubscription;
    expect(refused).toMatchObject({ code: "INVALID_INPUT", field: ["input", "spendCap", "amount"] });
    const tooFine = (await update({ amount: "1.001", behavior: "ALERT_ONLY" })).data.updateSubscription;
    expect(tooFine).toMatchObject({ code: "INVALID_INPUT", field: ["input", "spendCap", "amount"] });
    expect((await b.subscription(subscription)) as Obj).toBeTruthy();
  });

  it("another account's key sees neither the cap's events nor the subscription", async () => {
    const { clock, customer, meter: m, subscription } = await capped({ amount: "1", behavior: "BLOCK_EVENTS" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    await record(m, customer, "20");
    expect(await reachedEvents(subscription)).toHaveLength(1);
    const other = await app.createAccount("Other");
    expect(await reachedEvents(subscription, other.testSecretKey)).toHaveLength(0);
    const res = await app.gql(
      `query($id: ID!) { subscription(id: $id) { id } }`,
      { id: subscription },
      other.testSecretKey,
    );
    expect(res.data.subscription).toBeNull();
  });
});

const CREATE_ALERT = `mutation($input: CreateUsageAlertInput!) { createUsageAlert(input: $input) {
  __typename ... on UsageAlert { id type recurrence } ... on Error { code message field } } }`;

async function alert(input: Obj) {
  return (await app.gql(CREATE_ALERT, { input: { title: "money", recurrence: "EVERY_PERIOD", ...input } })).data
    .createUsageAlert as Obj;
}

async function triggers(alertId: string): Promise<Obj[]> {
  const res = await app.gql(`query($id: ID) { alertTriggers(alertId: $id) { value triggeredAt } }`, { id: alertId });
  return res.data.alertTriggers;
}

describe("money alerts", () => {
  it("SPEND fires once per period when the previewed total reaches the threshold", async () => {
    const { clock, customer, meter: m } = await capped(null);
    const a = await alert({ type: "SPEND", meterId: m.id, customerId: customer, threshold: "5" });
    expect(a).toMatchObject({ type: "SPEND", recurrence: "EVERY_PERIOD" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    await b.record({ eventName: m.eventName, customerId: customer, value: "40" });
    expect(await triggers(a.id)).toEqual([]);
    await b.record({ eventName: m.eventName, customerId: customer, value: "15" });
    expect(await triggers(a.id)).toEqual([{ value: "5.5", triggeredAt: "2026-01-02T00:00:00.000Z" }]);
    await b.record({ eventName: m.eventName, customerId: customer, value: "100" });
    expect(await triggers(a.id)).toHaveLength(1);
  });

  it("concurrent single events (stored in shared transactions): each refusal answers its own request, the cap holds, the crossing's request fires with its value", async () => {
    const { clock, customer, meter: m, subscription } = await capped({ amount: "25", behavior: "BLOCK_EVENTS" });
    const a = await alert({ type: "SPEND", meterId: m.id, customerId: customer, threshold: "10" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    // 1.00 each: 25 fit under the cap, 15 do not; the 10th crosses the alert's threshold.
    const results = await Promise.all(Array.from({ length: 40 }, () => record(m, customer, "10")));
    const kinds = results.map((r) => (r.__typename === "MeterEvent" ? "stored" : r.code));
    expect(kinds.filter((k) => k === "stored")).toHaveLength(25);
    expect(kinds.filter((k) => k === "SPEND_CAP_EXCEEDED")).toHaveLength(15);
    const preview = (await b.preview(subscription))!;
    expect(preview.total.amount).toBe("25.00");
    expect(preview.lines[0]!.quantity).toBe("250");
    expect(await reachedEvents(subscription)).toHaveLength(1);
    // The total that reached the threshold: the crossing event's, not a whole group's.
    expect(await triggers(a.id)).toEqual([{ value: "10", triggeredAt: "2026-01-02T00:00:00.000Z" }]);
  });

  it("SPEND fires exactly once under concurrent crossing requests", async () => {
    const { clock, customer, meter: m } = await capped(null);
    const a = await alert({ type: "SPEND", meterId: m.id, threshold: "3" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    await Promise.all(
      Array.from({ length: 12 }, () => b.record({ eventName: m.eventName, customerId: customer, value: "5" })),
    );
    expect(await triggers(a.id)).toHaveLength(1);
  });

  it("FORECAST projects the period's usage linearly on its elapsed part", async () => {
    const { clock, customer, meter: m } = await capped(null);
    const a = await alert({ type: "FORECAST", meterId: m.id, customerId: customer, threshold: "31" });
    // January 11 00:00: 10 of 31 days elapsed. 90 units → 279 projected = 27.90; 100 → 310 = 31.00.
    await b.advance(clock, "2026-01-11T00:00:00Z");
    await b.record({ eventName: m.eventName, customerId: customer, value: "90" });
    expect(await triggers(a.id)).toEqual([]);
    await b.record({ eventName: m.eventName, customerId: customer, value: "10" });
    expect(await triggers(a.id)).toEqual([{ value: "31", triggeredAt: "2026-01-11T00:00:00.000Z" }]);
  });

  it("CREDIT_BALANCE fires when the available balance falls to the threshold", async () => {
    const { clock, customer, meter: m } = await capped(null);
    await catalog(app).grant(customer, "10", { category: "PAID", name: "Prepaid" });
    const a = await alert({ type: "CREDIT_BALANCE", meterId: m.id, customerId: customer, threshold: "2" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    await b.record({ eventName: m.eventName, customerId: customer, value: "70" });
    expect(await triggers(a.id)).toEqual([]);
    await b.record({ eventName: m.eventName, customerId: customer, value: "10" });
    expect(await triggers(a.id)).toEqual([{ value: "2", triggeredAt: "2026-01-02T00:00:00.000Z" }]);
    await b.record({ eventName: m.eventName, customerId: customer, value: "10" });
    expect(await triggers(a.id)).toHaveLength(1);
  });

  it("refuses ONE_TIME money alerts, filters on them and a negative balance threshold", async () => {
    const m = await meter();
    expect(await alert({ type: "SPEND", meterId: m.id, threshold: "1", recurrence: "ONE_TIME" })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "recurrence"],
    });
    expect(
      await alert({ type: "FORECAST", meterId: m.id, threshold: "1", filters: [{ dimension: "x", value: "y" }] }),
    ).toMatchObject({ code: "INVALID_INPUT" });
    expect(await alert({ type: "CREDIT_BALANCE", meterId: m.id, threshold: "-1" })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "threshold"],
    });
    expect(await alert({ type: "CREDIT_BALANCE", meterId: m.id, threshold: "0" })).toMatchObject({
      type: "CREDIT_BALANCE",
    });
    expect(await alert({ meterId: m.id, threshold: "1" })).toMatchObject({ type: "USAGE" });
  });
});
