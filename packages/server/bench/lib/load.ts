// Load over real HTTP with autocannon: POST bodies built per request, every response checked, and
// exact latencies (autocannon's own histogram has 1 ms resolution).
import autocannon from "autocannon";
import { percentile } from "./stats.js";

export interface LoadOptions {
  url: string;
  key?: string;
  connections: number;
  /** Seconds to run, or … */
  duration?: number;
  /** … a number of requests. */
  amount?: number;
  /** The JSON body of the i-th request. */
  body(i: number): string;
  /** Throws if the response body is not what the request must produce. */
  check(body: string): void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Every response time (ms), ascending. */
  latencies: number[];
}

/** Several runs of the same load as one. */
export function combine(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    latencies,
  };
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let failure: unknown = null;
  const latencies: number[] = [];
  // Without a callback autocannon returns its instance, an event emitter that is also a promise.
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    // A cold server's first batches on a busy host can take longer than autocannon's default 10 s.
    timeout: 120,
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    headers: { "content-type": "application/json", ...(o.key ? { authorization: `Bearer ${o.key}` } : {}) },
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({ ...request, body: o.body(next++) }),
        onResponse: (status, body) => {
          try {
            if (status !== 200) throw new Error(`HTTP ${status}: ${body.slice(0, 500)}`);
            o.check(body);
          } catch (error) {
            failure ??= error;
          }
        },
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  // The load ends at its last response: autocannon itself resolves only at its next sampling tick
  // (every second), which would round every duration up to whole seconds.
  let lastResponse = 0;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    lastResponse = performance.now();
    latencies.push(responseTime);
  });
  const started = performance.now();
  const result = await instance;
  const seconds = (lastResponse - started) / 1000;
  if (failure) throw failure;
  if (result.errors > 0 || result.timeouts > 0)
    throw new Error(`load: ${result.errors} errors, ${result.timeouts} timeouts`);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    latencies,
  };
}
