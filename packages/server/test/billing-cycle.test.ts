// Period ends reached by advancing test clocks (docs/concepts/time-and-test-clocks.md#advancing-a-clock, docs/concepts/subscriptions.md): every period in time order, across
// subscriptions, exactly once — also when advances race — and an advance that fails midway is finished exactly by the next one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";
import { graphql } from "./generated/gql.js";

const ADVANCE = graphql(`
  mutation BillingCycleAdvance($input: AdvanceTestClockInput!) {
    advanceTestClock(input: $input) {
      __typename
      ... on TestClock {
        frozenTime
      }
      ... on Error {
        code
      }
    }
  }
`);

const CLOCK_TIME = graphql(`
  query BillingCycleClockTime($id: ID!) {
    testClock(id: $id) {
      frozenTime
    }
  }
`);

const RECORD = graphql(`
  mutation BillingCycleRecord($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

const RECORD_CODE = graphql(`
  mutation BillingCycleRecordCode($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

const CANCEL = graphql(`
  mutation BillingCycleCancelEvent($input: CancelMeterEventInput!) {
    cancelMeterEvent(input: $input) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

const numberOf = (invoice: Obj) => Number(invoice.number.slice(4));

function expectGapFree(invoices: Obj[]) {
  const numbers = invoices.map(numberOf).sort((x, y) => x - y);
  expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
}

async function advanceRaw(clock: string, frozenTime: string) {
  return app.request(ADVANCE, { input: { id: clock, frozenTime } });
}

describe("advancing a test clock", () => {
  it("advances a year of a monthly subscription: 12 invoices, in order, numbered without gaps", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const eventName = "api_calls_year";
    const meter = await b.meter(eventName, "SUM");
    const usage = await b.metered(meter, { unitAmount: "0.5" });
    const license = await b.licensed("20");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
    await b.advance(clock, "2026-03-01T00:00:00Z");
    await b.advance(clock, "2026-03-10T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "8" });

    // An advance moves at most two months here (two intervals of the monthly subscription).
    for (const month of ["05", "07", "09", "11"]) await b.advance(clock, `2026-${month}-01T00:00:00Z`);
    await b.advance(clock, "2027-01-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(13);
    expectGapFree(invoices);
    const cycle = invoices.slice(1);
    expect(cycle.map((i) => i.periodEnd.slice(0, 7))).toEqual([
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
    ]);
    expect(cycle.map((i) => i.createdAt)).toEqual(cycle.map((i) => i.periodEnd));
    expect(cycle.map(numberOf)).toEqual([...cycle.map(numberOf)].sort((x, y) => x - y));
    // March's usage lands on the invoice at Apr 1, and only there.
    expect(cycle.map((i) => i.total.amount)).toEqual(["20.00", "20.00", "24.00", ...Array(9).fill("20.00")]);
    expect(await b.subscription(sub.id)).toMatchObject({
      currentPeriodStart: "2027-01-01T00:00:00.000Z",
      currentPeriodEnd: "2027-02-01T00:00:00.000Z",
    });

    // Advancing again to the same time closes nothing more.
    await b.advance(clock, "2027-01-01T00:00:00Z");
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(13);
  });

  it("closes periods in time order across the clock's subscriptions and customers", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const first = await b.customer({ testClockId: clock, name: "First" });
    const second = await b.customer({ testClockId: clock, name: "Second" });
    const monthly = await b.licensed("10");
    const weekly = await b.licensed("1", { recurring: { interval: "WEEK" } });
    const a = await b.subscribe({ customerId: first, items: [{ priceId: monthly }] });
    await b.advance(clock, "2026-01-15T00:00:00Z");
    const c = await b.subscribe({ customerId: second, items: [{ priceId: monthly }] });
    const w = await b.subscribe({ customerId: first, items: [{ priceId: weekly }] });
    // Two weeks at most per advance (the weekly subscription); each closes its periods in time order.
    for (const day of ["01-29", "02-12", "02-26", "03-01"]) await b.advance(clock, `2026-${day}T00:00:00Z`);

    const cycle = [...(await b.invoices({ customerId: first })), ...(await b.invoices({ customerId: second }))]
      .filter((i) => i.billingReason === "SUBSCRIPTION_CYCLE")
      .sort((x, y) => numberOf(x) - numberOf(y));
    const label = (i: Obj) =>
      `${i.subscription.id === a.id ? "A" : i.subscription.id === c.id ? "C" : "W"} ${i.periodEnd.slice(5, 10)}`;
    expect(cycle.map(label)).toEqual([
      "W 01-22",
      "W 01-29",
      "A 02-01",
      "W 02-05",
      "W 02-12",
      "C 02-15",
      "W 02-19",
      "W 02-26",
      "A 03-01",
    ]);
    expectGapFree(cycle);
    void w;
  });

  it("makes each period's invoice once when two advances of one clock race", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const license = await b.licensed("5");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    const results = await Promise.all([
      advanceRaw(clock, "2026-02-01T00:00:00Z"),
      advanceRaw(clock, "2026-03-01T00:00:00Z"),
      advanceRaw(clock, "2026-03-01T00:00:00Z"),
    ]);
    // The earlier target fails as a backwards move only if a later advance committed first.
    for (const r of results) expect(["TestClock", "InvalidInputError"]).toContain(r.data!.advanceTestClock.__typename);
    expect(results[1]!.data!.advanceTestClock).toEqual({
      __typename: "TestClock",
      frozenTime: "2026-03-01T00:00:00.000Z",
    });
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(3);
    expect(new Set(invoices.map((i) => i.periodEnd)).size).toBe(2);
    expectGapFree(invoices);
  });

  it("keeps numbers gap-free when advances of different clocks of one account race", async () => {
    const account = await app.createAccount("Racing clocks");
    const own = billing(app, account.testSecretKey);
    const license = await own.licensed("5");
    const clocks: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const clock = await own.clock("2026-01-01T00:00:00Z");
      const customer = await own.customer({ testClockId: clock });
      await own.subscribe({ customerId: customer, items: [{ priceId: license }] });
      clocks.push(clock);
    }
    await Promise.all(clocks.map((clock) => own.advance(clock, "2026-03-01T00:00:00Z")));
    const invoices = await own.invoices();
    expect(invoices).toHaveLength(3 * 3);
    expect(invoices.map(numberOf).sort((x, y) => x - y)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
  });

  it("resumes exactly: an advance that fails midway keeps the periods closed before, and the next one closes the rest once", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const license = await b.licensed("5");
    const broken = await b.licensed("7");
    await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    await b.advance(clock, "2026-01-15T00:00:00Z");
    await b.subscribe({ customerId: customer, items: [{ priceId: broken }] });
    // Break the second price so that composing its invoice throws (a stand-in for any failure).
    await app.database.script(`UPDATE "Price" SET "unitAmount" = NULL WHERE id = '${broken}'`);
    const before = await b.invoices({ customerId: customer });

    // The test client turns the masked INTERNAL_SERVER_ERROR into a rejection.
    await expect(advanceRaw(clock, "2026-03-01T00:00:00Z")).rejects.toThrow(
      /Internal server error at advanceTestClock/,
    );
    // The clock moved; its periods close one per transaction, up to the failing one (rolled back).
    const read = await app.data(CLOCK_TIME, { id: clock });
    expect(read.testClock!.frozenTime).toBe("2026-03-01T00:00:00.000Z");
    const halfway = await b.invoices({ customerId: customer });
    expect(halfway.slice(0, before.length)).toEqual(before);
    expect(halfway.slice(before.length).map((i) => `${summary(i).total} ${i.periodEnd.slice(5, 10)}`)).toEqual([
      "5.00 02-01",
    ]);

    await app.database.script(`UPDATE "Price" SET "unitAmount" = 7 WHERE id = '${broken}'`);
    // Advancing to the time it already has finishes the catch-up.
    await b.advance(clock, "2026-03-01T00:00:00Z");
    const after = await b.invoices({ customerId: customer });
    expect(after.map((i) => `${summary(i).total} ${i.periodEnd.slice(5, 10)}`)).toEqual([
      "5.00 02-01",
      "7.00 02-15",
      "5.00 02-01",
      "7.00 02-15",
      "5.00 03-01",
    ]);
    expectGapFree(after);
  });

  it("closes the 35 periods of a daily subscription in advances of two days", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const daily = await b.licensed("1", { recurring: { interval: "DAY" } });
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: daily }] });
    for (let day = 3; day <= 35; day += 2) await b.advance(clock, new Date(Date.UTC(2026, 0, day)).toISOString());
    await b.advance(clock, "2026-02-05T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices).toHaveLength(36);
    expect(invoices.at(-1)!.lines[0]).toMatchObject({
      periodStart: "2026-02-05T00:00:00.000Z",
      periodEnd: "2026-02-06T00:00:00.000Z",
    });
  });

  it("refuses late usage of every period an invoice billed, and only of those", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const eventName = "late_tokens";
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    // CLASSIC: the first invoice carries a zero USAGE line for the period that is just starting.
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: price }], billingMode: "CLASSIC" });
    const record = async (timestamp: string, identifier?: string) =>
      (await app.data(RECORD, { input: { eventName, customerId: customer, value: "1", timestamp, identifier } }))
        .recordMeterEvent;
    const refused = {
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
      message: expect.stringMatching(/already invoiced/),
    };

    expect(await record("2026-01-01T00:00:00Z")).toEqual({ __typename: "MeterEvent" });
    await b.advance(clock, "2026-02-05T00:00:00Z"); // January's cycle invoice
    expect(await record("2026-01-31T23:59:59.999Z")).toEqual(refused);
    expect(await record("2026-02-01T00:00:00Z", "february")).toEqual({ __typename: "MeterEvent" });
    expect(await b.cancel(sub.id, false)).toMatchObject({ status: "CANCELED" }); // the final invoice bills [Feb 1, Feb 5)
    expect(await record("2026-02-04T23:59:59.999Z")).toEqual(refused);
    expect((await app.data(CANCEL, { input: { eventName, identifier: "february" } })).cancelMeterEvent).toEqual({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
    });
    // The final invoice's period ends at now, excluded: an event stamped then was never billed.
    expect(await record("2026-02-05T00:00:00Z")).toEqual({ __typename: "MeterEvent" });
    expect(
      (await b.invoices({ subscriptionId: sub.id })).map((i) => `${i.billingReason} ${summary(i).lines.join(", ")}`),
    ).toEqual([
      "SUBSCRIPTION_CREATE USAGE - 0 × 1 = 0.00",
      "SUBSCRIPTION_CYCLE USAGE - 1 × 1 = 1.00",
      "SUBSCRIPTION_CANCEL USAGE - 1 × 1 = 1.00",
    ]);
  });

  it("lets no event slip between reading the period's usage and storing its invoice", async () => {
    const clock = await b.clock("2026-01-31T23:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const eventName = "racing_tokens";
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const sub = await b.subscribe({
      customerId: customer,
      items: [{ priceId: price }],
      startDate: "2026-01-01T00:00:00Z",
    });
    const events = Array.from({ length: 30 }, (_, i) =>
      app.request(RECORD_CODE, {
        input: {
          eventName,
          customerId: customer,
          value: "1",
          timestamp: "2026-01-31T23:00:00Z",
          identifier: `race-${i}`,
        },
      }),
    );
    const [advanced, ...recorded] = await Promise.all([advanceRaw(clock, "2026-02-01T00:00:00Z"), ...events]);
    expect(advanced.data!.advanceTestClock.__typename).toBe("TestClock");
    const accepted = recorded.filter((r) => r.data?.recordMeterEvent.__typename === "MeterEvent").length;
    // Every event is either on the invoice or refused as already invoiced; none is accepted and lost.
    for (const r of recorded) {
      if (r.data?.recordMeterEvent.__typename !== "MeterEvent")
        expect(r.data?.recordMeterEvent).toEqual({ __typename: "MeterEventError", code: "EVENT_ALREADY_INVOICED" });
    }
    const [invoice] = (await b.invoices({ subscriptionId: sub.id })).filter(
      (i) => i.billingReason === "SUBSCRIPTION_CYCLE",
    );
    expect(invoice!.lines).toMatchObject([{ kind: "USAGE", quantity: String(accepted) }]);
  });
});
