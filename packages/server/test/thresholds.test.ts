// Billing thresholds (docs/concepts/subscriptions.md#billing-thresholds) through the API (the
// three-invoices scenario is in spend-scenarios.test.ts): voids giving usage back, one threshold
// invoice per crossing under concurrent requests, the billing cycle reset at
// a crossing (resetBillingCycleAnchor), and the prices thresholds refuse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { lifecycle } from "./support/invoice-lifecycle.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

let meters = 0;
const GRADUATED = {
  billingScheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: "1000", unitAmount: "0.01" },
    { upTo: null, unitAmount: "0.005" },
  ],
};

const CREATE = `mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) {
  __typename ... on Subscription { id currentPeriodStart currentPeriodEnd billingThresholds { amountGte { amount currency } resetBillingCycleAnchor } }
  ... on Error { code message field } } }`;

async function setup(billingThresholds: Obj, pricing: Obj = GRADUATED, aggregation: "SUM" | "MAX" = "SUM") {
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const customer = await b.customer({ testClockId: clock });
  const eventName = `threshold_calls_${++meters}`;
  const meter = await b.meter(eventName, aggregation);
  const price = await b.metered(meter, pricing);
  const res = await app.gql(CREATE, {
    input: { customerId: customer, items: [{ priceId: price }], billingThresholds },
  });
  return { clock, customer, eventName, result: res.data.createSubscription as Obj };
}

const usage = (invoice: {
  lines: Array<{ kind: string; tier?: number | null; quantity: string; amount: { amount: string } }>;
}) => invoice.lines.filter((l) => l.kind === "USAGE").map((l) => `${l.tier} ${l.quantity} = ${l.amount.amount}`);

describe("billing thresholds", () => {
  it("voiding the latest threshold invoice bills its usage again; voiding an earlier one does not", async () => {
    const { clock, customer, eventName, result } = await setup({ amountGte: "5" });
    const subscription = result.id as string;
    const l = lifecycle(app);
    const thresholdInvoices = async () =>
      (await b.invoices({ subscriptionId: subscription })).filter((i) => i.billingReason === "SUBSCRIPTION_THRESHOLD");
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "600" }); // 6.00
    await b.advance(clock, "2026-01-12T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "700" }); // 1300: 4.00 + 1.50
    const [first, second] = await thresholdInvoices();
    expect([first!.total.amount, second!.total.amount]).toEqual(["6.00", "5.50"]);

    // The first is not the latest: voiding it gives nothing back (the second billed on from it).
    expect((await l.void(first!.id)).status).toBe("VOID");
    expect((await b.preview(subscription))!.total.amount).toBe("0.00");
    // Then the latest, with no threshold invoice of the period left standing: all 1,300 calls are billed again.
    expect((await l.void(second!.id)).status).toBe("VOID");
    expect(usage((await b.preview(subscription))!)).toEqual(["1 1000 = 10.00", "2 300 = 1.50"]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const cycle = (await b.invoices({ subscriptionId: subscription })).find(
      (i) => i.billingReason === "SUBSCRIPTION_CYCLE",
    )!;
    expect(usage(cycle)).toEqual(["1 1000 = 10.00", "2 300 = 1.50"]);
  });

  it("voiding the latest of two threshold invoices bills its usage again, continuing after the first", async () => {
    const { clock, customer, eventName, result } = await setup({ amountGte: "5" });
    const subscription = result.id as string;
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "600" });
    await b.advance(clock, "2026-01-12T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "700" });
    const second = (await b.invoices({ subscriptionId: subscription })).filter(
      (i) => i.billingReason === "SUBSCRIPTION_THRESHOLD",
    )[1]!;
    await lifecycle(app).void(second.id);
    expect(usage((await b.preview(subscription))!)).toEqual(["1 400 = 4.00", "2 300 = 1.50"]);
  });

  it("voiding the only threshold invoice bills the whole usage again, from the first tier", async () => {
    const tiers = {
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "1000", unitAmount: "0.01", flatAmount: "1" },
        { upTo: null, unitAmount: "0.005" },
      ],
    };
    const { clock, customer, eventName, result } = await setup({ amountGte: "5" }, tiers);
    const subscription = result.id as string;
    await b.advance(clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "500" }); // 1.00 flat + 5.00
    const [only] = (await b.invoices({ subscriptionId: subscription })).filter(
      (i) => i.billingReason === "SUBSCRIPTION_THRESHOLD",
    );
    expect(only!.total.amount).toBe("6.00");
    expect((await b.preview(subscription))!.total.amount).toBe("0.00");
    await lifecycle(app).void(only!.id);
    expect((await b.preview(subscription))!.total.amount).toBe("6.00");
  });

  it("makes one threshold invoice per crossing under concurrent requests", async () => {
    const { clock, customer, eventName, result } = await setup({ amountGte: "5" }, { unitAmount: "0.01" });
    const subscription = result.id as string;
    await b.advance(clock, "2026-01-03T00:00:00Z");
    // Ten requests of 1.00 each: at most two crossings of 5.00.
    await Promise.all(Array.from({ length: 10 }, () => b.record({ eventName, customerId: customer, value: "100" })));
    const invoices = (await b.invoices({ subscriptionId: subscription })).filter(
      (i) => i.billingReason === "SUBSCRIPTION_THRESHOLD",
    );
    // At one frozen instant one invoice bills the crossing; each bills at least the threshold.
    expect(invoices.length).toBe(1);
    for (const invoice of invoices) expect(Number(invoice.total.amount)).toBeGreaterThanOrEqual(5);
    const billed = invoices.reduce((s, i) => s + Number(i.total.amount), 0);
    expect(billed + Number((await b.preview(subscription))!.total.amount)).toBeCloseTo(10, 10);
  });

  it("resetBillingCycleAnchor: the crossing ends the period, one reset per crossing under concurrent requests", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const eventName = `threshold_calls_${++meters}`;
    const meter = await b.meter(eventName);
    const seat = await b.licensed("31");
    const calls = await b.metered(meter, { unitAmount: "0.01" });
    const res = await app.gql(CREATE, {
      input: {
        customerId: customer,
        items: [{ priceId: seat }, { priceId: calls }],
        billingThresholds: { amountGte: "5", resetBillingCycleAnchor: true },
      },
    });
    const created = res.data.createSubscription as Obj;
    expect(created.billingThresholds).toEqual({
      amountGte: { amount: "5.00", currency: "usd" },
      resetBillingCycleAnchor: true,
    });
    const subscription = created.id as string;
    const thresholdInvoices = async () =>
      (await b.invoices({ subscriptionId: subscription })).filter((i) => i.billingReason === "SUBSCRIPTION_THRESHOLD");

    await b.advance(clock, "2026-01-16T00:00:00Z");
    await b.record({ eventName, customerId: customer, value: "400", timestamp: "2026-01-15T23:00:00Z" }); // 4.00
    expect(await thresholdInvoices()).toHaveLength(0);
    await b.record({ eventName, customerId: customer, value: "200", timestamp: "2026-01-15T23:00:00Z" }); // 6.00
    // The reset's invoice: −16.00 for the seat's unused [Jan 16, Feb 1) (31 × 16/31), the cut
    // period's 600 calls (6.00), and the seat for the new full period [Jan 16, Feb 16) (31.00).
    const [reset] = await thresholdInvoices();
    expect(reset).toMatchObject({ periodStart: "2026-01-01T00:00:00.000Z", periodEnd: "2026-01-16T00:00:00.000Z" });
    expect(reset!.lines.map((l) => `${l.kind} ${l.amount.amount} ${l.periodStart}`)).toEqual([
      "PRORATION -16.00 2026-01-16T00:00:00.000Z",
      "USAGE 6.00 2026-01-01T00:00:00.000Z",
      "LICENSE 31.00 2026-01-16T00:00:00.000Z",
    ]);
    expect(reset!.total.amount).toBe("21.00");
    expect(await b.subscription(subscription)).toMatchObject({
      currentPeriodStart: "2026-01-16T00:00:00.000Z",
      currentPeriodEnd: "2026-02-16T00:00:00.000Z",
    });
    // An event stamped at the reset's instant opens the new period (periods are half-open).
    await b.record({ eventName, customerId: customer, value: "100" }); // 1.00 of [Jan 16, Feb 16)
    expect(await thresholdInvoices()).toHaveLength(1);

    // Ten requests of 1.00 at a later instant: one crossing, one reset; a request whose event falls
    // in the period the reset invoiced is refused (EVENT_ALREADY_INVOICED), nothing stored for it.
    await b.advance(clock, "2026-01-20T00:00:00Z");
    const RECORD = `mutation($input: RecordMeterEventInput!) { recordMeterEvent(input: $input) {
      __typename ... on Error { code } } }`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.gql(RECORD, {
          input: { eventName, customerId: customer, value: "100", timestamp: "2026-01-19T23:00:00Z" },
        }),
      ),
    );
    const kinds = answers.map((a) => (a.data.recordMeterEvent as Obj).code ?? a.data.recordMeterEvent.__typename);
    const accepted = kinds.filter((k) => k === "MeterEvent").length;
    expect(kinds.filter((k) => k !== "MeterEvent").every((k) => k === "EVENT_ALREADY_INVOICED")).toBe(true);
    const invoices = await thresholdInvoices();
    expect(invoices).toHaveLength(2);
    const second = invoices[1]!;
    expect(second).toMatchObject({ periodStart: "2026-01-16T00:00:00.000Z", periodEnd: "2026-01-20T00:00:00.000Z" });
    // Each accepted event is billed by the reset, once: (100 + 100 × accepted) calls × 0.01.
    expect(second.lines.find((l) => l.kind === "USAGE")!.amount.amount).toBe(((1 + accepted) * 1).toFixed(2));
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(await b.subscription(subscription)).toMatchObject({
      currentPeriodStart: "2026-01-20T00:00:00.000Z",
      currentPeriodEnd: "2026-02-20T00:00:00.000Z",
    });
    // The reset moved the cycle: the next cycle invoice is on Feb 20, not Feb 1 or Feb 16.
    await b.advance(clock, "2026-02-19T00:00:00Z");
    expect((await b.invoices({ subscriptionId: subscription })).map((i) => i.billingReason)).toEqual([
      "SUBSCRIPTION_CREATE",
      "SUBSCRIPTION_THRESHOLD",
      "SUBSCRIPTION_THRESHOLD",
    ]);
  });

  it("a pending invoice item alone, and a test clock's advance alone, reach the threshold without a new event", async () => {
    const items = await setup({ amountGte: "5" }, { unitAmount: "0.01" });
    const subscription = items.result.id as string;
    await b.advance(items.clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName: items.eventName, customerId: items.customer, value: "100" }); // 1.00
    const ITEM = `mutation($input: CreateInvoiceItemInput!) { createInvoiceItem(input: $input) {
      __typename ... on InvoiceItem { id } ... on Error { code message } } }`;
    const item = await app.gql(ITEM, {
      input: { customerId: items.customer, subscriptionId: subscription, amount: "3", description: "Setup" },
    });
    expect(item.data.createInvoiceItem.__typename).toBe("InvoiceItem");
    expect(await b.invoices({ subscriptionId: subscription })).toHaveLength(0); // 4.00
    const UPDATE_ITEM = `mutation($input: UpdateInvoiceItemInput!) { updateInvoiceItem(input: $input) { __typename } }`;
    await app.gql(UPDATE_ITEM, { input: { id: item.data.createInvoiceItem.id, amount: "4.5" } }); // 1.00 + 4.50
    const [billed] = await b.invoices({ subscriptionId: subscription });
    expect(billed).toMatchObject({ billingReason: "SUBSCRIPTION_THRESHOLD", total: { amount: "5.50" } });
    expect(billed!.lines.map((l) => `${l.kind} ${l.amount.amount}`).sort()).toEqual([
      "INVOICE_ITEM 4.50",
      "USAGE 1.00",
    ]);

    // With resetBillingCycleAnchor, events stamped at a frozen instant open the new period: they
    // cross when the clock moves on, in the advance's request.
    const reset = await setup({ amountGte: "5", resetBillingCycleAnchor: true }, { unitAmount: "0.01" });
    await b.advance(reset.clock, "2026-01-05T00:00:00Z");
    await b.record({ eventName: reset.eventName, customerId: reset.customer, value: "600" }); // at Jan 5
    expect(await b.invoices({ subscriptionId: reset.result.id })).toHaveLength(0);
    await b.advance(reset.clock, "2026-01-06T00:00:00Z");
    const [crossed] = await b.invoices({ subscriptionId: reset.result.id });
    expect(crossed).toMatchObject({
      billingReason: "SUBSCRIPTION_THRESHOLD",
      periodEnd: "2026-01-06T00:00:00.000Z",
      total: { amount: "6.00" },
    });
    expect(await b.subscription(reset.result.id)).toMatchObject({ currentPeriodStart: "2026-01-06T00:00:00.000Z" });
  });

  it("refuses volume tiers, LAST/MAX meters and an amount of 0", async () => {
    const volume = { ...GRADUATED, tiersMode: "VOLUME" };
    expect((await setup({ amountGte: "5" }, volume)).result).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "billingThresholds"],
    });
    expect((await setup({ amountGte: "5" }, { unitAmount: "1" }, "MAX")).result).toMatchObject({
      code: "INVALID_INPUT",
    });
    expect((await setup({ amountGte: "0" }, { unitAmount: "1" })).result).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "billingThresholds", "amountGte"],
    });
  });
});
