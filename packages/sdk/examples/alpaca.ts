// The Alpaca AI example (docs/concepts/prices.md#flat-fee-and-overages) with @tally/sdk, against a running Tally server:
//
//   TALLY_URL=http://localhost:4000 TALLY_API_KEY=sk_test_… pnpm example:alpaca
//
// A test clock at 2026-01-01; a token meter; a graduated usage price (first 1000 tokens free, then
// 0.04) and a 100.00 monthly license; John Doe subscribes; 3000 tokens on Jan 10; the preview
// invoice shows 180.00; advancing the clock to Feb 1 finalizes that invoice.
import type { Tally } from "@tally/sdk";
import { connect } from "./connect.js";

const tally = await connect("example:alpaca");

// Meter event names are unique per account: a suffix lets the example run more than once.
const eventName = `alpaca_ai_tokens_${Date.now().toString(36)}`;

const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z", name: "Alpaca AI" });
const meter = await tally.meters.create({ displayName: "Alpaca AI tokens", eventName, aggregation: "SUM" });

const usageProduct = await tally.products.create({ name: "Alpaca AI usage" });
const usagePrice = await tally.prices.create({
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
const licensePrice = await tally.prices.create({
  productId: licenseProduct.id,
  currency: "usd",
  recurring: { interval: "MONTH", usageType: "LICENSED" },
  unitAmount: "100",
});

const customer = await tally.customers.create({ name: "John Doe", email: "john@alpaca.ai", testClockId: clock.id });
const subscription = await tally.subscriptions.create({
  customerId: customer.id,
  items: [{ priceId: usagePrice.id }, { priceId: licensePrice.id, quantity: 1 }],
});

await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-10T12:00:00Z" });
await tally.meterEvents.create({
  eventName,
  customerId: customer.id,
  value: "3000",
  timestamp: "2026-01-10T12:00:00Z",
});

const describe = (line: Tally.InvoiceLine) =>
  `  ${line.kind.padEnd(7)} ${line.description.padEnd(45)} ${line.quantity.padStart(6)} × ${line.unitAmount.padEnd(5)} = ${line.amount.amount.padStart(7)}`;

const preview = await tally.invoices.preview({ subscriptionId: subscription.id });
console.log(`Preview invoice for ${customer.name}, ${preview.periodStart} → ${preview.periodEnd}`);
for (const line of preview.lines) console.log(describe(line));
console.log(`  total ${preview.total.amount} ${preview.total.currency}`);

await tally.testClocks.advance(clock.id, { frozenTime: "2026-02-01T00:00:00Z" });
const invoices = await tally.invoices.list({ customerId: customer.id }).autoPagingToArray({ limit: 10 });
for (const invoice of invoices)
  console.log(`Invoice ${invoice.number} ${invoice.status} total ${invoice.total.amount} ${invoice.total.currency}`);

const [january] = await tally.meters.listEventSummaries(meter.id, {
  customerId: customer.id,
  startTime: "2026-01-01T00:00:00Z",
  endTime: "2026-02-01T00:00:00Z",
});
console.log(`January usage: ${january?.aggregatedValue} tokens`);
