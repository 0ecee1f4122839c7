import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AGGREGATIONS,
  Decimal,
  addEvent,
  aggregate,
  emptyPartial,
  finalizeAggregate,
  mergePartials,
  partialOf,
  type UsageEvent,
} from "../src/index.js";
import { d, decimalArb } from "./support.js";

const event = (value: string, timestamp: string, seq: bigint): UsageEvent => ({
  value: d(value),
  timestamp: new Date(timestamp),
  seq,
});

const events: UsageEvent[] = [
  event("5", "2026-01-10T00:00:00Z", 1n),
  event("-2", "2026-01-12T00:00:00Z", 2n),
  event("7.5", "2026-01-11T00:00:00Z", 3n),
  event("3", "2026-01-12T00:00:00Z", 4n), // same timestamp as seq 2, received later: LAST
  event("1", "2026-01-02T00:00:00Z", 5n),
];

describe("aggregate (docs/concepts/meters.md#aggregations)", () => {
  it.each([
    ["SUM", "14.5"],
    ["COUNT", "5"],
    ["MAX", "7.5"],
    ["LAST", "3"],
  ] as const)("%s → %s", (aggregation, expected) => {
    expect(aggregate(events, aggregation).toString()).toBe(expected);
  });

  it.each(AGGREGATIONS)("%s over no events is 0", (aggregation) => {
    expect(aggregate([], aggregation).toString()).toBe("0");
  });

  it("LAST prefers the latest timestamp over a later receipt", () => {
    expect(
      aggregate([event("9", "2026-01-05T00:00:00Z", 1n), event("4", "2026-01-01T00:00:00Z", 2n)], "LAST").toString(),
    ).toBe("9");
  });

  it("MAX of only negative values is negative, not 0", () => {
    expect(
      aggregate([event("-3", "2026-01-01T00:00:00Z", 1n), event("-1", "2026-01-01T00:00:00Z", 2n)], "MAX").toString(),
    ).toBe("-1");
  });

  it("keeps the columns of a rollup row", () => {
    const partial = partialOf(events);
    expect(partial.count.toString()).toBe("5");
    expect(partial.sum.toString()).toBe("14.5");
    expect(partial.max?.toString()).toBe("7.5");
    expect(partial.last?.seq).toBe(4n);
    expect(partial.last?.timestamp.toISOString()).toBe("2026-01-12T00:00:00.000Z");
    expect(addEvent(emptyPartial(), events[0]!)).toEqual(partialOf([events[0]!]));
  });
});

// Distinct seqs, as the database guarantees; timestamps drawn from a few values to force ties.
const eventListArb = fc
  .array(
    fc.record({
      value: decimalArb({ min: -1_000_000n, max: 1_000_000n, scale: 3 }),
      minute: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 40 },
  )
  .chain((raw) =>
    fc.shuffledSubarray(
      raw.map(({ value, minute }, index) => ({
        value,
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, minute)),
        seq: BigInt(index + 1),
      })),
      { minLength: raw.length, maxLength: raw.length },
    ),
  );

describe("mergeable partial aggregates", () => {
  it("any split of an event list, aggregated and merged, equals the aggregate of the whole list", () => {
    fc.assert(
      fc.property(eventListArb, fc.array(fc.nat(), { maxLength: 5 }), (list, cuts) => {
        const bounds = [...new Set([0, list.length, ...cuts.map((cut) => cut % (list.length + 1))])].sort(
          (a, b) => a - b,
        );
        const parts = bounds.slice(1).map((end, index) => partialOf(list.slice(bounds[index], end)));
        const merged = parts.reduce(mergePartials, emptyPartial());
        for (const aggregation of AGGREGATIONS) {
          expect(finalizeAggregate(merged, aggregation).equals(aggregate(list, aggregation))).toBe(true);
        }
      }),
    );
  });

  it("merging is associative and commutative, with the empty partial as identity", () => {
    fc.assert(
      fc.property(eventListArb, fc.nat(), fc.nat(), (list, i, j) => {
        const [x, y] = [i % (list.length + 1), j % (list.length + 1)].sort((a, b) => a - b) as [number, number];
        const [a, b, c] = [partialOf(list.slice(0, x)), partialOf(list.slice(x, y)), partialOf(list.slice(y))];
        expect(mergePartials(mergePartials(a, b), c)).toEqual(mergePartials(a, mergePartials(b, c)));
        expect(mergePartials(a, b)).toEqual(mergePartials(b, a));
        expect(mergePartials(a, emptyPartial())).toEqual(a);
      }),
    );
  });

  it("is independent of the order events arrive in", () => {
    fc.assert(
      fc.property(eventListArb, (list) => {
        const reversed = [...list].reverse();
        for (const aggregation of AGGREGATIONS) {
          expect(aggregate(reversed, aggregation).equals(aggregate(list, aggregation))).toBe(true);
        }
        expect(aggregate(list, "COUNT").equals(new Decimal(list.length))).toBe(true);
      }),
    );
  });
});
