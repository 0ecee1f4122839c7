// meterEvents, meters.eventSummaries, subscriptions and invoices against the real server, with
// every error code those methods can reach.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, TallyMeterEventError, TallyNotFoundError, type Tally } from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

describe("the Alpaca AI flow (docs/concepts/prices.md#flat-fee-and-overages)", () => {
  it("invoices the license at once, previews 180.00 live, finalizes it on Feb 1", async () => {
    const { eventName, clock, meter, customer, subscription, license, januaryUsage } = await alpaca(tally);
    expect(subscription).toMatchObject({
      status: "ACTIVE",
      billingMode: "FLEXIBLE",
      currentPeriodEnd: "2026-02-01T00:00:00.000Z",
      customer: { id: customer.id },
    });
    expect(await tally.subscriptions.retrieve(subscription.id)).toEqual(subscription);
    expect((await tally.subscriptions.list({ customerId: customer.id })).data.map((s) => s.id)).toEqual([
      subscription.id,
    ]);

    const [first] = (await tally.invoices.list({ customerId: customer.id })).data;
    expect(first).toMatchObject({ status: "OPEN", total: { amount: "100.00", currency: "usd" } });
    expect(first!.lines).toMatchObject([{ kind: "LICENSE", price: { id: license.id }, amount: { amount: "100.00" } }]);
    expect(await tally.invoices.retrieve(first!.id)).toEqual(first);

    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-10T12:00:00Z" });
    const event = await tally.meterEvents.create({
      eventName,
      customerId: customer.id,
      value: "3000",
      timestamp: "2026-01-10T12:00:00Z",
    });
    expect(event).toMatchObject({ eventName, value: "3000", customer: { id: customer.id }, canceledAt: null });
    expect(event.identifier).toMatch(/^[0-9a-f-]{36}$/);

    const preview = await tally.invoices.preview({ subscriptionId: subscription.id });
    expect(preview.total).toEqual({ amount: "180.00", currency: "usd" });
    expect(preview.lines.map((l) => [l.kind, l.tier, l.quantity, l.amount.amount])).toEqual([
      ["USAGE", 1, "1000", "0.00"],
      ["USAGE", 2, "2000", "80.00"],
      ["LICENSE", null, "1", "100.00"],
    ]);

    await tally.testClocks.advance(clock.id, { frozenTime: "2026-02-01T00:00:00Z" });
    const open = await tally.invoices
      .list({ customerId: customer.id, status: "OPEN" })
      .autoPagingToArray({ limit: 10 });
    expect(open.map((i) => i.total.amount).sort()).toEqual(["100.00", "180.00"]);
    expect((await tally.invoices.preview({ subscriptionId: subscription.id })).total.amount).toBe("100.00");
    expect(await januaryUsage()).toBe("3000");
    const daily = await tally.meters.listEventSummaries(meter.id, {
      customerId: customer.id,
      startTime: "2026-01-09T00:00:00Z",
      endTime: "2026-01-12T00:00:00Z",
      groupingWindow: "DAY",
    });
    expect(daily.map((d) => d.aggregatedValue)).toEqual(["0", "3000", "0"]);
  });
});

describe("meterEvents", () => {
  it("createMany accepts and rejects each event on its own, naming each by identifier", async () => {
    const { eventName, clock, customer, januaryUsage } = await alpaca(tally);
    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-05T00:00:00Z" });
    const result = await tally.meterEvents.createMany([
      { eventName, customerId: customer.id, value: "10" },
      { eventName: "no_such_meter", customerId: customer.id, value: "1" },
      { eventName, customerId: customer.id, value: "5", identifier: "mine-1" },
    ]);
    expect(result).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(result.rejected).toEqual([
      { index: 1, identifier: result.results[1]!.identifier, code: "METER_NOT_FOUND", message: expect.any(String) },
    ]);
    expect(result.results.map((r) => r.status)).toEqual(["accepted", "rejected", "accepted"]);
    expect(result.results[2]!.identifier).toBe("mine-1");

    const again = await tally.meterEvents.createMany([
      { eventName, customerId: customer.id, value: "5", identifier: "mine-1" },
    ]);
    expect(again).toMatchObject({
      accepted: 0,
      duplicates: 1,
      results: [{ identifier: "mine-1", status: "duplicate" }],
    });
    expect(await januaryUsage()).toBe("15");
  });

  it("cancel stops an event counting, and cancelling twice is harmless", async () => {
    const { eventName, customer, januaryUsage } = await alpaca(tally);
    const event = await tally.meterEvents.create({ eventName, customerId: customer.id, value: "7" });
    expect(await januaryUsage()).toBe("7");
    const canceled = await tally.meterEvents.cancel({ eventName, identifier: event.identifier });
    expect(canceled.canceledAt).not.toBeNull();
    expect(await tally.meterEvents.cancel({ eventName, identifier: event.identifier })).toEqual(canceled);
    expect(await januaryUsage()).toBe("0");
  });

  it("throws TallyMeterEventError with the API's code for each refusal", async () => {
    const { eventName, clock, customer } = await alpaca(tally);
    const other = await alpaca(tally);
    await tally.meters.deactivate(other.meter.id);
    const base = { eventName, customerId: customer.id, value: "1" };
    const cases: Array<[string, Parameters<Tally["meterEvents"]["create"]>[0]]> = [
      ["METER_NOT_FOUND", { ...base, eventName: "nope" }],
      ["METER_INACTIVE", { ...base, eventName: other.eventName }],
      ["CUSTOMER_NOT_FOUND", { ...base, customerId: "cus_missing" }],
      ["CUSTOMER_NOT_SPECIFIED", { eventName, value: "1" }],
      ["INVALID_VALUE", { ...base, value: "1234567890.123456" }],
      ["TIMESTAMP_TOO_FAR_IN_PAST", { ...base, timestamp: "2025-11-01T00:00:00Z" }],
      ["TIMESTAMP_IN_FUTURE", { ...base, timestamp: "2026-01-02T00:00:00Z" }],
    ];
    for (const [code, input] of cases) {
      const error = await failure(tally.meterEvents.create(input));
      expect(error, code).toBeInstanceOf(TallyMeterEventError);
      expect(error, code).toMatchObject({ code });
    }
    await tally.meterEvents.create({ ...base, identifier: "dup-1" });
    const duplicate = await failure(tally.meterEvents.create({ ...base, value: "2", identifier: "dup-1" }));
    expect(duplicate).toBeInstanceOf(TallyMeterEventError);
    expect(duplicate).toMatchObject({ code: "DUPLICATE_EVENT", existingEvent: { identifier: "dup-1", value: "1" } });

    const notFound = await failure(tally.meterEvents.cancel({ eventName, identifier: "never-recorded" }));
    expect(notFound).toMatchObject({ code: "EVENT_NOT_FOUND" });
    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-03T00:00:00Z" });
    const expired = await failure(tally.meterEvents.cancel({ eventName, identifier: "dup-1" }));
    expect(expired).toBeInstanceOf(TallyMeterEventError);
    expect(expired).toMatchObject({ code: "CANCEL_WINDOW_EXPIRED" });
  });

  it("refuses to cancel an event whose period is invoiced (EVENT_ALREADY_INVOICED)", async () => {
    const { eventName, clock, customer } = await alpaca(tally);
    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-31T23:00:00Z" });
    const event = await tally.meterEvents.create({ eventName, customerId: customer.id, value: "1" });
    await tally.testClocks.advance(clock.id, { frozenTime: "2026-02-01T00:00:00Z" });
    const error = await failure(tally.meterEvents.cancel({ eventName, identifier: event.identifier }));
    expect(error).toMatchObject({ code: "EVENT_ALREADY_INVOICED" });
  });
});

describe("subscriptions", () => {
  it("cancels now with a final invoice, then refuses a second cancel (SUBSCRIPTION_NOT_ACTIVE)", async () => {
    const { subscription, customer } = await alpaca(tally);
    const canceled = await tally.subscriptions.cancel(subscription.id, { atPeriodEnd: false });
    expect(canceled.status).toBe("CANCELED");
    expect(
      (await tally.subscriptions.list({ customerId: customer.id, status: "CANCELED" })).data.map((s) => s.id),
    ).toEqual([subscription.id]);
    const error = await failure(tally.subscriptions.cancel(subscription.id, { atPeriodEnd: false }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "SUBSCRIPTION_NOT_ACTIVE" });
    await expect(tally.invoices.preview({ subscriptionId: subscription.id })).rejects.toBeInstanceOf(
      TallyNotFoundError,
    );
  });

  it("sets billing thresholds that reset the billing cycle at each crossing", async () => {
    const { subscription } = await alpaca(tally);
    const updated = await tally.subscriptions.update(subscription.id, {
      billingThresholds: { amountGte: "100", resetBillingCycleAnchor: true },
    });
    expect(updated.billingThresholds).toEqual({
      amountGte: { amount: "100.00", currency: "usd" },
      resetBillingCycleAnchor: true,
    });
  });

  it("refuses items in different currencies (CURRENCY_MISMATCH)", async () => {
    const { customer, usage } = await alpaca(tally);
    const product = await tally.products.create({ name: "Euro license" });
    const euro = await tally.prices.create({
      productId: product.id,
      currency: "eur",
      recurring: { interval: "MONTH", usageType: "LICENSED" },
      unitAmount: "10",
    });
    const error = await failure(
      tally.subscriptions.create({ customerId: customer.id, items: [{ priceId: usage.id }, { priceId: euro.id }] }),
    );
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "CURRENCY_MISMATCH" });
  });

  it("maps a query's top-level INVALID_INPUT (unaligned summary bounds) with its field", async () => {
    const { meter, customer } = await alpaca(tally);
    const error = await failure(
      tally.meters.listEventSummaries(meter.id, {
        customerId: customer.id,
        startTime: "2026-01-01T00:00:30Z",
        endTime: "2026-02-01T00:00:00Z",
      }),
    );
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    expect((error as TallyInvalidInputError).field).not.toBeNull();
  });
});
