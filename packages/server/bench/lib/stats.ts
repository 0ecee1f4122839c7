// Latency statistics.

/** The q-quantile (0–1) of ascending `sorted` values, nearest-rank. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Latency {
  runs: number;
  p50: number;
  p99: number;
}

/** Runs `fn` `runs` times one after the other (after `warmup` unmeasured runs); milliseconds. */
export async function timeSequential(runs: number, fn: () => Promise<unknown>, warmup = Math.min(3, runs)): Promise<Latency> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { runs, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}
