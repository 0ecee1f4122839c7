// The two test-clock scenarios of spend control (docs/concepts/credits.md#auto-recharge,
// docs/concepts/subscriptions.md#spend-caps, docs/concepts/subscriptions.md#billing-thresholds),
// each one test, amounts computed by hand: a prepaid customer who buys credits, uses them, is
// recharged twice, hits the monthly limit and then the spend cap; a threshold customer billed three
// times in a month with graduated tiers continuing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { spendCredits, type SpendCredits } from "./support/spend-credits.js";

let app: TestApp;
let b: Billing;
let s: SpendCredits;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  s = spendCredits(app);
});
afterAll(() => app.close());

const RECORD = `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) {
  __typename ... on MeterEvent { identifier } ... on Error { code } } }`;

describe("spend control scenarios", () => {
  it("a prepaid customer buys credits, uses them, is recharged twice, hits the monthly limit, then the spend cap", async () => {
    const clock = await b.clock("2026-03-01T00:00:00Z");
    const eventName = `prepaid_units_${Math.random().toString(36).slice(2, 8)}`;
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const customer = await b.customer({ testClockId: clock });
    const subscription = (
      await b.subscribe({
        customerId: customer,
        items: [{ priceId: price }],
        spendCap: { amount: "10", behavior: "BLOCK_EVENTS" },
      })
    ).id as string;
    await s.purchase(customer, "100");
    await s.trySetAutoRecharge(customer, {
      currency: "usd",
      thresholdAmount: "20",
      rechargeToAmount: "100",
      monthlyLimit: 2,
    });
    let n = 0;
    const record = async (value: string, timestamp: string) =>
      (
        await app.gql(RECORD, {
          input: { eventName, customerId: customer, value, timestamp, identifier: `e${(n += 1)}_${eventName}` },
        })
      ).data.recordMeterEvent as Obj;
    const recharges = async () =>
      (await s.purchases(customer))
        .filter((purchase) => purchase.autoRecharge)
        .sort((x, y) => x.invoice.number.localeCompare(y.invoice.number))
        .map((purchase) => purchase.amount.amount);
    const available = async () => (await s.balance(customer))!.availableAfterHolds;
    const previewTotal = async () => (await b.preview(subscription))!.total.amount;

    await b.advance(clock, "2026-03-02T00:00:00Z");
    await record("70", "2026-03-01T12:00:00Z"); // 100 − 70 = 30 available, above 20
    expect(await recharges()).toEqual([]);
    expect(await available()).toBe("30.00");
    await record("15", "2026-03-01T13:00:00Z"); // 15 ≤ 20: recharged by 100 − 15 = 85
    expect(await recharges()).toEqual(["85.00"]);
    expect(await available()).toBe("100.00");
    await record("90", "2026-03-01T14:00:00Z"); // 10 ≤ 20: recharged by 100 − 10 = 90
    expect(await recharges()).toEqual(["85.00", "90.00"]);
    await record("95", "2026-03-01T15:00:00Z"); // 5 ≤ 20, but March's limit of 2 is reached
    expect(await recharges()).toHaveLength(2);
    expect(await available()).toBe("5.00");
    // Usage 270 against 275 of credits: the period's previewed total after credits is 0.00.
    expect(await previewTotal()).toBe("0.00");

    // The cap (10.00) is on the total after credits: 5 units use up the credits (0.00 due), 10 more
    // take it to exactly 10.00, allowed; one more unit would make it 11.00 — refused, nothing stored.
    expect(await record("5", "2026-03-01T16:00:00Z")).toMatchObject({ __typename: "MeterEvent" });
    expect(await available()).toBe("0.00");
    expect(await recharges()).toHaveLength(2);
    expect(await record("10", "2026-03-01T17:00:00Z")).toMatchObject({ __typename: "MeterEvent" });
    expect(await previewTotal()).toBe("10.00");
    expect(await record("1", "2026-03-01T18:00:00Z")).toMatchObject({ code: "SPEND_CAP_EXCEEDED" });
    expect(await previewTotal()).toBe("10.00");
    const reached = (await s.events("billing.spend_cap.reached")).filter(
      (e: Obj) => e.data.subscriptionId === subscription,
    );
    expect(reached).toHaveLength(1);

    // April 1: March's invoice bills 285 units less 275 of credits = 10.00, the cap; in the new
    // month the advance recharges the empty balance by 100.00.
    await b.advance(clock, "2026-04-01T00:00:10Z");
    const march = (await b.invoices({ subscriptionId: subscription })).find(
      (i) => i.billingReason === "SUBSCRIPTION_CYCLE",
    )!;
    expect(march).toMatchObject({ creditsApplied: { amount: "275.00" }, total: { amount: "10.00" } });
    expect(await recharges()).toEqual(["85.00", "90.00", "100.00"]);
    expect(await available()).toBe("100.00");
  });

  it("a threshold customer is billed three times in a month, graduated tiers continuing, and the rest at the period's end", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const eventName = `threshold_calls_${Math.random().toString(36).slice(2, 8)}`;
    // 0.01 per call for the first 1,000 calls of the period, 0.005 after.
    const price = await b.metered(await b.meter(eventName), {
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "1000", unitAmount: "0.01" },
        { upTo: null, unitAmount: "0.005" },
      ],
    });
    const subscription = (
      await b.subscribe({ customerId: customer, items: [{ priceId: price }], billingThresholds: { amountGte: "5" } })
    ).id as string;
    const record = (value: string) => b.record({ eventName, customerId: customer, value });
    const usage = (invoice: Obj) =>
      (invoice.lines as Obj[])
        .filter((l) => l.kind === "USAGE")
        .map((l) => `${l.tier} ${l.quantity} = ${l.amount.amount}`);
    const thresholdInvoices = async () =>
      (await b.invoices({ subscriptionId: subscription })).filter((i) => i.billingReason === "SUBSCRIPTION_THRESHOLD");

    await b.advance(clock, "2026-01-05T00:00:00Z");
    await record("300"); // 300 × 0.01 = 3.00: under 5.00
    expect(await thresholdInvoices()).toHaveLength(0);
    await record("300"); // 600 × 0.01 = 6.00 ≥ 5.00: the first threshold invoice
    await b.advance(clock, "2026-01-12T00:00:00Z");
    await record("700"); // calls 601–1300: 400 × 0.01 (tier 1's rest) + 300 × 0.005 = 4.00 + 1.50 = 5.50
    await b.advance(clock, "2026-01-20T00:00:00Z");
    await record("1200"); // calls 1301–2500, all tier 2: 1200 × 0.005 = 6.00
    await b.advance(clock, "2026-01-25T00:00:00Z");
    await record("100"); // calls 2501–2600: 100 × 0.005 = 0.50, under the threshold, left for the period's end
    expect((await thresholdInvoices()).map((i) => [i.total.amount, i.periodStart, i.periodEnd, usage(i)])).toEqual([
      ["6.00", "2026-01-01T00:00:00.000Z", "2026-01-05T00:00:00.000Z", ["1 600 = 6.00"]],
      ["5.50", "2026-01-01T00:00:00.000Z", "2026-01-12T00:00:00.000Z", ["1 400 = 4.00", "2 300 = 1.50"]],
      ["6.00", "2026-01-01T00:00:00.000Z", "2026-01-20T00:00:00.000Z", ["2 1200 = 6.00"]],
    ]);
    expect((await b.preview(subscription))!.total.amount).toBe("0.50");

    await b.advance(clock, "2026-02-01T00:00:00Z");
    const all = await b.invoices({ subscriptionId: subscription });
    expect(usage(all.find((i) => i.billingReason === "SUBSCRIPTION_CYCLE")!)).toEqual(["2 100 = 0.50"]);
    // 6.00 + 5.50 + 6.00 + 0.50 = 18.00, the price of the month's 2,600 calls: 1000 × 0.01 + 1600 × 0.005.
    expect(all.reduce((cents, i) => cents + Math.round(Number(i.total.amount) * 100), 0)).toBe(1800);
  });
});
