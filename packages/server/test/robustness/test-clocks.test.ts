// Test clock bounds (docs/concepts/time-and-test-clocks.md#advancing-a-clock): an advance moves at most two
// intervals of the shortest subscription interval on the clock (two years without one), and closes
// its periods one per transaction, so other tenants are served during it and a catch-up stopped
// halfway is finished exactly by the next advance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byId, scopedClient } from "../../src/db/tenant-scope.js";
import { closeNextTestClockDue } from "../../src/services/billing-cycle/test-clock.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing, type Billing, type Obj } from "../support/billing.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

async function advanceRaw(id: string, frozenTime: string): Promise<Obj> {
  const res = await app.gql(
    `mutation($input: AdvanceTestClockInput!) {
      advanceTestClock(input: $input) { __typename ... on TestClock { frozenTime } ... on Error { code message field } }
    }`,
    { input: { id, frozenTime } },
  );
  return res.data.advanceTestClock;
}

async function frozenTimeOf(id: string): Promise<string> {
  return (await app.gql(`query($id: ID!) { testClock(id: $id) { frozenTime } }`, { id })).data.testClock.frozenTime;
}

const daily = (meterId: string) =>
  b.metered(meterId, { unitAmount: "0.5" }, { recurring: { interval: "DAY", usageType: "METERED", meterId } });

describe("the advance limit", () => {
  it("two intervals of a daily subscription: 2 days is allowed, 1 ms more is refused and changes nothing", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const meter = await b.meter("limit_daily");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: await daily(meter) }] });

    const refused = await advanceRaw(clock, "2026-01-03T00:00:00.001Z");
    expect(refused).toMatchObject({
      __typename: "InvalidInputError",
      code: "TEST_CLOCK_ADVANCE_TOO_FAR",
      field: ["input", "frozenTime"],
    });
    expect(refused.message).toContain("two intervals of its shortest subscription interval (1 day)");
    expect(refused.message).toContain("up to 2026-01-03T00:00:00.000Z");
    expect(await frozenTimeOf(clock)).toBe("2026-01-01T00:00:00.000Z");
    expect(await b.invoices({ subscriptionId: sub.id })).toEqual([]);

    expect(await advanceRaw(clock, "2026-01-03T00:00:00Z")).toMatchObject({ __typename: "TestClock" });
    expect((await b.invoices({ subscriptionId: sub.id })).map((i) => i.periodEnd)).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-03T00:00:00.000Z",
    ]);
  });

  it("the shortest interval among the clock's active subscriptions decides; a canceled one no longer counts", async () => {
    const clock = await b.clock("2026-01-31T00:00:00Z");
    const meter = await b.meter("limit_mixed");
    const monthly = await b.metered(meter, { unitAmount: "1" });
    const weekly = await b.metered(meter, { unitAmount: "1" }, { recurring: { interval: "WEEK", meterId: meter } });
    const first = await b.customer({ testClockId: clock });
    const second = await b.customer({ testClockId: clock });
    await b.subscribe({ customerId: first, items: [{ priceId: monthly }] });
    const weeklySub = await b.subscribe({ customerId: second, items: [{ priceId: weekly }] });

    const refused = await advanceRaw(clock, "2026-02-14T00:00:00.001Z");
    expect(refused).toMatchObject({ code: "TEST_CLOCK_ADVANCE_TOO_FAR" });
    expect(refused.message).toContain("(1 week)");
    expect(await advanceRaw(clock, "2026-02-14T00:00:00Z")).toMatchObject({ __typename: "TestClock" });

    await b.cancel(weeklySub.id, false);
    // Monthly from Feb 14: two months on, Apr 14.
    expect(await advanceRaw(clock, "2026-04-14T00:00:00.001Z")).toMatchObject({
      code: "TEST_CLOCK_ADVANCE_TOO_FAR",
    });
    expect(await advanceRaw(clock, "2026-04-14T00:00:00Z")).toMatchObject({ __typename: "TestClock" });
  });

  it("without subscriptions, two years", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const refused = await advanceRaw(clock, "2028-01-01T00:00:00.001Z");
    expect(refused).toMatchObject({ code: "TEST_CLOCK_ADVANCE_TOO_FAR" });
    expect(refused.message).toContain("two years, as no active subscription is on it");
    expect(await frozenTimeOf(clock)).toBe("2026-01-01T00:00:00.000Z");
    expect(await advanceRaw(clock, "2028-01-01T00:00:00Z")).toMatchObject({ __typename: "TestClock" });
  });
});

describe("long advances", () => {
  it("another tenant's query answers within 1 s during a maximal advance of 50 daily subscriptions", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const eventName = "busy_clock";
    const meter = await b.meter(eventName);
    const price = await daily(meter);
    const customers: string[] = [];
    for (let c = 0; c < 5; c += 1) {
      const customerId = await b.customer({ testClockId: clock });
      customers.push(customerId);
      for (let s = 0; s < 10; s += 1) await b.subscribe({ customerId, items: [{ priceId: price }] });
      await b.record({ eventName, customerId, value: "3", timestamp: "2026-01-01T00:00:00Z" });
    }
    const other = await app.createAccount();
    const otherQuery = async () => {
      const started = performance.now();
      const res = await app.gql(`{ customers(first: 1) { edges { node { id } } } }`, {}, other.testSecretKey);
      expect(res.errors).toBeUndefined();
      return performance.now() - started;
    };
    await otherQuery();

    const advanceStarted = performance.now();
    let done = false;
    const advance = advanceRaw(clock, "2026-01-03T00:00:00Z").finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) latencies.push(await otherQuery());
    expect(await advance).toMatchObject({ __typename: "TestClock" });
    const advanceMs = performance.now() - advanceStarted;

    const invoices = (await Promise.all(customers.map((customerId) => b.invoices({ customerId })))).flat();
    expect(invoices).toHaveLength(100);
    expect(new Set(invoices.map((i) => `${i.subscription?.id} ${i.periodEnd}`)).size).toBe(100);
    expect(invoices.filter((i) => i.total.amount === "1.50")).toHaveLength(50);
    console.info(
      `advance of 100 periods: ${Math.round(advanceMs)} ms; other tenant: ${latencies.length} queries, max ${Math.round(Math.max(...latencies))} ms`,
    );
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  }, 120_000);

  it("a catch-up stopped halfway is finished exactly by the next advance: one invoice per period", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const eventName = "crash_clock";
    const meter = await b.meter(eventName);
    const customerId = await b.customer({ testClockId: clock });
    const subs = [
      await b.subscribe({ customerId, items: [{ priceId: await daily(meter) }] }),
      await b.subscribe({ customerId, items: [{ priceId: await daily(meter) }] }),
    ];
    await b.record({ eventName, customerId, value: "4", timestamp: "2026-01-01T00:00:00Z" });

    // As if the process died after the advance's move and one of its four period closes.
    const scope = { accountId: app.account.account.id, mode: "test" as const };
    const db = scopedClient(app.database.prisma, scope);
    await db.testClock.update({ where: byId(scope, clock), data: { frozenTime: new Date("2026-01-03T00:00:00Z") } });
    await db.$transaction((tx) => closeNextTestClockDue(tx, scope, clock, new Date("2026-01-03T00:00:00Z")));
    const halfway = await b.invoices({ customerId });
    expect(halfway).toHaveLength(1);

    expect(await advanceRaw(clock, "2026-01-03T00:00:00Z")).toMatchObject({ __typename: "TestClock" });
    const invoices = await b.invoices({ customerId });
    // Invoices of one instant are listed in no particular order.
    expect(invoices.map((i) => `${i.periodEnd} ${i.subscription?.id} ${i.total.amount}`).sort()).toEqual(
      [
        `2026-01-02T00:00:00.000Z ${subs[0]!.id} 2.00`,
        `2026-01-02T00:00:00.000Z ${subs[1]!.id} 2.00`,
        `2026-01-03T00:00:00.000Z ${subs[0]!.id} 0.00`,
        `2026-01-03T00:00:00.000Z ${subs[1]!.id} 0.00`,
      ].sort(),
    );
    for (const sub of subs) {
      expect(await b.subscription(sub.id)).toMatchObject({ currentPeriodStart: "2026-01-03T00:00:00.000Z" });
    }
  });

  it("two concurrent advances of one clock close each period once, in order", async () => {
    // Both to one time: either may lock the clock first, and the other's move is then a no-op.
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const meter = await b.meter("race_clock");
    const customerId = await b.customer({ testClockId: clock });
    const sub = await b.subscribe({ customerId, items: [{ priceId: await daily(meter) }] });
    const results = await Promise.all([
      advanceRaw(clock, "2026-01-03T00:00:00Z"),
      advanceRaw(clock, "2026-01-03T00:00:00Z"),
    ]);
    for (const result of results) expect(result.__typename).toBe("TestClock");
    expect((await b.invoices({ subscriptionId: sub.id })).map((i) => i.periodEnd)).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-03T00:00:00.000Z",
    ]);
  });
});
