// Retrying one API call: which failures are worth another attempt, and how long to wait.
//
// Every call may be repeated after it may have reached the server: queries change nothing, and
// every mutation carries an idempotency key, one per call and the same on each retry, so the
// server runs it once and answers a retry with the first response (docs/api/idempotency.md).
import { TallyApiError, TallyConflictError, TallyConnectionError, TallyRateLimitError } from "./errors.js";

export interface RetryOptions {
  maxNetworkRetries: number;
  /** The caller's signal: once it fires, no further attempt and no more waiting. */
  signal?: AbortSignal | undefined;
}

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited for: the error goes to the caller instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** The server's Retry-After, for the errors that mean "not now, later": 429, and a retryable 409. */
function serverRetryAfterMs(error: unknown): number | undefined {
  if (error instanceof TallyRateLimitError || (error instanceof TallyConflictError && error.retryable)) {
    return error.retryAfterMs ?? 0;
  }
  return undefined;
}

export function shouldRetry(error: unknown): boolean {
  const retryAfter = serverRetryAfterMs(error);
  if (retryAfter !== undefined) return retryAfter <= MAX_RETRY_AFTER_MS;
  if (error instanceof TallyConnectionError) return error.code !== "ABORTED";
  if (error instanceof TallyApiError) return (error.statusCode ?? 0) >= 500;
  return false;
}

/** Exponential backoff with jitter (half fixed, half random), or the server's Retry-After if longer. */
export function retryDelayMs(retry: number, error: unknown): number {
  const backoff = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** retry);
  const jittered = backoff * (0.5 + Math.random() * 0.5);
  return Math.max(jittered, serverRetryAfterMs(error) ?? 0);
}

/** Waits `ms`, or less if `signal` fires (the next attempt then fails at once as ABORTED). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs `attempt` (given its 0-based number, so a caller can tell a retry from the first try)
 * until it succeeds, fails for good, or the retries are used up.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxNetworkRetries || !shouldRetry(error) || options.signal?.aborted) throw error;
      await sleep(retryDelayMs(n, error), options.signal);
    }
  }
}
