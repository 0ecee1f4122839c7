// `pnpm bench`: the performance figures (BENCHMARKS.md), each against a reference measured in the
// same run (the machines are shared and noisy: only ratios compare across runs). Runs the real
// server (`tally serve`) in a child process over real HTTP, on a fresh PostgreSQL database on
// DATABASE_URL's server when it is set, and always on a fresh file-backed PGlite; prints the
// table and writes it as JSON to bench-results/<timestamp>.json at the repository root.
//   BENCH_QUICK=1: smaller sizes and shorter loads, to try the suite out (figures not comparable).
//   BENCH_CPU_PROF=<dir>: CPU profiles of the server processes (node --cpu-prof).
//   BENCH_DIMENSION_EVENTS=10000,1000000: the usage-by-dimension figure's sizes instead of its own.
//   BENCH_KEEP_DB=1: the PostgreSQL database is kept after the run (printed), for EXPLAIN; drop it by hand.
//   BENCH_ONLY=batched-ingest,nested-read: only these figures, by id or number (lib/figure-ids.ts);
//   embedded-vs-postgres needs batched-ingest and usage-at-scale, and runs them; cold-start alone
//   starts no session.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import {
  alertedIngest,
  ingestFixture,
  measureIngests,
  type IngestFixture,
  type IngestMeasurement,
  type IngestScale,
} from "./figures/batched-ingest.js";
import { coldStart, median } from "./figures/cold-start.js";
import { liveUsageFanout, SUBSCRIBERS } from "./figures/live-usage-fanout.js";
import { monthEndClose } from "./figures/month-end-close.js";
import { CLIENTS, creditHolds, PAIRS } from "./figures/credit-holds.js";
import { nestedRead } from "./figures/nested-read.js";
import { pgbouncerIngest, streamedIngest } from "./figures/streamed-ingest.js";
import { singleIngest } from "./figures/single-ingest.js";
import { usageAtScale, type StageResult } from "./figures/usage-at-scale.js";
import { dimensionIngest, usageByDimension } from "./figures/usage-by-dimension.js";
import { spendControl } from "./figures/spend-control.js";
import { pgliteTarget, postgresTarget, type Target } from "./lib/database.js";
import { type FigureId, selectedFigures } from "./lib/figure-ids.js";
import { markdownTable, percent, type Results, type Row } from "./lib/report.js";
import { serverRoot } from "./lib/server.js";
import { startSession, type Session } from "./lib/session.js";

const quick = process.env.BENCH_QUICK === "1";
const only = selectedFigures(process.env.BENCH_ONLY);
const wanted = (...figures: FigureId[]) => only === null || figures.some((f) => only.has(f));
const SCALE = {
  postgres: {
    ingest: { events: quick ? 20_000 : 200_000, clients: 4, customers: 100 } satisfies IngestScale,
    stages: quick ? [10_000, 100_000] : [10_000, 1_000_000, 5_000_000],
  },
  // PGlite is PostgreSQL in WebAssembly on one thread: sizes are scaled down to fit the run.
  pglite: {
    ingest: { events: quick ? 10_000 : 50_000, clients: 4, customers: 100 } satisfies IngestScale,
    stages: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000],
  },
  single: { connections: 32, seconds: quick ? 3 : 8 },
  nested: { connections: 8, seconds: quick ? 3 : 9 },
  runs: quick ? 30 : 200,
  dimensions: {
    stages:
      process.env.BENCH_DIMENSION_EVENTS?.split(",").map(Number) ?? (quick ? [10_000, 100_000] : [10_000, 5_000_000]),
    ingest: quick ? 8_000 : 80_000,
  },
  coldStartRounds: quick ? 2 : 5,
  close: { postgres: quick ? [100, 1_000] : [1_000, 10_000], pglite: quick ? [100, 1_000] : [1_000, 2_000] },
  stream: { events: quick ? 10_000 : 50_000, clients: 4, runs: quick ? 20 : 50, rounds: 4 },
  spendControl: {
    customers: 20,
    events: quick ? 4_000 : 20_000,
    clients: 4,
    seconds: 9,
    connections: 8,
  },
};

const started = Date.now();
const results: Results = {
  startedAt: new Date(started).toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "?",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  scale: SCALE,
  rows: [],
  peakRss: [],
  durations: [],
};
const row = (r: Row) => {
  results.rows.push(r);
  const ratio =
    r.ratio === undefined
      ? ""
      : ` (${r.ratioAs === "times" ? `${r.ratio.toFixed(2)}×` : percent(r.ratio)}${r.target ? `; target ${r.target}: ${r.met ? "met" : "MISSED"}` : ""})`;
  console.log(`  [${r.figure} ${r.database}] ${r.what}: ${r.value.toFixed(r.value < 100 ? 2 : 0)} ${r.unit}${ratio}`);
};

/** Runs one figure's work and records how long it took. */
async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    const seconds = Math.round((Date.now() - start) / 1000);
    results.durations.push({ what, seconds });
    console.log(`  (${what}: ${seconds} s)`);
  }
}

/** Stops the session's server and removes its database. */
async function endSession(session: Session): Promise<void> {
  // Load runs end on a timer, with requests in flight: let them finish before the graceful stop.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await session.server.stop();
  results.peakRss.push(...session.peakRss);
  await session.target.dispose();
}

/**
 * Batched ingest on each run, in alternating rounds: the server's events/s, and on PostgreSQL the
 * COPY and UNNEST references. embedded-vs-postgres compares PGlite's with PostgreSQL's, so they
 * alternate too. Then
 * each server's ingest into customers watched by usage alerts, against its own rate.
 */
async function batchedIngestFigure(runs: DatabaseRun[]): Promise<void> {
  const direct = await Promise.all(
    runs.map((run) => (run.session.target.kind === "postgres" ? run.session.target.open() : null)),
  );
  try {
    const measured = await measureIngests(
      runs.map((run, i) => ({ session: run.session, scale: run.scale.ingest, direct: direct[i] ?? null })),
      "batch",
    );
    for (const [i, run] of runs.entries()) {
      const { eventsPerSecond: value, references: refs } = (run.ingest = measured[i]!);
      const db = run.session.target.kind;
      const what = `recordMeterEvents ×1000, ${run.scale.ingest.clients} clients, ${run.scale.ingest.events.toLocaleString("en-US")} events`;
      if (!refs) {
        row({ figure: "batched-ingest", database: db, what, value, unit: "events/s" });
        continue;
      }
      row({
        figure: "batched-ingest",
        database: db,
        what,
        value,
        unit: "events/s",
        reference: { what: "COPY", value: refs.copy },
        ratio: value / refs.copy,
        target: "≥ 70 % of COPY",
        met: value / refs.copy >= 0.7,
      });
      row({
        figure: "batched-ingest",
        database: db,
        what,
        value,
        unit: "events/s",
        reference: { what: "INSERT…UNNEST", value: refs.unnest },
        ratio: value / refs.unnest,
      });
    }
    for (const [i, run] of runs.entries()) {
      const events = run.scale.ingest.events / 4;
      const value = await alertedIngest(run.session, run.scale.ingest, events, "alerted");
      const without = measured[i]!.eventsPerSecond;
      const what = `recordMeterEvents ×1000, ${events.toLocaleString("en-US")} events, a ONE_TIME and an EVERY_PERIOD alert on every customer`;
      row({
        figure: "batched-ingest",
        database: run.session.target.kind,
        what,
        value,
        unit: "events/s",
        reference: { what: "without alerts", value: without },
        ratio: value / without,
        target: "≥ 80 %",
        met: value / without >= 0.8,
      });
    }
  } finally {
    await Promise.all(direct.map((d) => d?.close()));
  }
}

async function singleIngestFigure(session: Session, fixture: IngestFixture) {
  const db = session.target.kind;
  const { record, noop } = await singleIngest(session, fixture, SCALE.single);
  const ratio = record.perSecond / noop.perSecond;
  const reference = { what: "no-op recordMeterEvent", value: noop.perSecond };
  row({
    figure: "single-ingest",
    database: db,
    what: `recordMeterEvent, ${SCALE.single.connections} connections`,
    value: record.perSecond,
    unit: "req/s",
    reference,
    ratio,
    target: "≥ 60 % of the no-op",
    met: ratio >= 0.6,
  });
  row({
    figure: "single-ingest",
    database: db,
    what: "recordMeterEvent p50",
    value: record.p50,
    unit: "ms",
    reference: { what: "no-op p50", value: noop.p50 },
  });
  row({
    figure: "single-ingest",
    database: db,
    what: "recordMeterEvent p99",
    value: record.p99,
    unit: "ms",
    reference: { what: "no-op p99", value: noop.p99 },
  });
}

function usageAtScaleFigure(db: string, stages: StageResult[]) {
  const first = stages[0]!;
  const last = stages.at(-1)!;
  for (const s of stages) {
    const size = s.events.toLocaleString("en-US");
    const reference = { what: "raw SUM p50", value: s.rawSum.p50 };
    const isLast = s === last;
    for (const [name, latency] of [
      ["previewInvoice", s.preview],
      ["meterEventSummaries (month)", s.summary],
    ] as const) {
      const ratio = latency.p50 / s.rawSum.p50;
      row({
        figure: "usage-at-scale",
        database: db,
        what: `${name} p50, ${size} events`,
        value: latency.p50,
        unit: "ms",
        reference,
        ratio,
        ...(isLast && db === "postgres" ? { target: "≤ 2 % of the raw SUM", met: ratio <= 0.02 } : {}),
      });
      row({
        figure: "usage-at-scale",
        database: db,
        what: `${name} p99, ${size} events`,
        value: latency.p99,
        unit: "ms",
      });
    }
  }
  for (const [name, pick] of [
    ["previewInvoice", (s: StageResult) => s.preview],
    ["meterEventSummaries (month)", (s: StageResult) => s.summary],
  ] as const) {
    const ratio = pick(last).p50 / pick(first).p50;
    row({
      figure: "usage-at-scale",
      database: db,
      what: `${name} p50, ${last.events.toLocaleString("en-US")} vs ${first.events.toLocaleString("en-US")} events`,
      value: pick(last).p50,
      unit: "ms",
      reference: { what: `p50 at ${first.events.toLocaleString("en-US")}`, value: pick(first).p50 },
      ratio,
      ratioAs: "times",
      target: "≤ 1.5×",
      met: ratio <= 1.5,
    });
  }
}

async function nestedReadFigure(session: Session) {
  const db = session.target.kind;
  const r = await nestedRead(session, SCALE.nested);
  const ratio = r.server.perSecond / r.memory.perSecond;
  const what = `50 subscriptions with customer, items, prices; ${SCALE.nested.connections} connections`;
  row({
    figure: "nested-read",
    database: db,
    what,
    value: r.server.perSecond,
    unit: "req/s",
    reference: { what: "in-memory resolvers", value: r.memory.perSecond },
    ratio,
    target: "≥ 80 %",
    met: ratio >= 0.8,
  });
  row({
    figure: "nested-read",
    database: db,
    what: "SQL statements per request",
    value: r.statements,
    unit: "statements",
  });
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  return rows[0]!.server_version;
}

/** One database's run: its server, its sizes, whether it runs every figure or only those embedded-vs-postgres compares. */
interface DatabaseRun {
  session: Session;
  scale: { ingest: IngestScale; stages: number[] };
  all: boolean;
  ingest: IngestMeasurement | null;
  stages: StageResult[];
  ended: boolean;
}

async function startRun(target: Target, scale: DatabaseRun["scale"], all: boolean): Promise<DatabaseRun> {
  return { session: await startSession(target), scale, all, ingest: null, stages: [], ended: false };
}

async function endRun(run: DatabaseRun | null): Promise<void> {
  if (!run || run.ended) return;
  run.ended = true;
  await endSession(run.session);
}

/**
 * Nested read, then batched ingest. The nested read runs first, on a quiet machine: after the
 * ingest figures its in-memory reference is slowed far more than the server it is compared with,
 * which would inflate the ratio.
 */
async function ingestFigures(runs: DatabaseRun[]): Promise<void> {
  for (const run of runs)
    if (run.all && wanted("nested-read"))
      await timed(`nested-read ${run.session.target.kind}`, () => nestedReadFigure(run.session));
  if (wanted("batched-ingest", "embedded-vs-postgres")) await timed("batched-ingest", () => batchedIngestFigure(runs));
}

/** Live usage fan-out: ingest with SUBSCRIBERS streams of one customer against without, and the push delay. */
async function liveUsageFigure(run: DatabaseRun): Promise<void> {
  const db = run.session.target.kind;
  const scale = run.scale.ingest;
  const r = await liveUsageFanout(run.session, scale);
  const ratio = r.with / r.without;
  row({
    figure: "live-usage-fanout",
    database: db,
    what: `recordMeterEvents ×1000, ${scale.clients} clients, ${SUBSCRIBERS} SSE subscribers of one customer, ${r.events.toLocaleString("en-US")} events (rounds ${r.roundRatios.map(percent).join(", ")})`,
    value: r.with,
    unit: "events/s",
    reference: { what: "no subscribers", value: r.without },
    ratio,
    target: "≥ 80 %",
    met: ratio >= 0.8,
  });
  row({
    figure: "live-usage-fanout",
    database: db,
    what: `acceptance → push p99 (${r.delays.samples.toLocaleString("en-US")} pushes; p50 ${r.delays.p50.toFixed(0)} ms)`,
    value: r.delays.p99,
    unit: "ms",
  });
}

/** Month-end close at two sizes: the scheduler's time against the set-based reference, and its linearity. */
async function monthEndCloseFigure(session: Session): Promise<void> {
  const db = session.target.kind;
  const stages = await monthEndClose(session, SCALE.close[db]);
  for (const s of stages) {
    const ratio = s.closeMs / s.referenceMs;
    const largest = s === stages.at(-1);
    row({
      figure: "month-end-close",
      database: db,
      what: `${s.subscriptions.toLocaleString("en-US")} subscriptions closed by the scheduler (${((s.subscriptions * 1000) / s.closeMs).toFixed(0)} invoices/s)`,
      value: s.closeMs / 1000,
      unit: "s",
      reference: { what: "one set-based INSERT of the same rows", value: s.referenceMs / 1000 },
      ratio,
      ratioAs: "times",
      ...(largest ? { target: "≤ 5×", met: ratio <= 5 } : {}),
    });
  }
  const [first, last] = [stages[0]!, stages.at(-1)!];
  const scaled = (first.closeMs * last.subscriptions) / first.subscriptions;
  const ratio = last.closeMs / scaled;
  row({
    figure: "month-end-close",
    database: db,
    what: `close time, ${last.subscriptions.toLocaleString("en-US")} vs ${first.subscriptions.toLocaleString("en-US")} subscriptions scaled`,
    value: last.closeMs / 1000,
    unit: "s",
    reference: { what: `${last.subscriptions / first.subscriptions} × the smaller close`, value: scaled / 1000 },
    ratio,
    ratioAs: "times",
    target: "≤ 1.2×",
    met: ratio <= 1.2,
  });
}

/** Spend control: batched and single ingest with a spend cap, a SPEND alert and an auto-recharge against without (figures/spend-control.ts). */
async function spendControlFigure(session: Session): Promise<void> {
  const db = session.target.kind;
  const scale = SCALE.spendControl;
  const r = await spendControl(session, scale);
  const batched = r.batched.with / r.batched.without;
  row({
    figure: "spend-control",
    database: db,
    what: `recordMeterEvents ×1000, ${scale.clients} clients, ${scale.customers} customers with a spend cap, a SPEND alert and an auto-recharge`,
    value: r.batched.with,
    unit: "events/s",
    reference: { what: "customers without", value: r.batched.without },
    ratio: batched,
    target: "≥ 70 %",
    met: batched >= 0.7,
  });
  const single = r.single.with.perSecond / r.single.without.perSecond;
  row({
    figure: "spend-control",
    database: db,
    what: `recordMeterEvent, ${scale.connections} connections, with a spend cap, a SPEND alert and an auto-recharge`,
    value: r.single.with.perSecond,
    unit: "req/s",
    reference: { what: "customers without", value: r.single.without.perSecond },
    ratio: single,
    target: "≥ 80 %",
    met: single >= 0.8,
  });
}

/** Credit holds: concurrent hold/capture pairs on one balance; none over-reserved, pairs per second. */
async function creditHoldsFigure(run: DatabaseRun): Promise<void> {
  const r = await creditHolds(run.session);
  const balanced = r.captured === r.charged && r.charged === r.spent && !r.availableAfter.startsWith("-");
  row({
    figure: "credit-holds",
    database: run.session.target.kind,
    what: `${PAIRS.toLocaleString("en-US")} hold 1.00 / capture 0.40 pairs on one balance, ${CLIENTS} at once (${r.held} held, ${r.refused} INSUFFICIENT_CREDIT; captured ${r.captured} = ledger ${r.charged} = spent ${r.spent})`,
    value: r.pairsPerSecond,
    unit: "pairs/s",
    target: "none over-reserved",
    met: balanced,
  });
}

/** Single-event ingest and usage at scale, then the server stops and its database goes. */
async function laterFigures(run: DatabaseRun): Promise<void> {
  const db = run.session.target.kind;
  const figure = <T>(id: FigureId, work: () => Promise<T>) => timed(`${id} ${db}`, work);
  if (wanted("month-end-close")) await figure("month-end-close", () => monthEndCloseFigure(run.session));
  if (run.all && wanted("spend-control")) await figure("spend-control", () => spendControlFigure(run.session));
  if (run.all && wanted("live-usage-fanout")) await figure("live-usage-fanout", () => liveUsageFigure(run));
  if (run.all && wanted("credit-holds")) await figure("credit-holds", () => creditHoldsFigure(run));
  if (run.all && wanted("single-ingest"))
    await figure("single-ingest", async () =>
      singleIngestFigure(
        run.session,
        run.ingest?.fixture ?? (await ingestFixture(run.session, run.scale.ingest.customers)),
      ),
    );
  if (wanted("usage-at-scale", "embedded-vs-postgres"))
    run.stages = await figure("usage-at-scale", () =>
      usageAtScale(run.session, run.scale.stages, { runs: SCALE.runs }),
    );
  if (run.stages.length > 0) usageAtScaleFigure(db, run.stages);
  if (db === "postgres" && wanted("streamed-ingest", "pgbouncer"))
    await timed(`streamed-ingest, pgbouncer ${db}`, () => scaleOutFigures(run));
  // On PostgreSQL when there is one: 5M events would not fit PGlite's share of the run.
  if (wanted("usage-by-dimension") && (db === "postgres" || postgres === null))
    await figure("usage-by-dimension", () => usageByDimensionFigure(run.session));
  await endRun(run);
}

/** The streamed ingest at 1–3 consumers and the fence's latency, and ingest through PgBouncer, each against the direct path. */
async function scaleOutFigures(run: DatabaseRun): Promise<void> {
  const fixture = run.ingest?.fixture ?? (await ingestFixture(run.session, run.scale.ingest.customers));
  if (wanted("streamed-ingest")) for (const r of await streamedIngest(run.session, fixture, SCALE.stream)) row(r);
  if (wanted("pgbouncer")) row(await pgbouncerIngest(run.session, fixture, SCALE.stream));
}

/** Usage by dimension: segmented previews and grouped summaries at two sizes, then tagged ingest. */
async function usageByDimensionFigure(session: Session): Promise<void> {
  const db = session.target.kind;
  const sizes = db === "pglite" ? SCALE.dimensions.stages.map((n) => Math.min(n, 100_000)) : SCALE.dimensions.stages;
  const stages = await usageByDimension(session, sizes, { runs: SCALE.runs });
  const [first, last] = [stages[0]!, stages.at(-1)!];
  for (const s of stages) {
    for (const [name, latency] of [
      ["previewInvoice, 4 segments + remainder", s.preview],
      ["meterEventSummaries grouped by model (month)", s.grouped],
    ] as const) {
      const ratio = latency.p50 / s.rawGroupedSum.p50;
      row({
        figure: "usage-by-dimension",
        database: db,
        what: `${name} p50 (p99 ${latency.p99.toFixed(1)} ms), ${s.events.toLocaleString("en-US")} events`,
        value: latency.p50,
        unit: "ms",
        reference: { what: "raw SUM … GROUP BY p50", value: s.rawGroupedSum.p50 },
        ratio,
        ...(s === last ? { target: "≤ 3 % of the raw GROUP BY", met: ratio <= 0.03 } : {}),
      });
    }
  }
  for (const [name, pick] of [
    ["previewInvoice", (s: (typeof stages)[number]) => s.preview],
    ["grouped summary", (s: (typeof stages)[number]) => s.grouped],
  ] as const) {
    const ratio = pick(last).p50 / pick(first).p50;
    row({
      figure: "usage-by-dimension",
      database: db,
      what: `${name} p50, ${last.events.toLocaleString("en-US")} vs ${first.events.toLocaleString("en-US")} events`,
      value: pick(last).p50,
      unit: "ms",
      reference: { what: `p50 at ${first.events.toLocaleString("en-US")}`, value: pick(first).p50 },
      ratio,
      ratioAs: "times",
      target: "≤ 1.5×",
      met: ratio <= 1.5,
    });
  }
  const ingest = await dimensionIngest(session, SCALE.dimensions.ingest);
  const ratio = ingest.dimensionsPerSecond / ingest.plainPerSecond;
  row({
    figure: "usage-by-dimension",
    database: db,
    what: `batched ingest, two dimensions on every event, ${ingest.events.toLocaleString("en-US")} events`,
    value: ingest.dimensionsPerSecond,
    unit: "events/s",
    reference: { what: "without dimensions", value: ingest.plainPerSecond },
    ratio,
    target: "≥ 85 %",
    met: ratio >= 0.85,
  });
}

/** Cold start: spawning `tally serve` on a fresh data folder to its first healthy answer. */
async function coldStartFigure(): Promise<void> {
  const { fresh, migrated } = await coldStart(SCALE.coldStartRounds);
  const [value, reference] = [median(fresh) / 1000, median(migrated) / 1000];
  row({
    figure: "cold-start",
    database: "pglite",
    what: `cold start, fresh folder (median of ${fresh.length})`,
    value,
    unit: "s",
    reference: { what: "already-migrated folder", value: reference },
    ratio: value / reference,
    ratioAs: "times",
  });
}

const postgresUrl = process.env.DATABASE_URL?.trim();
// Every figure but cold-start shares a server session per database; cold-start starts servers of its own.
const sessionFigures = wanted(
  "batched-ingest",
  "single-ingest",
  "usage-at-scale",
  "nested-read",
  "embedded-vs-postgres",
  "usage-by-dimension",
  "live-usage-fanout",
  "month-end-close",
  "streamed-ingest",
  "pgbouncer",
  "spend-control",
  "credit-holds",
);
let postgres: DatabaseRun | null = null;
let pglite: DatabaseRun | null = null;
try {
  // First, on a machine not yet busy with the other figures' databases.
  if (wanted("cold-start")) await timed("cold-start", coldStartFigure);
  if (postgresUrl && sessionFigures) {
    results.machine.postgres = await postgresVersion(postgresUrl);
    console.log(`PostgreSQL ${results.machine.postgres} (${new URL(postgresUrl).host}): a scratch database`);
    postgres = await startRun(await postgresTarget(postgresUrl), SCALE.postgres, true);
  }
  // PGlite runs batched ingest and usage at scale for embedded-vs-postgres, and every figure when
  // there is no PostgreSQL. Its ingest runs in rounds alternating with PostgreSQL's, its usage at
  // scale after PostgreSQL's: embedded-vs-postgres compares the two, so they are measured on the
  // same state of the machine. PostgreSQL's usage at scale writes gigabytes and drops them, which the disk and the kernel are busy
  // with for a while after.
  if (
    (postgres === null && sessionFigures) ||
    wanted("batched-ingest", "usage-at-scale", "embedded-vs-postgres", "month-end-close")
  ) {
    console.log("PGlite: a fresh data directory");
    pglite = await startRun(pgliteTarget(), SCALE.pglite, postgres === null);
  }
  await ingestFigures([postgres, pglite].filter((run) => run !== null));
  if (postgres) await laterFigures(postgres);
  if (pglite) await laterFigures(pglite);
} finally {
  await endRun(postgres);
  await endRun(pglite);
}

// embedded-vs-postgres: PGlite against PostgreSQL, same figures, same run.
if (postgres?.ingest && pglite?.ingest) {
  const [lite, server] = [pglite.ingest.eventsPerSecond, postgres.ingest.eventsPerSecond];
  const ratio = lite / server;
  row({
    figure: "embedded-vs-postgres",
    database: "pglite",
    what: "batched ingest",
    value: lite,
    unit: "events/s",
    reference: { what: "PostgreSQL", value: server },
    ratio,
    target: "≥ 50 % of PostgreSQL",
    met: ratio >= 0.5,
  });
  for (const stage of pglite.stages) {
    const same = postgres.stages.find((s) => s.events === stage.events);
    if (!same) continue;
    const size = stage.events.toLocaleString("en-US");
    row({
      figure: "embedded-vs-postgres",
      database: "pglite",
      what: `previewInvoice p50, ${size} events`,
      value: stage.preview.p50,
      unit: "ms",
      reference: { what: "PostgreSQL", value: same.preview.p50 },
      ratio: stage.preview.p50 / same.preview.p50,
      ratioAs: "times",
    });
    row({
      figure: "embedded-vs-postgres",
      database: "pglite",
      what: `meterEventSummaries p50, ${size} events`,
      value: stage.summary.p50,
      unit: "ms",
      reference: { what: "PostgreSQL", value: same.summary.p50 },
      ratio: stage.summary.p50 / same.summary.p50,
      ratioAs: "times",
    });
  }
}

// Peak RSS: under 512 MiB throughout, flat in event count.
const LIMIT = 512 * 2 ** 20;
const largest = Math.max(0, ...results.peakRss.map((p) => p.bytes));
// cold-start alone measures no session, and so no peak.
if (results.peakRss.length > 0) {
  row({
    figure: "memory",
    database: "all",
    what: "largest server peak RSS of any figure",
    value: largest / 2 ** 20,
    unit: "MiB",
    target: "< 512 MiB",
    met: largest < LIMIT,
  });
}
for (const db of ["postgres", "pglite"]) {
  const stageRss = results.peakRss.filter((p) => p.database === db && p.figure === "usage-at-scale");
  if (stageRss.length < 2) continue;
  const [first, last] = [stageRss[0]!, stageRss.at(-1)!];
  const ratio = last.bytes / first.bytes;
  row({
    figure: "memory",
    database: db,
    what: `usage-at-scale peak RSS, ${last.detail} vs ${first.detail}`,
    value: last.bytes / 2 ** 20,
    unit: "MiB",
    reference: { what: "smallest", value: first.bytes / 2 ** 20 },
    ratio,
    ratioAs: "times",
    target: "≤ 1.2×",
    met: ratio <= 1.2,
  });
}

results.seconds = Math.round((Date.now() - started) / 1000);
const outDir = join(serverRoot, "../../bench-results");
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `${results.startedAt.replace(/[:.]/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const durations = results.durations.map((d) => `${d.what} ${d.seconds} s`).join(", ");
console.log(`\n${markdownTable(results)}\n\n${results.seconds} s (${durations}); results written to ${file}`);
