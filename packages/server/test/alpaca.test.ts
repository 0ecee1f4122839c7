// The Alpaca AI example (docs/concepts/prices.md#flat-fee-and-overages), through the API exactly as a customer would drive it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";
import { graphql } from "./generated/gql.js";

const JANUARY_SUMMARIES = graphql(`
  query AlpacaJanuarySummaries($m: ID!, $c: ID!) {
    meterEventSummaries(
      meterId: $m
      customerId: $c
      startTime: "2026-01-01T00:00:00Z"
      endTime: "2026-02-01T00:00:00Z"
    ) {
      aggregatedValue
    }
  }
`);

const METER_EVENT_NAME = graphql(`
  query AlpacaMeterEventName($id: ID!) {
    meter(id: $id) {
      eventName
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

async function alpaca(usagePricing: Obj) {
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const meter = await b.meter(`alpaca_ai_tokens_${Math.random().toString(36).slice(2, 8)}`, "SUM");
  const usage = await b.price({
    product: "Alpaca AI usage",
    recurring: { interval: "MONTH", usageType: "METERED", meterId: meter },
    ...usagePricing,
  });
  const license = await b.price({
    product: "Alpaca AI license fee",
    unitAmount: "100",
    recurring: { interval: "MONTH", usageType: "LICENSED" },
  });
  const customer = await b.customer({ name: "John Doe", testClockId: clock });
  const subscription = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
  return { clock, meter, usage, license, customer, subscription };
}

const GRADUATED = {
  billingScheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: "1000", unitAmount: "0" },
    { upTo: null, unitAmount: "0.04" },
  ],
};

describe("flat fee and overages: Alpaca AI", () => {
  it("bills the license at once, previews usage live, and invoices 180.00 on Feb 1", async () => {
    const { clock, meter, usage, license, customer, subscription } = await alpaca(GRADUATED);
    expect(subscription).toMatchObject({
      status: "ACTIVE",
      billingMode: "FLEXIBLE",
      startDate: "2026-01-01T00:00:00.000Z",
      billingCycleAnchor: "2026-01-01T00:00:00.000Z",
      currentPeriodStart: "2026-01-01T00:00:00.000Z",
      currentPeriodEnd: "2026-02-01T00:00:00.000Z",
      cancelAtPeriodEnd: false,
      canceledAt: null,
      customer: { id: customer },
      items: [
        { price: { id: usage }, quantity: null },
        { price: { id: license }, quantity: 1 },
      ],
    });

    // First invoice (at creation): one LICENSE line 100.00; total 100.00.
    const atStart = await b.invoices({ customerId: customer });
    expect(atStart).toHaveLength(1);
    const first = atStart[0]!;
    expect(first).toMatchObject({
      status: "OPEN",
      billingReason: "SUBSCRIPTION_CREATE",
      currency: "usd",
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
      finalizedAt: "2026-01-01T00:00:00.000Z",
      subscription: { id: subscription.id },
      subtotal: { amount: "100.00", currency: "usd" },
      creditsApplied: { amount: "0.00", currency: "usd" },
      total: { amount: "100.00", currency: "usd" },
      amountDue: { amount: "100.00", currency: "usd" },
    });
    expect(first.lines).toEqual([
      {
        kind: "LICENSE",
        description: "Alpaca AI license fee",
        price: { id: license },
        tier: null,
        quantity: "1",
        unitAmount: "100",
        amount: { amount: "100.00", currency: "usd" },
        periodStart: "2026-01-01T00:00:00.000Z",
        periodEnd: "2026-02-01T00:00:00.000Z",
      },
    ]);

    // Event value 3000 on 2026-01-10 → preview: tier 1 0.00, tier 2 80.00, license (Feb) 100.00.
    await b.advance(clock, "2026-01-10T12:00:00Z");
    await b.record({
      eventName: await meterEventName(meter),
      customerId: customer,
      value: "3000",
      timestamp: "2026-01-10T12:00:00Z",
    });
    const preview = (await b.preview(subscription.id))!;
    expect(preview).toMatchObject({
      customer: { id: customer },
      subscription: { id: subscription.id },
      currency: "usd",
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
      subtotal: { amount: "180.00" },
      creditsApplied: { amount: "0.00" },
      total: { amount: "180.00", currency: "usd" },
      amountDue: { amount: "180.00" },
    });
    expect(summary(preview).lines).toEqual([
      "USAGE 1 1000 × 0 = 0.00",
      "USAGE 2 2000 × 0.04 = 80.00",
      "LICENSE - 1 × 100 = 100.00",
    ]);
    expect(preview.lines[2]).toMatchObject({
      periodStart: "2026-02-01T00:00:00.000Z",
      periodEnd: "2026-03-01T00:00:00.000Z",
    });
    expect(preview.lines[0]).toMatchObject({
      description: "Alpaca AI usage — tier 1 (up to 1000)",
      periodEnd: "2026-02-01T00:00:00.000Z",
    });

    // Advance the clock to 2026-02-01 → an OPEN invoice for 180.00 exists.
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ customerId: customer });
    expect(invoices).toHaveLength(2);
    const february = invoices[1]!;
    expect(february).toMatchObject({
      status: "OPEN",
      billingReason: "SUBSCRIPTION_CYCLE",
      periodStart: "2026-01-01T00:00:00.000Z",
      periodEnd: "2026-02-01T00:00:00.000Z",
      createdAt: "2026-02-01T00:00:00.000Z",
      finalizedAt: "2026-02-01T00:00:00.000Z",
      total: { amount: "180.00", currency: "usd" },
    });
    expect(summary(february)).toEqual(summary(preview));
    expect(first.number! < february.number!).toBe(true);

    // The next preview: usage 0.00 + license 100.00.
    const next = (await b.preview(subscription.id))!;
    expect(next).toMatchObject({
      periodStart: "2026-02-01T00:00:00.000Z",
      periodEnd: "2026-03-01T00:00:00.000Z",
      total: { amount: "100.00" },
    });
    expect(summary(next).lines).toEqual(["USAGE 1 0 × 0 = 0.00", "LICENSE - 1 × 100 = 100.00"]);
    expect(await b.subscription(subscription.id)).toMatchObject({
      currentPeriodStart: "2026-02-01T00:00:00.000Z",
      currentPeriodEnd: "2026-03-01T00:00:00.000Z",
    });

    // meterEventSummaries for January → 3000.
    const summaries = await app.data(JANUARY_SUMMARIES, { m: meter, c: customer });
    expect(summaries.meterEventSummaries).toEqual([{ aggregatedValue: "3000" }]);
  });

  it("bills the same usage 0.80 with the same tiers priced per token (0.0004), no transformQuantity", async () => {
    const perToken = { ...GRADUATED, tiers: [GRADUATED.tiers[0], { upTo: null, unitAmount: "0.0004" }] };
    const { clock, meter, customer, subscription } = await alpaca(perToken);
    await b.advance(clock, "2026-01-10T12:00:00Z");
    await b.record({ eventName: await meterEventName(meter), customerId: customer, value: "3000" });
    expect(summary((await b.preview(subscription.id))!)).toEqual({
      total: "100.80",
      lines: ["USAGE 1 1000 × 0 = 0.00", "USAGE 2 2000 × 0.0004 = 0.80", "LICENSE - 1 × 100 = 100.00"],
    });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, february] = await b.invoices({ customerId: customer });
    expect(summary(february!)).toMatchObject({
      total: "100.80",
      lines: ["USAGE 1 1000 × 0 = 0.00", "USAGE 2 2000 × 0.0004 = 0.80", "LICENSE - 1 × 100 = 100.00"],
    });
  });
});

async function meterEventName(meterId: string): Promise<string> {
  const res = await app.data(METER_EVENT_NAME, { id: meterId });
  return res.meter!.eventName;
}
