import { Decimal, ZERO } from "./money.js";

/** How a meter turns its events into one quantity (docs/concepts/meters.md#aggregations). */
export type Aggregation = "SUM" | "COUNT" | "LAST" | "MAX";

/** All aggregations, in a stable order. */
export const AGGREGATIONS: readonly Aggregation[] = ["SUM", "COUNT", "LAST", "MAX"];

/** A meter event as the engine sees it; `seq` is the database's strictly increasing receipt order. */
export interface UsageEvent {
  value: Decimal;
  timestamp: Date;
  seq: bigint;
}

/**
 * A mergeable summary of a set of events that can finalize to any aggregation. Its fields map one
 * to one onto rollup columns (count, sum, max, last_value, last_timestamp, last_seq).
 */
export interface PartialAggregate {
  count: Decimal;
  sum: Decimal;
  max: Decimal | null;
  last: UsageEvent | null;
}

/** The partial aggregate of no events. */
export function emptyPartial(): PartialAggregate {
  return { count: ZERO, sum: ZERO, max: null, last: null };
}

/** True when `a` comes after `b` for LAST: later timestamp, ties broken by later receipt (seq). */
function isLater(a: UsageEvent, b: UsageEvent): boolean {
  const dt = a.timestamp.getTime() - b.timestamp.getTime();
  return dt !== 0 ? dt > 0 : a.seq > b.seq;
}

function laterOf(a: UsageEvent | null, b: UsageEvent | null): UsageEvent | null {
  if (a === null) return b;
  if (b === null) return a;
  return isLater(b, a) ? b : a;
}

function maxOf(a: Decimal | null, b: Decimal | null): Decimal | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.greaterThan(a) ? b : a;
}

/** Merges two partial aggregates; associative and commutative, with emptyPartial() as identity. */
export function mergePartials(a: PartialAggregate, b: PartialAggregate): PartialAggregate {
  return {
    count: a.count.plus(b.count),
    sum: a.sum.plus(b.sum),
    max: maxOf(a.max, b.max),
    last: laterOf(a.last, b.last),
  };
}

/** Adds one event to a partial aggregate (returns a new one). */
export function addEvent(partial: PartialAggregate, event: UsageEvent): PartialAggregate {
  const { value, timestamp, seq } = event;
  return mergePartials(partial, { count: new Decimal(1), sum: value, max: value, last: { value, timestamp, seq } });
}

/** The partial aggregate of a list of events. */
export function partialOf(events: Iterable<UsageEvent>): PartialAggregate {
  let partial = emptyPartial();
  for (const event of events) partial = addEvent(partial, event);
  return partial;
}

/** The final value of an aggregation over the partial's events; 0 when there are none (docs/concepts/meters.md#aggregations). */
export function finalizeAggregate(partial: PartialAggregate, aggregation: Aggregation): Decimal {
  switch (aggregation) {
    case "SUM":
      return partial.sum;
    case "COUNT":
      return partial.count;
    case "MAX":
      return partial.max ?? ZERO;
    case "LAST":
      return partial.last?.value ?? ZERO;
  }
}

/** Aggregates a list of events directly. */
export function aggregate(events: Iterable<UsageEvent>, aggregation: Aggregation): Decimal {
  return finalizeAggregate(partialOf(events), aggregation);
}
