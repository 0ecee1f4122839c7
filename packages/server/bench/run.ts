// `pnpm bench`: the performance figures of issue 7, each against a reference measured in the same
// run (the machines are shared and noisy: only ratios compare across runs). Runs the real server
// (`tally serve`) in a child process over real HTTP, on a fresh PostgreSQL database on
// DATABASE_URL's server when it is set, and always on a fresh file-backed PGlite; prints the
// table and writes it as JSON to bench-results/<timestamp>.json at the repository root.
//   BENCH_QUICK=1: smaller sizes and shorter loads, to try the suite out (figures not comparable).
//   BENCH_CPU_PROF=<dir>: CPU profiles of the server processes (node --cpu-prof).
//   BENCH_ONLY=1,4: only these figures (5 needs 1 and 3, and runs them), to work on one target;
//   BENCH_ONLY=6 runs the cold start alone (no session).
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
import { nestedRead } from "./figures/nested-read.js";
import { singleIngest } from "./figures/single-ingest.js";
import { usageAtScale, type StageResult } from "./figures/usage-at-scale.js";
import { pgliteTarget, postgresTarget, type Target } from "./lib/database.js";
import { markdownTable, percent, type Results, type Row } from "./lib/report.js";
import { serverRoot } from "./lib/server.js";
import { startSession, type Session } from "./lib/session.js";

const quick = process.env.BENCH_QUICK === "1";
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((f) => f.trim())) : null;
const wanted = (...figures: string[]) => only === null || figures.some((f) => only.has(f));
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
  coldStartRounds: quick ? 2 : 5,
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
};
const row = (r: Row) => {
  results.rows.push(r);
  const ratio =
    r.ratio === undefined
      ? ""
      : ` (${r.ratioAs === "times" ? `${r.ratio.toFixed(2)}×` : percent(r.ratio)}${r.target ? `; target ${r.target}: ${r.met ? "met" : "MISSED"}` : ""})`;
  console.log(`  [${r.figure} ${r.database}] ${r.what}: ${r.value.toFixed(r.value < 100 ? 2 : 0)} ${r.unit}${ratio}`);
};

/** Stops the session's server and removes its database. */
async function endSession(session: Session): Promise<void> {
  // Load runs end on a timer, with requests in flight: let them finish before the graceful stop.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await session.server.stop();
  results.peakRss.push(...session.peakRss);
  await session.target.dispose();
}

/**
 * Figure 1 on each run, in alternating rounds: the server's events/s, and on PostgreSQL the COPY
 * and UNNEST references. Figure 5 compares PGlite's with PostgreSQL's, so they alternate too. Then
 * each server's ingest into customers watched by usage alerts, against its own rate.
 */
async function figure1(runs: DatabaseRun[]): Promise<void> {
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
        row({ figure: "1", database: db, what, value, unit: "events/s" });
        continue;
      }
      row({
        figure: "1",
        database: db,
        what,
        value,
        unit: "events/s",
        reference: { what: "COPY", value: refs.copy },
        ratio: value / refs.copy,
        target: "≥ 50 % of COPY",
        met: value / refs.copy >= 0.5,
      });
      row({
        figure: "1",
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
        figure: "1",
        database: run.session.target.kind,
        what,
        value,
        unit: "events/s",
        reference: { what: "without alerts", value: without },
        ratio: value / without,
      });
    }
  } finally {
    await Promise.all(direct.map((d) => d?.close()));
  }
}

async function figure2(session: Session, fixture: IngestFixture) {
  const db = session.target.kind;
  const { record, noop } = await singleIngest(session, fixture, SCALE.single);
  const ratio = record.perSecond / noop.perSecond;
  const reference = { what: "no-op recordMeterEvent", value: noop.perSecond };
  row({
    figure: "2",
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
    figure: "2",
    database: db,
    what: "recordMeterEvent p50",
    value: record.p50,
    unit: "ms",
    reference: { what: "no-op p50", value: noop.p50 },
  });
  row({
    figure: "2",
    database: db,
    what: "recordMeterEvent p99",
    value: record.p99,
    unit: "ms",
    reference: { what: "no-op p99", value: noop.p99 },
  });
}

function figure3(db: string, stages: StageResult[]) {
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
        figure: "3",
        database: db,
        what: `${name} p50, ${size} events`,
        value: latency.p50,
        unit: "ms",
        reference,
        ratio,
        ...(isLast && db === "postgres" ? { target: "≤ 2 % of the raw SUM", met: ratio <= 0.02 } : {}),
      });
      row({ figure: "3", database: db, what: `${name} p99, ${size} events`, value: latency.p99, unit: "ms" });
    }
  }
  for (const [name, pick] of [
    ["previewInvoice", (s: StageResult) => s.preview],
    ["meterEventSummaries (month)", (s: StageResult) => s.summary],
  ] as const) {
    const ratio = pick(last).p50 / pick(first).p50;
    row({
      figure: "3",
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

async function figure4(session: Session) {
  const db = session.target.kind;
  const r = await nestedRead(session, SCALE.nested);
  const ratio = r.server.perSecond / r.memory.perSecond;
  const what = `50 subscriptions with customer, items, prices; ${SCALE.nested.connections} connections`;
  row({
    figure: "4",
    database: db,
    what,
    value: r.server.perSecond,
    unit: "req/s",
    reference: { what: "in-memory resolvers", value: r.memory.perSecond },
    ratio,
    target: "≥ 60 %",
    met: ratio >= 0.6,
  });
  row({ figure: "4", database: db, what: "SQL statements per request", value: r.statements, unit: "statements" });
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  return rows[0]!.server_version;
}

/** One database's run: its server, its sizes, whether it runs every figure or only 1 and 3 (for figure 5). */
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
 * Figures 4 and 1. Figure 4 first, on a quiet machine: after the ingest figures its in-memory
 * reference measured 260–360 req/s instead of 550–860, far more slowed than the server it is
 * compared with, which inflated the ratio.
 */
async function ingestFigures(runs: DatabaseRun[]): Promise<void> {
  for (const run of runs) if (run.all && wanted("4")) await figure4(run.session);
  if (wanted("1", "5")) await figure1(runs);
}

/** Figures 2 and 3, then the server stops and its database goes. */
async function laterFigures(run: DatabaseRun): Promise<void> {
  if (run.all && wanted("2"))
    await figure2(run.session, run.ingest?.fixture ?? (await ingestFixture(run.session, run.scale.ingest.customers)));
  if (wanted("3", "5")) run.stages = await usageAtScale(run.session, run.scale.stages, { runs: SCALE.runs });
  if (run.stages.length > 0) figure3(run.session.target.kind, run.stages);
  await endRun(run);
}

/** Figure 6: spawning `tally serve` on a fresh data folder to its first healthy answer. */
async function figure6(): Promise<void> {
  const { fresh, migrated } = await coldStart(SCALE.coldStartRounds);
  const [value, reference] = [median(fresh) / 1000, median(migrated) / 1000];
  row({
    figure: "6",
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
// Figures 1–5 share a server session per database; figure 6 starts servers of its own.
const sessionFigures = wanted("1", "2", "3", "4", "5");
let postgres: DatabaseRun | null = null;
let pglite: DatabaseRun | null = null;
try {
  // First, on a machine not yet busy with the other figures' databases.
  if (wanted("6")) await figure6();
  if (postgresUrl && sessionFigures) {
    results.machine.postgres = await postgresVersion(postgresUrl);
    console.log(`PostgreSQL ${results.machine.postgres} (${new URL(postgresUrl).host}): a scratch database`);
    postgres = await startRun(await postgresTarget(postgresUrl), SCALE.postgres, true);
  }
  // PGlite runs figures 1 and 3 for figure 5, and all of them when there is no PostgreSQL. Its
  // figure 1 runs in rounds alternating with PostgreSQL's, its figure 3 after PostgreSQL's:
  // figure 5 compares the two, so they are measured on the same state of the machine.
  // PostgreSQL's figure 3 writes gigabytes and drops them, which the disk and the kernel are busy
  // with for a while after.
  if ((postgres === null && sessionFigures) || wanted("1", "3", "5")) {
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

// Figure 5: PGlite against PostgreSQL, same figures, same run.
if (postgres?.ingest && pglite?.ingest) {
  const [lite, server] = [pglite.ingest.eventsPerSecond, postgres.ingest.eventsPerSecond];
  const ratio = lite / server;
  row({
    figure: "5",
    database: "pglite",
    what: "batched ingest (figure 1)",
    value: lite,
    unit: "events/s",
    reference: { what: "PostgreSQL", value: server },
    ratio,
    target: "≥ 40 % of PostgreSQL",
    met: ratio >= 0.4,
  });
  for (const stage of pglite.stages) {
    const same = postgres.stages.find((s) => s.events === stage.events);
    if (!same) continue;
    const size = stage.events.toLocaleString("en-US");
    row({
      figure: "5",
      database: "pglite",
      what: `previewInvoice p50, ${size} events`,
      value: stage.preview.p50,
      unit: "ms",
      reference: { what: "PostgreSQL", value: same.preview.p50 },
      ratio: stage.preview.p50 / same.preview.p50,
      ratioAs: "times",
    });
    row({
      figure: "5",
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

// Peak RSS: under 1 GiB throughout, flat in event count.
const GiB = 2 ** 30;
const largest = Math.max(0, ...results.peakRss.map((p) => p.bytes));
// Figure 6 alone measures no session, and so no peak.
if (results.peakRss.length > 0) {
  row({
    figure: "RSS",
    database: "all",
    what: "largest server peak RSS of any figure",
    value: largest / 2 ** 20,
    unit: "MiB",
    target: "< 1 GiB",
    met: largest < GiB,
  });
}
for (const db of ["postgres", "pglite"]) {
  const figure3Rss = results.peakRss.filter((p) => p.database === db && p.figure.startsWith("3 "));
  if (figure3Rss.length < 2) continue;
  const [first, last] = [figure3Rss[0]!, figure3Rss.at(-1)!];
  const ratio = last.bytes / first.bytes;
  row({
    figure: "RSS",
    database: db,
    what: `figure 3 peak RSS, ${last.figure.replace(/^3 previews and summaries, /, "")} vs ${first.figure.replace(/^3 previews and summaries, /, "")}`,
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
console.log(`\n${markdownTable(results)}\n\n${results.seconds} s; results written to ${file}`);
