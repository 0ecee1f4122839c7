// An outside consumer of the packed @tally/sdk (test/consumer.test.ts installs it in a temporary
// directory, type-checks this file with tsc and runs it): the seed's Alpaca flow with Stripe-shaped
// calls and annotated types, a createSubscription whose response is lost and retried, and paging
// backwards. Prints one JSON line of what it saw.
import { type Customer, type Invoice, Tally, TallyNotFoundError, type TallyResponse } from "@tally/sdk";

const apiKey = process.env.TALLY_API_KEY!;
const url = process.env.TALLY_URL!;

/** Drops the response of the first CreateSubscription after the server handled it, as a broken connection would. */
let dropped = 0;
const subscriptionRequests: Array<string | null> = [];
const losingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (JSON.parse(String(init?.body)).operationName !== "CreateSubscription") return response;
  subscriptionRequests.push(new Headers(init?.headers).get("idempotency-key"));
  if (dropped++ > 0) return response;
  await response.arrayBuffer();
  throw Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
  });
};

const tally = new Tally({ apiKey, url, fetch: losingFetch });

const clock: Tally.TestClock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
const meter: Tally.Meter = await tally.meters.create({
  displayName: "Alpaca AI tokens",
  eventName: `alpaca_ai_tokens_${Date.now().toString(36)}`,
  aggregation: "SUM",
});
const usageProduct: Tally.Product = await tally.products.create({ name: "Alpaca AI usage" });
const usage: Tally.Price = await tally.prices.create({
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
const customer: Customer = await tally.customers.create({ name: "John Doe", testClockId: clock.id });

const subscription: TallyResponse<Tally.Subscription> = await tally.subscriptions.create({
  customerId: customer.id,
  items: [{ priceId: usage.id }, { priceId: license.id }],
});
const subscriptions = await tally.subscriptions.list({ customerId: customer.id }).autoPagingToArray({ limit: 10 });

await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-10T12:00:00Z" });
const event: Tally.MeterEvent = await tally.meterEvents.create({
  eventName: meter.eventName,
  customerId: customer.id,
  value: "3000",
});
const preview: Tally.InvoicePreview = await tally.invoices.preview({ subscriptionId: subscription.id });

// Backwards: the page before the last customer on the clock.
for (const name of ["Second", "Third"]) await tally.customers.create({ name, testClockId: clock.id });
const all: Customer[] = (await tally.customers.list({ testClockId: clock.id })).data;
const last = await tally.customers.list({
  testClockId: clock.id,
  limit: 1,
  startingAfter: (await tally.customers.list({ testClockId: clock.id, limit: 2 })).endCursor!,
});
const before = await tally.customers.list({ testClockId: clock.id, limit: 2, endingBefore: last.startCursor! });

await tally.testClocks.advance(clock.id, { frozenTime: "2026-02-01T00:00:00Z" });
const invoices: Invoice[] = await tally.invoices
  .list({ customerId: customer.id, status: "OPEN" })
  .autoPagingToArray({ limit: 10 });
const missing: unknown = await tally.customers.retrieve("cus_missing").catch((error: unknown) => error);

console.log(
  JSON.stringify({
    subscriptionRequests,
    subscriptionIds: subscriptions.map((s) => s.id),
    subscriptionId: subscription.id,
    requestId: subscription.lastResponse.requestId,
    eventValue: event.value,
    previewTotal: preview.total.amount,
    allIds: all.map((c) => c.id),
    lastIds: last.data.map((c) => c.id),
    beforeIds: before.data.map((c) => c.id),
    beforeHasMore: before.hasMore,
    openTotals: invoices.map((i) => i.total.amount),
    notFound: missing instanceof TallyNotFoundError,
  }),
);
