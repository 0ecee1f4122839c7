// Where the elements' data comes from: a customer session's view, loaded whole and watched for usage changes.
import type { UsageWindow, ViewerSnapshot } from "./types.js";
import type { SessionProblem } from "./problem.js";

export interface ViewerQuery {
  /** The meter the chart shows; null for the customer's first meter. */
  meterId: string | null;
  window: UsageWindow;
  /** The dimension the chart stacks by: unset for the meter's first dimension, null for none. */
  stackBy?: string | null;
}

/** What a live message says at once: the meter's exact usage over the current period. */
export interface UsageChange {
  meterId: string;
  total: string;
}

export interface ViewerSource {
  load(query: ViewerQuery, signal?: AbortSignal): Promise<ViewerSnapshot>;
  /** Calls onChange after each accepted event of the meter (coalesced by the server); returns the unsubscribe. */
  watchUsage(
    meterId: string,
    onChange: (change: UsageChange) => void,
    onProblem: (problem: SessionProblem) => void,
  ): () => void;
}
