// Previews and summaries at scale (figure id usage-at-scale): customers whose current period holds 10k, 1M and 5M
// events (one customer per size, seeded by SQL: lib/seed.ts) → previewInvoice and a month's
// meterEventSummaries, p50/p99 over sequential requests. The sizes are measured in interleaved
// rounds (10k, 1M, 5M, then 5M, 1M, 10k, …), so that the ratio between them is not the host's
// drift over the minutes that seeding takes. Reference (same run, same database): the raw SUM over
// the customer's events of the period, straight on the events table with its (meterId, customerId,
// timestamp) index — what a preview would cost without rollups. Every answer must equal the raw
// recomputation exactly (the preview's usage quantity, the month's summary, and each day of a
// day-grouped summary), or the run fails.
import { toDecimal } from "@tally/billing";
import { meteredPrice, type Api } from "../lib/api.js";
import type { DirectSql } from "../lib/database.js";
import { seedEvents, type SeedTarget } from "../lib/seed.js";
import { withDatabase, type Session } from "../lib/session.js";
import { latencyOf, sampleSequential, timeSequential, type Latency } from "../lib/stats.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rounds of measurement: each measures every size, for runs / ROUNDS requests of each kind. */
const ROUNDS = 4;

const PREVIEW = `query($id: ID!) { previewInvoice(subscriptionId: $id) { lines { kind quantity amount { amount } } total { amount } } }`;
const SUMMARIES = `query($meterId: ID!, $customerId: ID!, $startTime: DateTime!, $endTime: DateTime!, $window: UsageWindow) {
  meterEventSummaries(meterId: $meterId, customerId: $customerId, startTime: $startTime, endTime: $endTime, groupingWindow: $window) {
    startTime endTime aggregatedValue } }`;

export interface StageResult {
  events: number;
  preview: Latency;
  summary: Latency;
  rawSum: Latency;
}

/** One size: its own customer and subscription, on the meter and price all sizes share. */
interface Fixture extends SeedTarget {
  events: number;
  subscriptionId: string;
  periodEnd: Date;
  /** The month of the summaries: [monthStart, monthStart + 30 days), on whole minutes. */
  monthStart: Date;
  monthEnd: Date;
}

async function fixtures(a: Api, sizes: number[]): Promise<Fixture[]> {
  const meter = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: "Usage", eventName: "bench_usage", aggregation: "SUM" },
    "Meter",
    "id",
  );
  const priceId = await meteredPrice(a, meter.id, "0.001");
  // Started 20 days ago, 30 min 23 s past an hour: the period's first hour is partial, and its
  // part in the period (the month summary's from the minute, 30 min) is the most that is ever read
  // from raw events (usage-store/postgres/reads.ts), whatever the time of day the run starts.
  const startDate = new Date(Math.floor(Date.now() / HOUR) * HOUR - 20 * DAY + (30 * 60 + 23) * 1000);
  const result: Fixture[] = [];
  for (const events of sizes) {
    const customer = await a.mutate(
      "createCustomer",
      "CreateCustomerInput",
      { name: `Customer with ${events} events` },
      "Customer",
      "id",
    );
    const subscription = await a.mutate(
      "createSubscription",
      "CreateSubscriptionInput",
      { customerId: customer.id, items: [{ priceId }], startDate: startDate.toISOString() },
      "Subscription",
      "id currentPeriodStart currentPeriodEnd",
    );
    const monthStart = new Date(Math.floor(Date.parse(subscription.currentPeriodStart) / 60_000) * 60_000);
    result.push({
      events,
      // The account id is read from the database before seeding.
      scope: { accountId: "", mode: "test" },
      meterId: meter.id,
      customerId: customer.id,
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

const RAW_SUM = `SELECT coalesce(sum("value"), 0)::text AS sum FROM "MeterEvent"
  WHERE "meterId" = $1 AND "customerId" = $2 AND "accountId" = $3 AND "mode" = 'test' AND "canceledAt" IS NULL
    AND "timestamp" >= $4 AND "timestamp" < $5`;

const RAW_DAYS = `SELECT date_trunc('day', "timestamp", 'UTC') AS day, sum("value")::text AS sum FROM "MeterEvent"
  WHERE "meterId" = $1 AND "customerId" = $2 AND "accountId" = $3 AND "mode" = 'test' AND "canceledAt" IS NULL
    AND "timestamp" >= $4 AND "timestamp" < $5
  GROUP BY 1`;

interface Truth {
  period: string;
  month: string;
  days: Map<number, string>;
}

/** The raw recomputation of every answer checked, and the reference timing. */
async function rawTruth(db: DirectSql, f: Fixture, runs: number): Promise<{ truth: Truth; rawSum: Latency }> {
  const params = (start: Date, end: Date) => [
    f.meterId,
    f.customerId,
    f.scope.accountId,
    start.toISOString(),
    end.toISOString(),
  ];
  const sum = async (start: Date, end: Date) => (await db.query<{ sum: string }>(RAW_SUM, params(start, end)))[0]!.sum;
  const rawSum = await timeSequential(runs, () => sum(f.start, f.periodEnd), 1);
  const days = await db.query<{ day: Date | string; sum: string }>(RAW_DAYS, params(f.monthStart, f.monthEnd));
  return {
    rawSum,
    truth: {
      period: await sum(f.start, f.periodEnd),
      month: await sum(f.monthStart, f.monthEnd),
      days: new Map(days.map((d) => [new Date(d.day).getTime(), d.sum])),
    },
  };
}

function expectEqual(what: string, actual: string, expected: string): void {
  if (!toDecimal(actual).eq(toDecimal(expected)))
    throw new Error(`usage-at-scale: ${what} is ${actual}, the raw recomputation ${expected}`);
}

const summaryRange = (f: Fixture) => ({
  meterId: f.meterId,
  customerId: f.customerId,
  startTime: f.monthStart.toISOString(),
  endTime: f.monthEnd.toISOString(),
});

/** The server's answers, checked against the raw truth. */
async function checkAnswers(a: Api, f: Fixture, truth: Truth): Promise<void> {
  const preview = (await a.gql<{ previewInvoice: any }>(PREVIEW, { id: f.subscriptionId })).previewInvoice;
  const usage = preview.lines.find((l: { kind: string }) => l.kind === "USAGE");
  expectEqual("the preview's usage quantity", usage.quantity, truth.period);
  const range = summaryRange(f);
  const [month] = (await a.gql<{ meterEventSummaries: any[] }>(SUMMARIES, range)).meterEventSummaries;
  expectEqual("the month's summary", month.aggregatedValue, truth.month);
  const days = (await a.gql<{ meterEventSummaries: any[] }>(SUMMARIES, { ...range, window: "DAY" }))
    .meterEventSummaries;
  for (const day of days) {
    const key = Math.floor(Date.parse(day.startTime) / DAY) * DAY;
    expectEqual(`the summary of ${day.startTime}`, day.aggregatedValue, truth.days.get(key) ?? "0");
  }
}

export async function usageAtScale(
  session: Session,
  sizes: number[],
  options: { runs: number },
): Promise<StageResult[]> {
  const stages = await fixtures(session.api, sizes);
  const truths = await withDatabase(session, async (db) => {
    const [meter] = await db.query<{ accountId: string }>(`SELECT "accountId" FROM "Meter" WHERE "id" = $1`, [
      stages[0]!.meterId,
    ]);
    let seeded = 0;
    for (const f of stages) {
      f.scope.accountId = meter!.accountId;
      // Event numbers (identifiers) continue from one customer to the next.
      await seedEvents(db, f, seeded, seeded + f.events);
      seeded += f.events;
    }
    const truths = [];
    for (const f of stages) truths.push(await rawTruth(db, f, f.events >= 1_000_000 ? 3 : 20));
    return truths;
  });
  const a = session.api;
  for (const [i, f] of stages.entries()) await checkAnswers(a, f, truths[i]!.truth);

  const samples = stages.map(() => ({ preview: [] as number[], summary: [] as number[], peakRss: 0 }));
  const perRound = Math.ceil(options.runs / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = stages.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const f = stages[i]!;
      session.server.resetPeakRss();
      samples[i]!.preview.push(...(await sampleSequential(perRound, () => a.gql(PREVIEW, { id: f.subscriptionId }))));
      samples[i]!.summary.push(...(await sampleSequential(perRound, () => a.gql(SUMMARIES, summaryRange(f)))));
      samples[i]!.peakRss = Math.max(samples[i]!.peakRss, session.server.peakRss());
    }
  }
  return stages.map((f, i) => {
    const { preview, summary, peakRss } = samples[i]!;
    session.peakRss.push({
      figure: "usage-at-scale",
      detail: `${f.events.toLocaleString("en-US")} events`,
      database: session.target.kind,
      bytes: peakRss,
    });
    return { events: f.events, rawSum: truths[i]!.rawSum, preview: latencyOf(preview), summary: latencyOf(summary) };
  });
}
