// Trials through the API, driven by test clocks (docs/concepts/subscriptions.md#trials): a free
// first invoice, usage before the trial's end not billed, a new cycle at the trial's end (or
// prorated to a given anchor), ending and extending a trial, the trial_will_end notice once, and
// typed errors. Amounts are computed by hand in each test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBillingCycle } from "../src/services/billing-cycle/scheduler.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { meterEvents } from "./support/meter-events.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

const lines = (invoice: Obj) =>
  invoice.lines.map(
    (l: Obj) =>
      `${l.kind} ${l.description}: ${l.quantity} × ${l.unitAmount} = ${l.amount.amount} [${l.periodStart.slice(0, 10)}, ${l.periodEnd.slice(0, 10)})`,
  );

const notices = (subscriptionId: string) =>
  app.database.prisma.event.findMany({
    where: { type: "customer.subscription.trial_will_end", data: { path: ["id"], equals: subscriptionId } },
  });

let names = 0;
const eventName = () => `trial_calls_${(names += 1)}`;

const graduated = {
  billingScheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: "1000", unitAmount: "0" },
    { upTo: null, unitAmount: "0.04" },
  ],
};

/** A customer on a clock at 2026-01-01 with a 100/month Seat and graduated Calls, subscribed with `trial`. */
async function trialSubscription(trial: Obj) {
  const name = eventName();
  const meter = await b.meter(name);
  const seat = await b.licensed("100", { product: "Seat" });
  const calls = await b.metered(meter, graduated, { product: "Calls" });
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const customer = await b.customer({ testClockId: clock });
  const sub = await b.subscribe({ customerId: customer, items: [{ priceId: seat }, { priceId: calls }], ...trial });
  const record = (value: string, timestamp: string) =>
    b.record({ eventName: name, customerId: customer, value, timestamp });
  return { clock, customer, meter, sub, record };
}

describe("a 14-day trial with a licensed and a graduated metered price", () => {
  it("bills 0.00 first, the licence at trialEnd, and only the usage after trialEnd", async () => {
    const { clock, sub, record } = await trialSubscription({ trialPeriodDays: 14 });
    expect(await b.subscription(sub.id)).toMatchObject({
      status: "TRIALING",
      trialStart: "2026-01-01T00:00:00.000Z",
      trialEnd: "2026-01-15T00:00:00.000Z",
      billingCycleAnchor: "2026-01-15T00:00:00.000Z",
      currentPeriodStart: "2026-01-01T00:00:00.000Z",
      currentPeriodEnd: "2026-01-15T00:00:00.000Z",
    });
    const [first] = await b.invoices({ subscriptionId: sub.id });
    expect(first!).toMatchObject({ billingReason: "SUBSCRIPTION_CREATE", total: { amount: "0.00" } });
    expect(lines(first!)).toEqual(["LICENSE Trial period for Seat: 1 × 0 = 0.00 [2026-01-01, 2026-01-15)"]);

    // 1500 during the trial: counted, never billed.
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await record("1500", "2026-01-05T00:00:00Z");
    await b.advance(clock, "2026-01-11T23:59:59Z");
    expect(await notices(sub.id)).toHaveLength(0);
    await b.advance(clock, "2026-01-12T00:00:00Z");
    expect(await notices(sub.id)).toHaveLength(1);

    await b.advance(clock, "2026-01-15T00:00:00Z");
    expect(await b.subscription(sub.id)).toMatchObject({
      status: "ACTIVE",
      currentPeriodStart: "2026-01-15T00:00:00.000Z",
      currentPeriodEnd: "2026-02-15T00:00:00.000Z",
    });
    const [, atTrialEnd] = await b.invoices({ subscriptionId: sub.id });
    expect(atTrialEnd!).toMatchObject({
      billingReason: "SUBSCRIPTION_CYCLE",
      createdAt: "2026-01-15T00:00:00.000Z",
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-01-15T00:00:00.000Z",
      total: { amount: "100.00" },
    });
    expect(lines(atTrialEnd!)).toEqual(["LICENSE Seat: 1 × 100 = 100.00 [2026-01-15, 2026-02-15)"]);

    // 1300 after the trial: 1000 free + 300 × 0.04 = 12.00; the trial's 1500 would have filled tier 1.
    await b.advance(clock, "2026-01-20T00:00:00Z");
    await record("1300", "2026-01-20T00:00:00Z");
    await b.advance(clock, "2026-02-15T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(3);
    expect(lines(invoices[2]!)).toEqual([
      "USAGE Calls — tier 1 (up to 1000): 1000 × 0 = 0.00 [2026-01-15, 2026-02-15)",
      "USAGE Calls — tier 2 (above 1000): 300 × 0.04 = 12.00 [2026-01-15, 2026-02-15)",
      "LICENSE Seat: 1 × 100 = 100.00 [2026-02-15, 2026-03-15)",
    ]);
    expect(invoices[2]!.total.amount).toBe("112.00");
    expect(await notices(sub.id)).toHaveLength(1);
    const [notice] = await notices(sub.id);
    expect(notice!.data).toMatchObject({ id: sub.id, status: "TRIALING", trialEnd: "2026-01-15T00:00:00.000Z" });
  });

  it("the trial's usage counts in the usage summary though it is not billed", async () => {
    const { sub, record, clock, meter, customer } = await trialSubscription({ trialEnd: "2026-01-15T00:00:00Z" });
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await record("1500", "2026-01-05T00:00:00Z");
    await b.advance(clock, "2026-01-15T00:00:00Z");
    const [, atTrialEnd] = await b.invoices({ subscriptionId: sub.id });
    expect(atTrialEnd!.lines.filter((l: Obj) => l.kind === "USAGE")).toEqual([]);
    const usage = await meterEvents(app).usage(meter, customer, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    expect(usage).toBe("1500");
  });

  it("cancelling during the trial bills nothing (no final invoice) for the trial's usage", async () => {
    const { sub, record, clock } = await trialSubscription({ trialPeriodDays: 14 });
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await record("5000", "2026-01-02T00:00:00Z");
    const canceled = await b.cancel(sub.id, false);
    expect(canceled).toMatchObject({ status: "CANCELED" });
    // The final invoice would have no line: none is stored.
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => i.billingReason)).toEqual(["SUBSCRIPTION_CREATE"]);
  });
});

describe("ending and extending a trial", () => {
  it("endTrialNow: the cycle restarts now with the licence, usage before now is not billed", async () => {
    const { clock, sub, record } = await trialSubscription({ trialPeriodDays: 14 });
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await record("1500", "2026-01-03T00:00:00Z");
    const ended = await b.update({ id: sub.id, endTrialNow: true });
    expect(ended).toMatchObject({
      status: "ACTIVE",
      trialEnd: "2026-01-05T00:00:00.000Z",
      billingCycleAnchor: "2026-01-05T00:00:00.000Z",
      currentPeriodStart: "2026-01-05T00:00:00.000Z",
      currentPeriodEnd: "2026-02-05T00:00:00.000Z",
    });
    const [, now] = await b.invoices({ subscriptionId: sub.id });
    expect(now!).toMatchObject({ createdAt: "2026-01-05T00:00:00.000Z", total: { amount: "100.00" } });
    // One event for the status (the trial period's close), one for the moved end and cycle.
    const updates = await app.database.prisma.event.findMany({
      where: { type: "customer.subscription.updated", data: { path: ["id"], equals: sub.id } },
      orderBy: { seq: "asc" },
    });
    expect(updates.map((e) => e.previousAttributes)).toEqual([
      { status: "TRIALING" },
      {
        trialEnd: "2026-01-15T00:00:00.000Z",
        billingCycleAnchor: "2026-01-15T00:00:00.000Z",
        currentPeriodStart: "2026-01-01T00:00:00.000Z",
        currentPeriodEnd: "2026-01-15T00:00:00.000Z",
      },
    ]);
    expect(lines(now!)).toEqual(["LICENSE Seat: 1 × 100 = 100.00 [2026-01-05, 2026-02-05)"]);
    await b.advance(clock, "2026-01-10T00:00:00Z");
    await record("1100", "2026-01-10T00:00:00Z");
    await b.advance(clock, "2026-02-05T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(3);
    // 1100 → 100 × 0.04 = 4.00.
    expect(invoices[2]!.total.amount).toBe("104.00");
    // The trial ended before its notice was due: none is sent.
    expect(await notices(sub.id)).toHaveLength(0);
  });

  it("trialEnd: extending moves the period end and the anchor, and the notice is due again", async () => {
    const { clock, sub } = await trialSubscription({ trialPeriodDays: 14 });
    await b.advance(clock, "2026-01-12T00:00:00Z");
    expect(await notices(sub.id)).toHaveLength(1);
    const extended = await b.update({ id: sub.id, trialEnd: "2026-01-31T00:00:00Z" });
    expect(extended).toMatchObject({
      status: "TRIALING",
      trialEnd: "2026-01-31T00:00:00.000Z",
      billingCycleAnchor: "2026-01-31T00:00:00.000Z",
      currentPeriodEnd: "2026-01-31T00:00:00.000Z",
    });
    await b.advance(clock, "2026-01-27T23:59:59Z");
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(1);
    expect(await notices(sub.id)).toHaveLength(1);
    await b.advance(clock, "2026-01-28T00:00:00Z");
    expect(await notices(sub.id)).toHaveLength(2);
    await b.advance(clock, "2026-01-31T00:00:00Z");
    const [first, atTrialEnd] = await b.invoices({ subscriptionId: sub.id });
    // The first invoice keeps the trial as it was then.
    expect(lines(first!)).toEqual(["LICENSE Trial period for Seat: 1 × 0 = 0.00 [2026-01-01, 2026-01-15)"]);
    expect(lines(atTrialEnd!)).toEqual(["LICENSE Seat: 1 × 100 = 100.00 [2026-01-31, 2026-02-28)"]);
  });

  it("a trial with a billingCycleAnchor prorates the first paid period to the anchor", async () => {
    const { clock, sub } = await trialSubscription({
      trialEnd: "2026-01-15T00:00:00Z",
      billingCycleAnchor: "2026-02-01T00:00:00Z",
    });
    await b.advance(clock, "2026-01-15T00:00:00Z");
    const [, atTrialEnd] = await b.invoices({ subscriptionId: sub.id });
    // 100 × 17/31 = 54.838709… → 54.84.
    expect(lines(atTrialEnd!)).toEqual(["LICENSE Seat (prorated): 1 × 100 = 54.84 [2026-01-15, 2026-02-01)"]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(lines(invoices[2]!)).toEqual([
      "USAGE Calls — tier 1 (up to 1000): 0 × 0 = 0.00 [2026-01-15, 2026-02-01)",
      "LICENSE Seat: 1 × 100 = 100.00 [2026-02-01, 2026-03-01)",
    ]);
  });
});

describe("typed errors", () => {
  async function attempt(input: Obj) {
    const seat = await b.licensed("100", { product: "Seat" });
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    return b.trySubscribe({ customerId: customer, items: [{ priceId: seat }], ...input });
  }

  it.each([
    [{ trialEnd: "2026-01-15T00:00:00Z", trialPeriodDays: 14 }, ["input", "trialPeriodDays"]],
    [{ trialEnd: "2026-01-01T00:00:00Z" }, ["input", "trialEnd"]],
    [{ trialPeriodDays: 731 }, ["input", "trialPeriodDays"]],
    [{ trialPeriodDays: 0 }, ["input", "trialPeriodDays"]],
    [{ trialEnd: "2026-01-15T00:00:00Z", billingCycleAnchor: "2026-01-10T00:00:00Z" }, ["input", "billingCycleAnchor"]],
  ])("createSubscription(%j) is INVALID_INPUT on %j, nothing stored", async (input, field) => {
    const before = await app.database.prisma.subscription.count();
    expect(await attempt(input)).toMatchObject({ __typename: "InvalidInputError", code: "INVALID_INPUT", field });
    expect(await app.database.prisma.subscription.count()).toBe(before);
  });

  it("changing the trial of a subscription not in one is SUBSCRIPTION_NOT_TRIALING", async () => {
    const seat = await b.licensed("100", { product: "Seat" });
    const customer = await b.customer();
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: seat }] });
    expect(await b.tryUpdate({ id: sub.id, endTrialNow: true })).toMatchObject({
      __typename: "InvalidInputError",
      code: "SUBSCRIPTION_NOT_TRIALING",
      field: ["input", "trialEnd"],
    });
  });

  it("trialEnd and endTrialNow together are INVALID_INPUT", async () => {
    const { sub } = await trialSubscription({ trialPeriodDays: 14 });
    expect(await b.tryUpdate({ id: sub.id, endTrialNow: true, trialEnd: "2026-01-20T00:00:00Z" })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "endTrialNow"],
    });
    expect((await b.subscription(sub.id))?.trialEnd).toBe("2026-01-15T00:00:00.000Z");
  });
});

describe("the wall-clock scheduler's trial_will_end notice", () => {
  it("records it once, 3 days before trialEnd, and closes the trial at trialEnd", async () => {
    const own = await createTestApp();
    try {
      const ob = billing(own);
      own.clock.set(new Date("2026-01-01T00:00:00Z"));
      const seat = await ob.licensed("100", { product: "Seat" });
      const customer = await ob.customer();
      const sub = await ob.subscribe({ customerId: customer, items: [{ priceId: seat }], trialPeriodDays: 14 });
      const count = () => own.database.prisma.event.count({ where: { type: "customer.subscription.trial_will_end" } });
      own.clock.set(new Date("2026-01-11T23:59:59Z"));
      await runBillingCycle(own.deps);
      expect(await count()).toBe(0);
      own.clock.set(new Date("2026-01-12T00:00:00Z"));
      await runBillingCycle(own.deps);
      await runBillingCycle(own.deps);
      expect(await count()).toBe(1);
      own.clock.set(new Date("2026-01-15T00:00:00Z"));
      expect(await runBillingCycle(own.deps)).toBe(1);
      expect(await count()).toBe(1);
      expect(await ob.subscription(sub.id)).toMatchObject({ status: "ACTIVE" });
      const invoices = await ob.invoices({ subscriptionId: sub.id });
      expect(invoices.map((i) => i.total.amount)).toEqual(["0.00", "100.00"]);
    } finally {
      await own.close();
    }
  });
});
