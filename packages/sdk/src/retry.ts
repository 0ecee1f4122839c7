// Retrying one API call: which failures are worth another attempt, and how long to wait.
//
// A request that may have reached the server is retried only when repeating it cannot change the
// outcome: queries, and mutations the caller marks idempotent (meter events, which always carry
// an identifier the server deduplicates on). Any other mutation is retried only when the server
// certainly did not run it: a 429 (refused before execution) or a connection that never opened.
import { TallyApiError, TallyConnectionError, TallyRateLimitError } from "./errors.js";

export interface RetryOptions {
  maxNetworkRetries: number;
  /** True when repeating the request after it may have been executed is harmless. */
  idempotent: boolean;
}

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A Retry-After longer than this is not waited for: the error goes to the caller instead. */
const MAX_RETRY_AFTER_MS = 60_000;

export function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof TallyRateLimitError) return (error.retryAfterMs ?? 0) <= MAX_RETRY_AFTER_MS;
  if (error instanceof TallyConnectionError) return idempotent || !error.requestSent;
  if (error instanceof TallyApiError) return idempotent && (error.statusCode ?? 0) >= 500;
  return false;
}

/** Exponential backoff with jitter (half fixed, half random), or the server's Retry-After if longer. */
export function retryDelayMs(retry: number, error: unknown): number {
  const backoff = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** retry);
  const jittered = backoff * (0.5 + Math.random() * 0.5);
  const retryAfter = error instanceof TallyRateLimitError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(jittered, retryAfter);
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
      if (n >= options.maxNetworkRetries || !shouldRetry(error, options.idempotent)) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(n, error)));
    }
  }
}
