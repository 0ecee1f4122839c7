// A meter event as the SDK sends it, and what became of it. Every event carries an identifier,
// the caller's or one generated here once, so that retries of it are recognised by the server.
import type { ErrorCode, RecordMeterEventInput } from "./generated/graphql.js";

/**
 * One event's outcome in a batch. `accepted`: counted now (or by an earlier attempt of the same
 * call). `duplicate`: its identifier was already stored, this copy is not counted. The API reports
 * a batch's duplicates as a count, so when a batch mixes new and already-stored identifiers that
 * you chose yourself, those events are `accepted_or_duplicate`: counted exactly once either way.
 */
export type EventResult =
  | { identifier: string; status: "accepted" | "duplicate" | "accepted_or_duplicate" }
  | { identifier: string; status: "rejected"; code: ErrorCode; message: string };

export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; identifier: string; code: ErrorCode; message: string }>;
  /** Per event, in input order. */
  results: EventResult[];
}

/** An event as queued: its identifier fixed, and whether the SDK generated it. */
export interface NamedEvent {
  event: RecordMeterEventInput & { identifier: string };
  generated: boolean;
}

export function nameEvent(event: RecordMeterEventInput): NamedEvent {
  return event.identifier
    ? { event: { ...event, identifier: event.identifier }, generated: false }
    : { event: { ...event, identifier: crypto.randomUUID() }, generated: true };
}
