// Usage by dimension (figure id usage-by-dimension): a meter with two dimensions (model ×
// token_type, 100 combinations) and customers whose current period holds 10k and 5M tagged events
// (seeded by SQL with their combinations: lib/seed.ts). Measured, p50 over sequential requests in
// interleaved rounds: previewInvoice of a subscription with 4 segmented prices and a remainder
// price, and a month's summary grouped by model. Reference (same run, same database): the raw
// `SUM … GROUP BY` of the payload's values over the customer's events of the period. Every answer
// must equal the raw recomputation (each segmented line's quantity, each group's sum), or the run
// fails. Then batched ingest with two dimension values on every event against the same ingest
// without dimensions, in alternating rounds.
import { toDecimal } from "@tally/billing";
import type { Api } from "../lib/api.js";
import type { DirectSql } from "../lib/database.js";
import { runLoad } from "../lib/load.js";
import { seedEvents, type SeedTarget } from "../lib/seed.js";
import { withDatabase, type Session } from "../lib/session.js";
import { latencyOf, sampleSequential, timeSequential, type Latency } from "../lib/stats.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROUNDS = 4;
const DIMENSIONS = { models: 10, tokenTypes: 10 };
/** The segmented prices' (model, token type); every other combination falls to the remainder price. */
const SEGMENTS = [
  ["m0", "t0"],
  ["m0", "t1"],
  ["m1", "t0"],
  ["m1", "t1"],
] as const;

const PREVIEW = `query($id: ID!) { previewInvoice(subscriptionId: $id) {
  lines { kind quantity meterSegmentConditions { dimension value } } total { amount } } }`;
const GROUPED = `query($meterId: ID!, $customerId: ID!, $startTime: DateTime!, $endTime: DateTime!) {
  meterEventSummaries(meterId: $meterId, customerId: $customerId, startTime: $startTime, endTime: $endTime, groupBy: ["model"]) {
    aggregatedValue dimensions { value } } }`;

export interface DimensionStage {
  events: number;
  preview: Latency;
  grouped: Latency;
  rawGroupedSum: Latency;
}

export interface DimensionIngest {
  events: number;
  plainPerSecond: number;
  dimensionsPerSecond: number;
}

interface Fixture extends SeedTarget {
  events: number;
  subscriptionId: string;
  periodEnd: Date;
  monthStart: Date;
  monthEnd: Date;
}

async function meterWithPrices(a: Api, eventName: string) {
  const meter = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: "Tokens", eventName, aggregation: "SUM", dimensionPayloadKeys: ["model", "token_type"] },
    "Meter",
    "id",
  );
  const product = await a.mutate("createProduct", "CreateProductInput", { name: "Tokens" }, "Product");
  const price = (conditions: Array<{ dimension: string; value: string }>, unitAmount: string) =>
    a.mutate(
      "createPrice",
      "CreatePriceInput",
      {
        productId: product.id,
        currency: "usd",
        unitAmount,
        recurring: { interval: "MONTH", usageType: "METERED", meterId: meter.id },
        meterSegmentConditions: conditions,
      },
      "Price",
    );
  const prices = [];
  for (const [model, tokenType] of SEGMENTS) {
    prices.push(
      await price(
        [
          { dimension: "model", value: model },
          { dimension: "token_type", value: tokenType },
        ],
        "0.001",
      ),
    );
  }
  prices.push(await price([], "0.0005"));
  return { meterId: meter.id as string, priceIds: prices.map((p) => p.id as string) };
}

async function fixtures(a: Api, sizes: number[]): Promise<Fixture[]> {
  const { meterId, priceIds } = await meterWithPrices(a, "bench_dimension_tokens");
  // As usage-at-scale: 20 days ago, 30 min 23 s past an hour.
  const startDate = new Date(Math.floor(Date.now() / HOUR) * HOUR - 20 * DAY + (30 * 60 + 23) * 1000);
  const result: Fixture[] = [];
  for (const events of sizes) {
    const customer = await a.mutate("createCustomer", "CreateCustomerInput", { name: `${events} tokens` }, "Customer");
    const subscription = await a.mutate(
      "createSubscription",
      "CreateSubscriptionInput",
      { customerId: customer.id, items: priceIds.map((priceId) => ({ priceId })), startDate: startDate.toISOString() },
      "Subscription",
      "id currentPeriodStart currentPeriodEnd",
    );
    const monthStart = new Date(Math.floor(Date.parse(subscription.currentPeriodStart) / 60_000) * 60_000);
    result.push({
      events,
      scope: { accountId: "", mode: "test" },
      meterId,
      customerId: customer.id,
      dimensions: DIMENSIONS,
      subscriptionId: subscription.id,
      start: new Date(subscription.currentPeriodStart),
      end: new Date(Date.now() - 120_000),
      periodEnd: new Date(subscription.currentPeriodEnd),
      monthStart,
      monthEnd: new Date(monthStart.getTime() + 30 * DAY),
    });
  }
  return result;
}

const RAW_GROUPED_SUM = `SELECT "payload"->>'model' AS model, "payload"->>'token_type' AS token_type, sum("value")::text AS sum
  FROM "MeterEvent"
  WHERE "meterId" = $1 AND "customerId" = $2 AND "accountId" = $3 AND "mode" = 'test' AND "canceledAt" IS NULL
    AND "timestamp" >= $4 AND "timestamp" < $5
  GROUP BY 1, 2`;

type Groups = Array<{ model: string; token_type: string; sum: string }>;

const fail = (what: string, actual: string, expected: string) => {
  if (!toDecimal(actual).eq(toDecimal(expected)))
    throw new Error(`usage-by-dimension: ${what} is ${actual}, the raw recomputation ${expected}`);
};

const total = (groups: Groups, keep: (g: Groups[number]) => boolean) =>
  groups.filter(keep).reduce((acc, g) => acc.plus(g.sum), toDecimal("0"));

async function checkAnswers(a: Api, f: Fixture, period: Groups, month: Groups): Promise<void> {
  const preview = (await a.gql<{ previewInvoice: any }>(PREVIEW, { id: f.subscriptionId })).previewInvoice;
  const usage = preview.lines.filter((l: { kind: string }) => l.kind === "USAGE");
  const isSegment = (g: Groups[number]) => SEGMENTS.some(([m, t]) => g.model === m && g.token_type === t);
  for (const [i, [model, tokenType]] of SEGMENTS.entries()) {
    const expected = total(period, (g) => g.model === model && g.token_type === tokenType);
    fail(`the ${model}/${tokenType} line's quantity`, usage[i].quantity, expected.toFixed());
  }
  fail("the remainder line's quantity", usage[SEGMENTS.length].quantity, total(period, (g) => !isSegment(g)).toFixed());
  const grouped = (await a.gql<{ meterEventSummaries: any[] }>(GROUPED, summaryRange(f))).meterEventSummaries;
  if (grouped.length !== DIMENSIONS.models) throw new Error(`usage-by-dimension: ${grouped.length} groups`);
  for (const row of grouped) {
    const model = row.dimensions[0].value;
    fail(`model ${model}'s month`, row.aggregatedValue, total(month, (g) => g.model === model).toFixed());
  }
}

const summaryRange = (f: Fixture) => ({
  meterId: f.meterId,
  customerId: f.customerId,
  startTime: f.monthStart.toISOString(),
  endTime: f.monthEnd.toISOString(),
});

export async function usageByDimension(
  session: Session,
  sizes: number[],
  options: { runs: number },
): Promise<DimensionStage[]> {
  const stages = await fixtures(session.api, sizes);
  const raw = await withDatabase(session, async (db: DirectSql) => {
    const [meter] = await db.query<{ accountId: string }>(`SELECT "accountId" FROM "Meter" WHERE "id" = $1`, [
      stages[0]!.meterId,
    ]);
    let seeded = 0;
    for (const f of stages) {
      f.scope.accountId = meter!.accountId;
      await seedEvents(db, f, seeded, seeded + f.events);
      seeded += f.events;
    }
    const results = [];
    for (const f of stages) {
      const params = (start: Date, end: Date) => [
        f.meterId,
        f.customerId,
        f.scope.accountId,
        start.toISOString(),
        end.toISOString(),
      ];
      const grouped = (start: Date, end: Date) => db.query<Groups[number]>(RAW_GROUPED_SUM, params(start, end));
      results.push({
        timing: await timeSequential(f.events >= 1_000_000 ? 3 : 20, () => grouped(f.start, f.periodEnd), 1),
        period: await grouped(f.start, f.periodEnd),
        month: await grouped(f.monthStart, f.monthEnd),
      });
    }
    return results;
  });
  const a = session.api;
  for (const [i, f] of stages.entries()) await checkAnswers(a, f, raw[i]!.period, raw[i]!.month);
  const samples = stages.map(() => ({ preview: [] as number[], grouped: [] as number[] }));
  const perRound = Math.ceil(options.runs / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = stages.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const f = stages[i]!;
      samples[i]!.preview.push(...(await sampleSequential(perRound, () => a.gql(PREVIEW, { id: f.subscriptionId }))));
      samples[i]!.grouped.push(...(await sampleSequential(perRound, () => a.gql(GROUPED, summaryRange(f)))));
    }
  }
  return stages.map((f, i) => ({
    events: f.events,
    preview: latencyOf(samples[i]!.preview),
    grouped: latencyOf(samples[i]!.grouped),
    rawGroupedSum: raw[i]!.timing,
  }));
}

const RECORD_EVENTS = `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) {
  __typename ... on RecordMeterEventsSummary { accepted rejected { code message } } ... on Error { code message } } }`;

/**
 * Batched ingest (1000 events per request, 4 clients, 20 customers, the last 90 minutes) into a
 * meter with two dimensions, every event carrying both, against the same events into a meter
 * without dimensions: events/s of each, in alternating rounds.
 */
export async function dimensionIngest(session: Session, events: number): Promise<DimensionIngest> {
  const a = session.api;
  const plain = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: "Plain", eventName: "bench_plain_tokens", aggregation: "SUM" },
    "Meter",
    "id eventName",
  );
  const tagged = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    {
      displayName: "Tagged",
      eventName: "bench_tagged_tokens",
      aggregation: "SUM",
      dimensionPayloadKeys: ["model", "token_type"],
    },
    "Meter",
    "id eventName",
  );
  const customers: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    customers.push((await a.mutate("createCustomer", "CreateCustomerInput", { name: `Ingest ${i}` }, "Customer")).id);
  }
  const seconds = { plain: 0, tagged: 0 };
  const perRound = Math.ceil(events / ROUNDS / 1000) * 1000;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const kind of round % 2 === 0 ? (["plain", "tagged"] as const) : (["tagged", "plain"] as const)) {
      const eventName = kind === "plain" ? plain.eventName : tagged.eventName;
      const now = Date.now();
      const body = (batch: number) =>
        JSON.stringify({
          query: RECORD_EVENTS,
          variables: {
            input: {
              events: Array.from({ length: 1000 }, (_, j) => {
                const n = batch * 1000 + j;
                return {
                  eventName,
                  customerId: customers[n % customers.length],
                  value: String((n % 97) + 1),
                  timestamp: new Date(now - ((n * 7919) % (90 * 60_000))).toISOString(),
                  identifier: `${kind}-${round}-${n}`,
                  payload: { model: `m${n % 10}`, token_type: `t${Math.floor(n / 10) % 10}` },
                };
              }),
            },
          },
        });
      const result = await runLoad({
        url: session.server.url,
        key: a.key,
        connections: Math.min(4, perRound / 1000),
        amount: perRound / 1000,
        body,
        check: (text) => {
          const summary = JSON.parse(text).data?.recordMeterEvents;
          if (summary?.__typename !== "RecordMeterEventsSummary" || summary.rejected.length > 0)
            throw new Error(`batch not fully accepted: ${text.slice(0, 500)}`);
        },
      });
      seconds[kind] += result.seconds;
    }
  }
  const total = perRound * ROUNDS;
  return { events: total, plainPerSecond: total / seconds.plain, dimensionsPerSecond: total / seconds.tagged };
}
