// Meter dimensions (docs/concepts/meters.md#dimensions): an event's values for its meter's dimension
// keys, which events a segment (a price's conditions, an alert's filters, a summary's filters)
// selects, when two prices' segments overlap, and how partial aggregates per combination of values
// add up to groups. The server stores usage per combination; these rules decide what each
// combination counts towards.
import { emptyPartial, mergePartials, type PartialAggregate } from "./aggregate.js";
import { Decimal } from "./money.js";

/** A meter has at most this many dimension keys. */
export const MAX_DIMENSIONS = 10;
/** A dimension value (as text) has at most this many characters. */
export const MAX_DIMENSION_VALUE_LENGTH = 100;
/** Distinct value combinations a meter keeps per customer per UTC calendar month. */
export const MAX_COMBINATIONS_PER_MONTH = 1000;

/** An event's value per dimension key; null: the payload has no value for the key. */
export type DimensionValues = Readonly<Record<string, string | null>>;

/** `dimension` must have exactly `value` (a price's condition, an alert's filter). */
export interface SegmentCondition {
  dimension: string;
  value: string;
}

/** `dimension` must have one of `values` (a summary's filter). */
export interface DimensionFilter {
  dimension: string;
  values: readonly string[];
}

/** Which events of a meter a read counts: every filter holds, and none of the `excluding` condition sets matches. */
export interface DimensionSelection {
  filters?: readonly DimensionFilter[];
  /** A remainder price's: the condition sets of the meter's conditioned prices. */
  excluding?: readonly (readonly SegmentCondition[])[];
}

/**
 * The event's value under each key, in key order: a string as it is, a number as its canonical
 * decimal text ("1.5", never "1.50" or "1e21"), a missing key as null; or the first key whose value
 * is longer than MAX_DIMENSION_VALUE_LENGTH.
 */
export function dimensionValuesOf(
  payload: Readonly<Record<string, string | number>> | null,
  keys: readonly string[],
): { ok: true; values: Array<string | null> } | { ok: false; key: string } {
  const values: Array<string | null> = [];
  for (const key of keys) {
    const raw = payload?.[key];
    const value = raw === undefined ? null : typeof raw === "number" ? new Decimal(raw).toFixed() : raw;
    if (value !== null && value.length > MAX_DIMENSION_VALUE_LENGTH) return { ok: false, key };
    values.push(value);
  }
  return { ok: true, values };
}

/** A combination's values (in key order; empty: none) by dimension key. */
export function valuesByKey(keys: readonly string[], values: ReadonlyArray<string | null>): DimensionValues {
  return Object.fromEntries(keys.map((key, i) => [key, values[i] ?? null]));
}

/** Every condition holds for the values. */
export function matchesConditions(values: DimensionValues, conditions: readonly SegmentCondition[]): boolean {
  return conditions.every((c) => values[c.dimension] === c.value);
}

/** The selection counts an event with these values. */
export function selects(values: DimensionValues, selection: DimensionSelection): boolean {
  const filtered = (selection.filters ?? []).every((f) => {
    const value = values[f.dimension] ?? null;
    return value !== null && f.values.includes(value);
  });
  return filtered && !(selection.excluding ?? []).some((conditions) => matchesConditions(values, conditions));
}

/**
 * Two condition sets select a common event unless, for some dimension, they require different
 * values (docs/concepts/prices.md#segments). Two empty sets overlap: both would bill the remainder.
 */
export function conditionsOverlap(a: readonly SegmentCondition[], b: readonly SegmentCondition[]): boolean {
  return !a.some((x) => b.some((y) => x.dimension === y.dimension && x.value !== y.value));
}

/** A price as segment rules see it. */
export interface SegmentedPrice {
  priceId: string;
  meterId: string;
  conditions: readonly SegmentCondition[];
}

/**
 * The first pair of prices on one meter whose segments overlap, or null when every pair is disjoint:
 * two conditioned prices that select a common event, or two prices without conditions (two
 * remainders). One remainder beside conditioned prices bills what they leave, so it overlaps none.
 */
export function findSegmentOverlap(prices: readonly SegmentedPrice[]): [SegmentedPrice, SegmentedPrice] | null {
  for (let i = 0; i < prices.length; i++) {
    for (let j = i + 1; j < prices.length; j++) {
      const [a, b] = [prices[i]!, prices[j]!];
      const remainders = (a.conditions.length === 0 ? 1 : 0) + (b.conditions.length === 0 ? 1 : 0);
      if (a.meterId === b.meterId && remainders !== 1 && conditionsOverlap(a.conditions, b.conditions)) return [a, b];
    }
  }
  return null;
}

/**
 * Each price's selection among pairwise-disjoint prices (findSegmentOverlap found none): a
 * conditioned price selects its conditions; the one price of a meter without conditions selects
 * the remainder, the events no conditioned price of its meter selects.
 */
export function segmentSelections(prices: readonly SegmentedPrice[]): Map<string, DimensionSelection> {
  const selections = new Map<string, DimensionSelection>();
  for (const price of prices) {
    if (price.conditions.length > 0) {
      selections.set(price.priceId, {
        filters: price.conditions.map((c) => ({ dimension: c.dimension, values: [c.value] })),
      });
      continue;
    }
    const siblings = prices.filter((p) => p.meterId === price.meterId && p.conditions.length > 0);
    selections.set(price.priceId, { excluding: siblings.map((p) => p.conditions) });
  }
  return selections;
}

/** Usage of one combination of values (in one window of a read): its partial aggregate. */
export interface CombinationPartial {
  values: DimensionValues;
  partial: PartialAggregate;
}

/** The merged partial of the combinations the selection counts (empty when none). */
export function selectedPartial(rows: readonly CombinationPartial[], selection: DimensionSelection): PartialAggregate {
  return rows
    .filter((r) => selects(r.values, selection))
    .reduce((acc, r) => mergePartials(acc, r.partial), emptyPartial());
}

/** One group of a grouped read: its value per groupBy key (null: no value) and merged partial. */
export interface GroupPartial {
  group: DimensionValues;
  partial: PartialAggregate;
}

/**
 * The combinations merged per distinct values of the groupBy keys, in the order groups first
 * appear; no groupBy: one group of everything (even with no rows).
 */
export function groupPartials(rows: readonly CombinationPartial[], groupBy: readonly string[]): GroupPartial[] {
  if (groupBy.length === 0) return [{ group: {}, partial: selectedPartial(rows, {}) }];
  const groups = new Map<string, GroupPartial>();
  for (const row of rows) {
    const group = Object.fromEntries(groupBy.map((key) => [key, row.values[key] ?? null]));
    const key = JSON.stringify(groupBy.map((k) => group[k]));
    const found = groups.get(key);
    if (found) found.partial = mergePartials(found.partial, row.partial);
    else groups.set(key, { group, partial: row.partial });
  }
  return [...groups.values()];
}
