// Live usage fan-out (figure id live-usage-fanout): SUBSCRIBERS server-sent-event streams of one
// customer's viewerUsageUpdated (one customer session) while batches of 1000 events for the
// figure's customers arrive from several clients, as in batched-ingest: ingest events/s against
// the same ingest with nobody subscribed, in ten rounds of at least MIN_BATCHES batches after a
// warm-up of each, ordered without-with-with-without-… so that a drift of the machine weighs on both
// alike; and the delay from a batch's acceptance (its response) to the first push on each
// stream showing that batch's usage.
import { meteredPrice } from "../lib/api.js";
import type { Session } from "../lib/session.js";
import { percentile } from "../lib/stats.js";
import {
  BATCH,
  eventRows,
  type EventRow,
  type IngestFixture,
  ingestFixture,
  type IngestScale,
} from "./batched-ingest.js";

export const SUBSCRIBERS = 200;
/** Enough batches per round that one slow batch does not decide the ratio. */
const MIN_BATCHES = 30;
const ORDER = ["without", "with", "with", "without", "without", "with", "with", "without", "without", "with"] as const;

const RECORD_EVENTS = `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) {
  __typename ... on RecordMeterEventsSummary { accepted rejected { index } } } }`;

const STREAM = "subscription($meterId: ID!) { viewerUsageUpdated(meterId: $meterId) { usage } }";

interface Accepted {
  at: number;
  /** The watched customer's usage added by the batch. */
  watched: number;
}

/** Posts `rows` in batches from `clients` connections; each batch's acceptance time, and the seconds taken. */
async function ingest(session: Session, fixture: IngestFixture, rows: EventRow[], clients: number, watched: string) {
  const accepted: Accepted[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i * BATCH < rows.length; i = next++) {
        // The watched customer's events happen now: in its subscription's current period, which started with the figure.
        const now = new Date().toISOString();
        const batch = rows
          .slice(i * BATCH, (i + 1) * BATCH)
          .map((r) => (r.customerId === watched ? { ...r, timestamp: now } : r));
        const response = await fetch(`${session.server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${session.api.key}` },
          body: JSON.stringify({
            query: RECORD_EVENTS,
            variables: { input: { events: batch.map((r) => ({ eventName: fixture.eventName, ...r })) } },
          }),
        });
        const summary = ((await response.json()) as { data?: { recordMeterEvents?: { accepted: number } } }).data
          ?.recordMeterEvents;
        if (summary?.accepted !== batch.length) throw new Error(`batch not fully accepted: ${JSON.stringify(summary)}`);
        const sum = batch.filter((r) => r.customerId === watched).reduce((s, r) => s + Number(r.value), 0);
        accepted.push({ at: performance.now(), watched: sum });
      }
    }),
  );
  return { accepted, seconds: (performance.now() - started) / 1000 };
}

/** One stream: every pushed usage with its arrival time (performance.now()). */
async function openStream(url: string, token: string, meterId: string, signal: AbortSignal) {
  const pushes: Array<{ at: number; usage: number }> = [];
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: STREAM, variables: { meterId } }),
    signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = block.split("\n").find((line) => line.startsWith("data:"));
        if (!block.startsWith("event: next") || !data) continue;
        const usage = JSON.parse(data.slice(5)).data?.viewerUsageUpdated?.usage;
        if (usage !== undefined) pushes.push({ at: performance.now(), usage: Number(usage) });
      }
    }
  })();
  return pushes;
}

export interface FanoutResult {
  with: number;
  without: number;
  /** Events ingested in each mode. */
  events: number;
  /** Each with-round's rate over the mean without-rate: the spread behind the ratio. */
  roundRatios: number[];
  delays: { p50: number; p99: number; samples: number };
}

export async function liveUsageFanout(session: Session, scale: IngestScale): Promise<FanoutResult> {
  const fixture = await ingestFixture(session, scale.customers, "bench_live_tokens");
  const watched = fixture.customers[0]!;
  const priceId = await meteredPrice(session.api, fixture.meterId, "0.01");
  await session.api.mutate(
    "createSubscription",
    "CreateSubscriptionInput",
    { customerId: watched, items: [{ priceId }] },
    "Subscription",
  );
  const created = await session.api.mutate(
    "createCustomerSession",
    "CreateCustomerSessionInput",
    { customerId: watched, scopes: ["USAGE_READ"] },
    "CustomerSession",
    "token",
  );
  const perRound = Math.max(MIN_BATCHES * BATCH, Math.floor(scale.events / ORDER.length / BATCH) * BATCH);

  /** One round of `rows`, with or without the subscribers: its seconds, and with them each push's delay. */
  async function round(mode: (typeof ORDER)[number], rows: EventRow[]) {
    if (mode === "without") return { ...(await ingest(session, fixture, rows, scale.clients, watched)), delays: [] };
    const controller = new AbortController();
    const streams = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, () =>
        openStream(session.server.url, created.token, fixture.meterId, controller.signal),
      ),
    );
    const deadline = Date.now() + 60_000;
    while (streams.some((s) => s.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (streams.some((s) => s.length === 0)) throw new Error("a stream had no first message within 60 s");
    const start = streams[0]![0]!.usage;
    const { accepted, seconds } = await ingest(session, fixture, rows, scale.clients, watched);
    await new Promise((r) => setTimeout(r, 2_000)); // the last pushes
    controller.abort();
    // Acceptance order: the usage the customer had once each batch was answered.
    const delays: number[] = [];
    let usage = start;
    for (const batch of accepted.sort((a, b) => a.at - b.at)) {
      usage += batch.watched;
      if (batch.watched === 0) continue;
      for (const pushes of streams) {
        const push = pushes.find((p) => p.usage >= usage - 1e-6);
        if (push) delays.push(Math.max(0, push.at - batch.at));
      }
    }
    return { seconds, delays };
  }

  // Warm-up of both paths (caches, prepared statements, JIT), measured by neither mode.
  for (const mode of ["without", "with"] as const)
    await round(mode, eventRows(`live-warm-up-${mode}`, MIN_BATCHES * BATCH, fixture.customers));
  const totals = { with: { events: 0, seconds: 0 }, without: { events: 0, seconds: 0 } };
  const withRates: number[] = [];
  const delays: number[] = [];
  for (const [i, mode] of ORDER.entries()) {
    const rows = eventRows(`live-${i}`, perRound, fixture.customers);
    const measured = await round(mode, rows);
    totals[mode].events += rows.length;
    totals[mode].seconds += measured.seconds;
    if (mode === "with") withRates.push(rows.length / measured.seconds);
    delays.push(...measured.delays);
  }
  const sorted = delays.sort((a, b) => a - b);
  const without = totals.without.events / totals.without.seconds;
  return {
    with: totals.with.events / totals.with.seconds,
    without,
    events: totals.with.events,
    roundRatios: withRates.map((rate) => rate / without),
    delays: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), samples: sorted.length },
  };
}
