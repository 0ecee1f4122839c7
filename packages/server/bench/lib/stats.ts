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

/** Runs `fn` `runs` times one after the other (after `warmup` unmeasured runs); each run's milliseconds. */
export async function sampleSequential(
  runs: number,
  fn: () => Promise<unknown>,
  warmup = Math.min(3, runs),
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

export function latencyOf(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

export async function timeSequential(
  runs: number,
  fn: () => Promise<unknown>,
  warmup = Math.min(3, runs),
): Promise<Latency> {
  return latencyOf(await sampleSequential(runs, fn, warmup));
}
