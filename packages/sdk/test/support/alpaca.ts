// The Alpaca AI setup (docs/concepts/prices.md#flat-fee-and-overages) through the SDK: a clock at 2026-01-01, a SUM meter, a
// graduated usage price and a 100.00 license, John Doe subscribed to both.
import type { Tally } from "../../src/index.js";

let counter = 0;

export async function alpaca(tally: Tally) {
  const eventName = `alpaca_ai_tokens_${++counter}_${Date.now().toString(36)}`;
  const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
  const meter = await tally.meters.create({ displayName: "Alpaca AI tokens", eventName, aggregation: "SUM" });
  const usageProduct = await tally.products.create({ name: "Alpaca AI usage" });
  const usage = await tally.prices.create({
    productId: usageProduct.id,
    currency: "usd",
    recurring: { interval: "MONTH", usageType: "METERED", meterId: meter.id },
    billingScheme: "TIERED",
    tiersMode: "GRADUATED",
    tiers: [
      { upTo: "1000", unitAmount: "0" },
      { upTo: null, unitAmount: "0.04" },
    ],
  });
  const licenseProduct = await tally.products.create({ name: "Alpaca AI license fee" });
  const license = await tally.prices.create({
    productId: licenseProduct.id,
    currency: "usd",
    recurring: { interval: "MONTH", usageType: "LICENSED" },
    unitAmount: "100",
  });
  const customer = await tally.customers.create({ name: "John Doe", testClockId: clock.id });
  const subscription = await tally.subscriptions.create({
    customerId: customer.id,
    items: [{ priceId: usage.id }, { priceId: license.id }],
  });
  /** The meter's total for the customer over January 2026. */
  const januaryUsage = async () =>
    (
      await tally.meters.listEventSummaries(meter.id, {
        customerId: customer.id,
        startTime: "2026-01-01T00:00:00Z",
        endTime: "2026-02-01T00:00:00Z",
      })
    )[0]!.aggregatedValue;
  return { eventName, clock, meter, usage, license, customer, subscription, januaryUsage };
}
