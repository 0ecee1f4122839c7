// The bench's figures by id, each named by what it measures, and BENCH_ONLY's choice of them.
// BENCH_ONLY also takes a figure's number, so scripts written against the numbered table keep working.

export const FIGURES = {
  "batched-ingest": { number: "1", title: "batched ingest vs COPY" },
  "single-ingest": { number: "2", title: "single events vs a no-op mutation" },
  "usage-at-scale": { number: "3", title: "invoice preview and summaries at scale vs raw SUM" },
  "nested-read": { number: "4", title: "nested read vs in-memory resolvers" },
  "embedded-vs-postgres": { number: "5", title: "embedded database vs PostgreSQL" },
  "cold-start": { number: "6", title: "cold start, fresh folder vs migrated" },
  "usage-by-dimension": {
    number: "7",
    title: "segmented preview and grouped summaries vs raw GROUP BY; tagged ingest",
  },
  "live-usage-fanout": { number: "8", title: "live usage: ingest with 200 SSE subscribers of one customer" },
  "month-end-close": { number: "9", title: "month-end close by the scheduler vs one set-based SQL statement" },
  "streamed-ingest": { number: "10", title: "streamed ingest (JetStream) at 1–3 consumers vs direct; fence latency" },
  pgbouncer: { number: "11", title: "batched ingest through PgBouncer vs direct" },
  "spend-control": { number: "12", title: "ingest with a spend cap and a SPEND alert vs without" },
  "credit-holds": { number: "13", title: "credit holds: 1,000 concurrent hold/capture pairs on one balance" },
  memory: { number: "RSS", title: "server peak memory" },
} as const;

export type FigureId = keyof typeof FIGURES;

/** Memory is measured during the others, so it is not run on its own. */
const RUNNABLE = (Object.keys(FIGURES) as FigureId[]).filter((id) => id !== "memory");

/**
 * The figures `BENCH_ONLY` names (ids or numbers, comma-separated), or null for all. An unknown
 * name throws rather than silently running nothing.
 */
export function selectedFigures(only: string | undefined): ReadonlySet<FigureId> | null {
  if (!only?.trim()) return null;
  return new Set(
    only.split(",").map((name) => {
      const wanted = name.trim();
      const id = RUNNABLE.find((i) => i === wanted || FIGURES[i].number === wanted);
      if (!id) throw new Error(`BENCH_ONLY: unknown figure "${wanted}"; known: ${RUNNABLE.join(", ")} (or 1–13)`);
      return id;
    }),
  );
}
