// Regression tests of three billing bugs, through the API: (a) a late event refused because a
// different subscription had invoiced its range; (b) an immediate cancel ending the period 1 ms
// after now; (c) a first-tier flat fee dropped at zero usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing, summary, type Billing, type Obj } from "../support/billing.js";

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

const RECORD = `mutation($input: RecordMeterEventInput!) {
  recordMeterEvent(input: $input) { __typename ... on MeterEvent { identifier } ... on Error { code message field } }
}`;
const RECORD_MANY = `mutation($input: RecordMeterEventsInput!) {
  recordMeterEvents(input: $input) { __typename ... on RecordMeterEventsSummary { accepted duplicates rejected { index code } } }
}`;
const CANCEL_EVENT = `mutation($input: CancelMeterEventInput!) {
  cancelMeterEvent(input: $input) { __typename ... on Error { code message field } }
}`;

async function record(input: Obj): Promise<Obj> {
  return (await app.gql(RECORD, { input })).data.recordMeterEvent;
}

async function cancelEvent(eventName: string, identifier: string): Promise<Obj> {
  return (await app.gql(CANCEL_EVENT, { input: { eventName, identifier } })).data.cancelMeterEvent;
}

const usageTotal = (invoice: Obj | null) => invoice?.lines.find((l: Obj) => l.kind === "USAGE")?.amount.amount;

describe("(a) an event is already invoiced only when every subscription billing it has invoiced it", () => {
  it("S2 (eur) invoiced Jan 1–10 and was canceled; S1 (usd) is open: an event of Jan 5 is S1's", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "shared_meter";
    const meter = await b.meter(eventName);
    const s1 = await b.subscribe({ customerId, items: [{ priceId: await b.metered(meter, { unitAmount: "1" }) }] });
    const s2 = await b.subscribe({
      customerId,
      items: [{ priceId: await b.metered(meter, { unitAmount: "2", currency: "eur" }) }],
    });
    await b.record({ eventName, customerId, value: "1" });
    await b.advance(clock, "2026-01-10T00:00:00Z");
    expect(await b.cancel(s2.id, false)).toMatchObject({ status: "CANCELED" });
    const [final] = await b.invoices({ subscriptionId: s2.id });
    expect(summary(final!)).toEqual({ total: "2.00", lines: ["USAGE - 1 × 2 = 2.00"] });

    expect(
      await record({ eventName, customerId, value: "5", timestamp: "2026-01-05T00:00:00Z", identifier: "late" }),
    ).toEqual({ __typename: "MeterEvent", identifier: "late" });
    const batch = (
      await app.gql(RECORD_MANY, {
        input: { events: [{ eventName, customerId, value: "10", timestamp: "2026-01-06T00:00:00Z" }] },
      })
    ).data.recordMeterEvents;
    expect(batch).toMatchObject({ accepted: 1, rejected: [] });
    expect(usageTotal(await b.preview(s1.id))).toBe("16.00");
    // S1 still bills it, so it can still be cancelled; S2's finalized invoice does not change.
    expect(await cancelEvent(eventName, "late")).toEqual({ __typename: "MeterEvent" });
    expect(usageTotal(await b.preview(s1.id))).toBe("11.00");
    expect(await b.invoices({ subscriptionId: s2.id })).toEqual([final]);

    await b.advance(clock, "2026-02-01T00:00:00Z");
    const s1Invoices = await b.invoices({ subscriptionId: s1.id });
    expect(s1Invoices.map((i) => [i.periodEnd, usageTotal(i)])).toEqual([["2026-02-01T00:00:00.000Z", "11.00"]]);

    // Now both subscriptions have invoiced January: refused on ingest and on cancel, storing nothing.
    expect(await record({ eventName, customerId, value: "1", timestamp: "2026-01-20T00:00:00Z" })).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
      field: ["input", "timestamp"],
      message: expect.stringMatching(/already invoiced/),
    });
    const refusedBatch = (
      await app.gql(RECORD_MANY, {
        input: {
          events: [
            { eventName, customerId, value: "1", timestamp: "2026-01-20T00:00:00Z" },
            { eventName, customerId, value: "1", timestamp: "2026-02-01T00:00:00Z" },
          ],
        },
      })
    ).data.recordMeterEvents;
    expect(refusedBatch).toMatchObject({ accepted: 1, rejected: [{ index: 0, code: "EVENT_ALREADY_INVOICED" }] });
    expect(usageTotal(await b.preview(s1.id))).toBe("1.00");
  });

  it("cancelMeterEvent answers EVENT_ALREADY_INVOICED once the only subscription billing the event invoiced it", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "cancel_invoiced";
    const sub = await b.subscribe({
      customerId,
      items: [{ priceId: await b.metered(await b.meter(eventName), { unitAmount: "1" }) }],
    });
    await record({ eventName, customerId, value: "4", identifier: "billed" });
    await b.advance(clock, "2026-01-01T12:00:00Z");
    await b.cancel(sub.id, false);
    expect(await cancelEvent(eventName, "billed")).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
      field: ["input", "identifier"],
    });
  });
});

describe("(b) periods are half-open: an immediate cancel ends the period at now", () => {
  it("the final invoice covers [start, now); an event stamped at now belongs to what follows", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = "half_open";
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const sub = await b.subscribe({ customerId, items: [{ priceId: price }] });
    await b.advance(clock, "2026-01-10T00:00:00Z");
    await record({ eventName, customerId, value: "2", timestamp: "2026-01-09T23:59:59.999Z" });
    expect(await b.cancel(sub.id, false)).toMatchObject({ canceledAt: "2026-01-10T00:00:00.000Z" });
    const [final] = await b.invoices({ subscriptionId: sub.id });
    expect(final).toMatchObject({ periodStart: "2026-01-01T00:00:00.000Z", periodEnd: "2026-01-10T00:00:00.000Z" });
    expect(final!.lines).toMatchObject([{ quantity: "2", periodEnd: "2026-01-10T00:00:00.000Z" }]);

    expect(await record({ eventName, customerId, value: "1", timestamp: "2026-01-09T23:59:59.999Z" })).toMatchObject({
      code: "EVENT_ALREADY_INVOICED",
    });
    expect(await record({ eventName, customerId, value: "3", timestamp: "2026-01-10T00:00:00Z" })).toMatchObject({
      __typename: "MeterEvent",
    });
    // A subscription starting at that instant bills the event: its first period starts there.
    const next = await b.subscribe({ customerId, items: [{ priceId: price }] });
    expect(next.currentPeriodStart).toBe("2026-01-10T00:00:00.000Z");
    expect(usageTotal(await b.preview(next.id))).toBe("3.00");
  });
});

describe("(c) the first tier's flat fee is charged every period, also without usage", () => {
  // The seed's variant: the licence fee as the first row's flat fee of the graduated usage price.
  const seedTiers = [
    { upTo: "1000", unitAmount: "0", flatAmount: "100" },
    { upTo: null, unitAmount: "0.04" },
  ];

  async function subscribed(tiersMode: "GRADUATED" | "VOLUME", extra: Obj = {}) {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customerId = await b.customer({ testClockId: clock });
    const eventName = `flat_fee_${tiersMode.toLowerCase()}_${Object.keys(extra).length}`;
    const price = await b.metered(await b.meter(eventName), { billingScheme: "TIERED", tiersMode, tiers: seedTiers });
    const sub = await b.subscribe({ customerId, items: [{ priceId: price }], ...extra });
    return { clock, customerId, eventName, sub };
  }

  it("GRADUATED: 100.00 for no usage and 180.00 for 3,000 tokens, in the preview and the period-end invoice", async () => {
    const { clock, customerId, eventName, sub } = await subscribed("GRADUATED");
    expect(summary((await b.preview(sub.id))!)).toEqual({ total: "100.00", lines: ["USAGE 1 0 × 0 = 100.00"] });
    await b.advance(clock, "2026-01-10T00:00:00Z");
    await b.record({ eventName, customerId, value: "3000" });
    expect(summary((await b.preview(sub.id))!)).toEqual({
      total: "180.00",
      lines: ["USAGE 1 1000 × 0 = 100.00", "USAGE 2 2000 × 0.04 = 80.00"],
    });

    await b.advance(clock, "2026-02-01T00:00:00Z");
    await b.advance(clock, "2026-03-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.periodEnd.slice(0, 10), summary(i).total])).toEqual([
      ["2026-02-01", "180.00"],
      ["2026-03-01", "100.00"],
    ]);
    // A period cut short charges it once.
    await b.advance(clock, "2026-03-10T00:00:00Z");
    await b.cancel(sub.id, false);
    expect(summary((await b.invoices({ subscriptionId: sub.id })).at(-1)!).total).toBe("100.00");
  });

  it("VOLUME: 100.00 for no usage (q = 0 falls in the first tier), 120.00 for 3,000 tokens", async () => {
    const { clock, customerId, eventName, sub } = await subscribed("VOLUME");
    expect(summary((await b.preview(sub.id))!).total).toBe("100.00");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    await b.record({ eventName, customerId, value: "3000" });
    await b.advance(clock, "2026-03-01T00:00:00Z");
    expect((await b.invoices({ subscriptionId: sub.id })).map((i) => summary(i).total)).toEqual(["100.00", "120.00"]);
  });

  it("CLASSIC's first invoice keeps its zero USAGE line at zero: the fee is billed with the period's usage", async () => {
    const { clock, sub } = await subscribed("GRADUATED", { billingMode: "CLASSIC" });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.billingReason, summary(i).total])).toEqual([
      ["SUBSCRIPTION_CREATE", "0.00"],
      ["SUBSCRIPTION_CYCLE", "100.00"],
    ]);
  });
});
