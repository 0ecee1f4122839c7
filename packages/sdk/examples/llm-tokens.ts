// An LLM product billed per token by model and token type (docs/concepts/prices.md#segments), with
// @tally/sdk against a running Tally server:
//
//   TALLY_URL=http://localhost:4000 TALLY_API_KEY=sk_test_… pnpm example:llm-tokens
//
// A meter `llm_tokens` (SUM) with dimensions model and token_type; four segmented prices (gpt-large
// input and output, the output graduated; gpt-small input and output) and a remainder price for
// every other token; a customer's mixed events; a preview whose lines add up to 61.30; a usage
// summary grouped by model; and an alert at 3M gpt-large tokens, which the 6.8M tokens of all
// models together do not fire (2.7M are gpt-large).
import type { Tally } from "@tally/sdk";
import { connect } from "./connect.js";

const tally = await connect("example:llm-tokens");

// Meter event names are unique per account: a suffix lets the example run more than once.
const eventName = `llm_tokens_${Date.now().toString(36)}`;
const clock = await tally.testClocks.create({ frozenTime: "2026-03-01T00:00:00Z", name: "LLM tokens" });
const meter = await tally.meters.create({
  displayName: "LLM tokens",
  eventName,
  aggregation: "SUM",
  dimensionPayloadKeys: ["model", "token_type"],
});

const product = await tally.products.create({ name: "LLM tokens" });
const metered = { interval: "MONTH", usageType: "METERED", meterId: meter.id } as const;
const segment = (model: string, tokenType: string) => [
  { dimension: "model", value: model },
  { dimension: "token_type", value: tokenType },
];
const prices = [
  { unitAmount: "0.00001", meterSegmentConditions: segment("gpt-large", "input") },
  {
    billingScheme: "TIERED" as const,
    tiersMode: "GRADUATED" as const,
    tiers: [
      { upTo: "1000000", unitAmount: "0.00003" },
      { upTo: null, unitAmount: "0.000025" },
    ],
    meterSegmentConditions: segment("gpt-large", "output"),
  },
  { unitAmount: "0.000001", meterSegmentConditions: segment("gpt-small", "input") },
  { unitAmount: "0.000004", meterSegmentConditions: segment("gpt-small", "output") },
  // No conditions: the remainder, every token no other price bills.
  { unitAmount: "0.000002" },
];
const created = [];
for (const price of prices) {
  created.push(await tally.prices.create({ productId: product.id, currency: "usd", recurring: metered, ...price }));
}

const customer = await tally.customers.create({ name: "Ada Lovelace", testClockId: clock.id });
const subscription = await tally.subscriptions.create({
  customerId: customer.id,
  items: created.map((price) => ({ priceId: price.id })),
});
const alert = await tally.alerts.create({
  title: "3M gpt-large tokens",
  meterId: meter.id,
  threshold: "3000000",
  recurrence: "EVERY_PERIOD",
  filters: [{ dimension: "model", value: "gpt-large" }],
});

await tally.testClocks.advance(clock.id, { frozenTime: "2026-03-06T00:00:00Z" });
const tokens: Array<[number, Record<string, string>]> = [
  [1_200_000, { model: "gpt-large", token_type: "input" }],
  [1_000_000, { model: "gpt-large", token_type: "output" }],
  [500_000, { model: "gpt-large", token_type: "output" }],
  [3_000_000, { model: "gpt-small", token_type: "input" }],
  [800_000, { model: "gpt-small", token_type: "output" }],
  [250_000, { model: "gpt-mini", token_type: "input" }],
  [50_000, { token_type: "output" }],
];
await tally.meterEvents.createMany(
  tokens.map(([value, payload], i) => ({
    eventName,
    customerId: customer.id,
    value: String(value),
    payload,
    timestamp: new Date(Date.parse("2026-03-05T00:00:00Z") + i * 3_600_000).toISOString(),
  })),
);

const describe = (line: Tally.InvoiceLine) =>
  `  ${line.description.padEnd(75)} ${line.quantity.padStart(8)} = ${line.amount.amount.padStart(6)}`;
const preview = await tally.invoices.preview({ subscriptionId: subscription.id });
console.log(`Preview invoice for ${customer.name}, ${preview.periodStart} → ${preview.periodEnd}`);
for (const line of preview.lines) console.log(describe(line));
console.log(`  total ${preview.total.amount} ${preview.total.currency}`);

const byModel = await tally.meters.listEventSummaries(meter.id, {
  customerId: customer.id,
  startTime: "2026-03-01T00:00:00Z",
  endTime: "2026-04-01T00:00:00Z",
  groupBy: ["model"],
});
for (const row of byModel)
  console.log(`March tokens, model ${row.dimensions[0]?.value ?? "(none)"}: ${row.aggregatedValue}`);

const triggers = await tally.alerts.listTriggers({ alertId: alert.id });
console.log(`Alert "${alert.title}": ${triggers.length === 0 ? "not fired" : `fired at ${triggers[0]!.value}`}`);
