// Meter events. Besides the call's idempotency key, every event carries an identifier, generated
// here once per event when the caller gives none and reused by every retry: the server stores an
// identifier at most once, so an event is never counted twice, even when its key is no help (a
// retry after the key expired, or after a response that was not stored). A DUPLICATE_EVENT
// answering a retry means our earlier attempt got through — success, not an error.
import { type BatcherOptions, MeterEventBatcher } from "./batcher.js";
import {
  CancelMeterEventDocument,
  type ErrorCode,
  RecordMeterEventDocument,
  RecordMeterEventsAsyncDocument,
  RecordMeterEventsDocument,
} from "./generated/graphql.js";
import { create, unwrap } from "./methods.js";
import type { Requester, RequestOptions } from "./request.js";
import type { TallyResponse } from "./response.js";
import { type BatchResult, type EventResult, type NamedEvent, nameEvent } from "./named-events.js";
import type { MeterEvent, MeterEventCancelParams, MeterEventCreateParams } from "./types.js";

interface BatchSummary {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; code: ErrorCode; message: string }>;
}

/**
 * Per-event outcomes from the API's counts. A generated identifier is fresh, so the first attempt's
 * duplicates can only be among identifiers the caller chose; on a retry every duplicate may be an
 * event our lost attempt stored, which counts as accepted.
 */
function attribute(events: NamedEvent[], summary: BatchSummary, retried: boolean): BatchResult {
  const rejectedAt = new Map(summary.rejected.map((r) => [r.index, r]));
  const callerNamed = events.filter((e, i) => !e.generated && !rejectedAt.has(i)).length;
  const callerNamedStatus =
    retried || summary.duplicates === 0
      ? "accepted"
      : summary.duplicates === callerNamed
        ? "duplicate"
        : "accepted_or_duplicate";
  const results = events.map(({ event, generated }, index): EventResult => {
    const rejected = rejectedAt.get(index);
    if (rejected)
      return { identifier: event.identifier, status: "rejected", code: rejected.code, message: rejected.message };
    return { identifier: event.identifier, status: generated ? "accepted" : callerNamedStatus };
  });
  return {
    accepted: retried ? summary.accepted + summary.duplicates : summary.accepted,
    duplicates: retried ? 0 : summary.duplicates,
    rejected: summary.rejected.map((r) => ({ ...r, identifier: events[r.index]!.event.identifier })),
    results,
  };
}

/** Sends 1–1000 named events in one recordMeterEvents call, retried safely. */
export function recordBatch(
  requester: Requester,
  events: NamedEvent[],
  options?: RequestOptions,
): Promise<TallyResponse<BatchResult>> {
  const input = { events: events.map((e) => e.event) };
  return requester.request(RecordMeterEventsDocument, { input }, options, (data, { attempt, lastResponse }) =>
    attribute(events, unwrap(data.recordMeterEvents, lastResponse), attempt > 0),
  );
}

/** What recordAsync answers: the batch's outcome when accepted, and the stream position to fence reads on. */
export interface AsyncBatchResult extends BatchResult {
  /** Pass as `after` to `meterEventSummaries.list`, `invoices.preview` or `alerts.triggers` to read these events; null when stored directly. */
  streamSequence: string | null;
}

export interface MeterEventsResource {
  /** Records one event; read-your-writes: it is in summaries and previews when this resolves. */
  create(params: MeterEventCreateParams, options?: RequestOptions): Promise<TallyResponse<MeterEvent>>;
  /** Records 1–1000 events in one request; each is accepted or rejected on its own. */
  createMany(events: MeterEventCreateParams[], options?: RequestOptions): Promise<TallyResponse<BatchResult>>;
  /**
   * Sends 1–1000 events for the streamed ingest (recordMeterEventsAsync): answered once the server
   * has accepted them, before they are stored; refusals found when storing arrive as
   * `meter_event.rejected` webhook events. A server without the streamed ingest stores them at once.
   */
  recordAsync(events: MeterEventCreateParams[], options?: RequestOptions): Promise<TallyResponse<AsyncBatchResult>>;
  /** Stops an event counting (within 24 h, before its period is invoiced). Cancelling twice is harmless. */
  cancel(params: MeterEventCancelParams, options?: RequestOptions): Promise<TallyResponse<MeterEvent>>;
  /**
   * Queues events and sends them in batches; see MeterEventBatcher. Request options apply to every
   * batch, except an idempotency key: each batch is a call with its own.
   */
  batcher(options?: BatcherOptions & Omit<RequestOptions, "idempotencyKey">): MeterEventBatcher;
}

export function createMeterEvents(requester: Requester): MeterEventsResource {
  return {
    create(params, options) {
      const { event } = nameEvent(params);
      return requester.request(RecordMeterEventDocument, { input: event }, options, (data, info) => {
        const result = data.recordMeterEvent;
        const ourEarlierAttempt =
          info.attempt > 0 && result.__typename === "MeterEventError" && result.code === "DUPLICATE_EVENT";
        return ourEarlierAttempt && result.existingEvent ? result.existingEvent : unwrap(result, info.lastResponse);
      });
    },
    createMany: (events, options) => recordBatch(requester, events.map(nameEvent), options),
    recordAsync(params, options) {
      const events = params.map(nameEvent);
      const input = { events: events.map((e) => e.event) };
      return requester.request(
        RecordMeterEventsAsyncDocument,
        { input },
        options,
        (data, { attempt, lastResponse }) => {
          const summary = unwrap(data.recordMeterEventsAsync, lastResponse);
          return { ...attribute(events, summary, attempt > 0), streamSequence: summary.streamSequence ?? null };
        },
      );
    },
    cancel: create(requester, CancelMeterEventDocument, "cancelMeterEvent"),
    batcher({ maxBatch, maxDelayMs, ...options } = {}) {
      const perBatch = { ...options, idempotencyKey: undefined };
      return new MeterEventBatcher((events) => recordBatch(requester, events, perBatch), { maxBatch, maxDelayMs });
    },
  };
}
