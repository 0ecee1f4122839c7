// The usage store's interface: what services ask of stored usage (raw meter events, their rollups,
// invoiced periods and alert progress) in domain terms. Every method runs on the connection or
// transaction the store was opened on (usageStore in index.ts), filtered by the tenant's scope.
// PostgreSQL/PGlite SQL implements it today (postgres/); a partitioned or distributed event store
// would implement the same interface.
import type { Aggregation, Decimal, PartialAggregate, Period } from "@tally/billing";
import type { Meter, MeterEvent } from "../generated/prisma/client.js";

/** An event that passed validation, as the store writes it. */
export interface EventToStore {
  identifier: string;
  meter: { id: string };
  customer: { id: string };
  value: Decimal;
  timestamp: Date;
  payload: Record<string, string | number> | null;
  /** Receipt time in the customer's time: the stored createdAt. */
  receivedAt: Date;
  /** Its combination of dimension values (recordCombinations); missing or 0: no values. */
  combinationId?: bigint;
}

/** A stored event, as the MeterEvent table holds it. */
export type StoredEvent = MeterEvent;

/** A stored event with its meter as it is now. */
export type StoredEventWithMeter = StoredEvent & { meter: Meter };

/**
 * What recordEvents does with an identifier that is taken: "fail" the statement (rejecting with
 * IdentifierTaken), or "skip" the event. Skipping costs every row a speculative insertion, and a
 * duplicate is rare (a client's retry), so ingest tries "fail" first.
 */
export type OnDuplicate = "fail" | "skip";

/** recordEvents with OnDuplicate "fail" found an identifier already stored; the statement stored nothing. */
export class IdentifierTaken extends Error {}

/** What recordEvents did with a batch. */
export interface RecordedBatch {
  /** Events not stored (a skipped duplicate, an invoiced period, or a meter no longer active): their positions. */
  notStored: Array<{ index: number; meterActive: boolean }>;
  /** An active usage alert watches the meter of a stored event: alerts must be evaluated. */
  alertsWatch: boolean;
  /** Each event's seq (list order; meaningful for stored events only) when alertsWatch or with `rows`; else null. */
  seqs: bigint[] | null;
  /** With `rows`: each event's stored row with its meter (null: not stored), in list order. */
  rows: Array<StoredEventWithMeter | null> | null;
}

export type GroupingWindow = "HOUR" | "DAY";

export interface UsageQuery {
  meterId: string;
  customerId: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** One window of a grouped usage read: the aggregation of the events with start ≤ timestamp < end. */
export interface WindowUsage {
  start: Date;
  end: Date;
  value: Decimal;
}

/** An event's combination of dimension values, to be given an id (recordCombinations). */
export interface CombinationRequest {
  meterId: string;
  customerId: string;
  timestamp: Date;
  /** In the order of the meter's dimension keys; null (or every value null): no values. */
  values: ReadonlyArray<string | null> | null;
}

/** One window's usage of one combination of dimension values. */
export interface CombinationUsage {
  start: Date;
  end: Date;
  /** In the order of the meter's dimension keys; empty for events without values. */
  values: ReadonlyArray<string | null>;
  partial: PartialAggregate;
}

/** An instant of a customer's usage of a meter: the unit the invoiced-period rule decides on. */
export interface UsageInstant {
  meterId: string;
  customerId: string;
  timestamp: Date;
}

/** An event a usage alert counts, added to its running aggregate per customer. */
export interface AlertProgressEntry {
  alertId: string;
  customerId: string;
  value: Decimal;
  timestamp: Date;
  seq: bigint;
  /** The billing period an EVERY_PERIOD alert counts, which the event is in; null: a ONE_TIME alert's. */
  period: { start: Date; end: Date } | null;
}

/** An (alert, customer) pair's running aggregate after addToAlertProgress. */
export interface AlertProgress {
  alertId: string;
  customerId: string;
  /**
   * Every counted event of its period so far; null when the stored aggregate was new or of another
   * period: the caller reads the period's usage (under the pair's lock) and sets it (setAlertProgress).
   */
  partial: PartialAggregate | null;
}

export interface UsageStore {
  /**
   * Stores validated events and counts them into the rollups, in one statement: skips events in
   * invoiced periods and of meters no longer active, and fails on or skips (onDuplicate)
   * identifiers already stored. Run it in a transaction holding lockCustomersUsage(…, "shared").
   */
  recordEvents(
    events: readonly EventToStore[],
    options: { onDuplicate: OnDuplicate; rows: boolean },
  ): Promise<RecordedBatch>;
  /**
   * Each request's combination id for EventToStore.combinationId (0: no values), adding new
   * combinations; null when it would exceed the meter's combinations for the customer's month
   * (docs/concepts/meter-events.md#dimensions). Run it in the ingest transaction, before recordEvents.
   */
  recordCombinations(requests: readonly CombinationRequest[]): Promise<Array<bigint | null>>;
  /** The stored event under `identifier` (cancelled or not), with its meter. */
  eventByIdentifier(identifier: string): Promise<StoredEventWithMeter | null>;
  /** Marks the event cancelled at `at` and recounts its hour (and the alerts' period aggregates); returns the cancelled row. */
  cancelEvent(event: StoredEvent, at: Date): Promise<StoredEvent>;
  /** The positions of `instants` that are already invoiced (docs/concepts/meter-events.md#already-invoiced). */
  invoiced(instants: readonly UsageInstant[]): Promise<Set<number>>;
  /** Seals the usage periods of finalized invoices stored in this transaction. */
  sealInvoicedPeriods(invoiceIds: readonly string[]): Promise<void>;
  /** Frees the usage periods a voided invoice sealed (docs/concepts/invoices.md#voiding); returns how many. */
  releaseInvoicedPeriods(invoiceId: string): Promise<number>;
  /** The meter's aggregation for the customer over [start, end). */
  usage(q: UsageQuery, aggregation: Aggregation): Promise<Decimal>;
  /** `usage` of several queries, in their order, in as few statements as the store can (a batch of period closes). */
  usages(queries: ReadonlyArray<UsageQuery & { aggregation: Aggregation }>): Promise<Decimal[]>;
  /** The aggregation per UTC hour or day window overlapping [start, end) (null: one window), in order, clipped to the range. */
  usageByWindow(q: UsageQuery, window: GroupingWindow | null, aggregation: Aggregation): Promise<WindowUsage[]>;
  /**
   * The partial aggregate per window and combination of dimension values with events in it (null
   * window: one window, the range), in window order: what grouped and segmented reads add up
   * (docs/concepts/meters.md#dimensions). The partials hold LAST only when `aggregation` is LAST:
   * finalize them with `aggregation`.
   */
  usageByCombination(
    q: UsageQuery,
    window: GroupingWindow | null,
    aggregation: Aggregation,
  ): Promise<CombinationUsage[]>;
  /**
   * Adds events to their alerts' running aggregates, skipping pairs already triggered in their
   * period (`oneTimePeriod` for ONE_TIME entries); returns each pair added to with its aggregate
   * so far. Holds each pair's row lock until the transaction ends, so concurrent ingests count in turn.
   */
  addToAlertProgress(entries: readonly AlertProgressEntry[], oneTimePeriod: Date): Promise<AlertProgress[]>;
  /** Sets the pairs' aggregates of their periods (incomplete ones, after a usage read under their lock). */
  setAlertProgress(
    rows: ReadonlyArray<{ alertId: string; customerId: string; period: Period; partial: PartialAggregate }>,
  ): Promise<void>;
}
