import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CombinationPartial,
  type DimensionValues,
  type SegmentCondition,
  type SegmentedPrice,
  type UsageEvent,
  Decimal,
  conditionsOverlap,
  dimensionValuesOf,
  finalizeAggregate,
  findSegmentOverlap,
  groupPartials,
  partialOf,
  segmentSelections,
  selectedPartial,
  selects,
  aggregate,
  valuesByKey,
} from "../src/index.js";

describe("dimension values (docs/concepts/meter-events.md#dimensions)", () => {
  it.each([
    [{ model: "gpt-large" }, ["model"], ["gpt-large"]],
    [{ region: 1.5 }, ["region"], ["1.5"]],
    [{ region: 1e21 }, ["region"], ["1000000000000000000000"]],
    [{ region: -0.000001 }, ["region"], ["-0.000001"]],
    [{ other: "x" }, ["model", "other"], [null, "x"]],
    [null, ["model"], [null]],
  ] as const)("%j under %j → %j", (payload, keys, values) => {
    expect(dimensionValuesOf(payload, keys)).toEqual({ ok: true, values });
  });

  it("names a combination's values by key; no stored values are all null", () => {
    expect(valuesByKey(["model", "token_type"], ["gpt-large", null])).toEqual({ model: "gpt-large", token_type: null });
    expect(valuesByKey(["model"], [])).toEqual({ model: null });
  });

  it("refuses a value over 100 characters, naming its key", () => {
    expect(dimensionValuesOf({ a: "x".repeat(100), b: "y".repeat(101) }, ["a", "b"])).toEqual({ ok: false, key: "b" });
  });
});

describe("segments (docs/concepts/prices.md#segments)", () => {
  const large = [{ dimension: "model", value: "gpt-large" }];
  const largeInput = [...large, { dimension: "token_type", value: "input" }];
  const smallInput = [
    { dimension: "model", value: "gpt-small" },
    { dimension: "token_type", value: "input" },
  ];
  const input = [{ dimension: "token_type", value: "input" }];

  it.each([
    [large, smallInput, false],
    [largeInput, smallInput, false],
    [large, largeInput, true],
    [input, large, true],
    [[], [], true],
    [[], large, true],
  ] as const)("%j and %j overlap: %s", (a, b, overlap) => {
    expect(conditionsOverlap(a, b)).toBe(overlap);
    expect(conditionsOverlap(b, a)).toBe(overlap);
  });

  it("finds the first overlapping pair on one meter, ignoring other meters", () => {
    const prices: SegmentedPrice[] = [
      { priceId: "p1", meterId: "m", conditions: large },
      { priceId: "p2", meterId: "other", conditions: large },
      { priceId: "p3", meterId: "m", conditions: smallInput },
      { priceId: "p4", meterId: "m", conditions: [] },
    ];
    expect(findSegmentOverlap(prices)).toBeNull();
    const p5 = { priceId: "p5", meterId: "m", conditions: largeInput };
    expect(findSegmentOverlap([...prices, p5])?.map((p) => p.priceId)).toEqual(["p1", "p5"]);
    expect(
      findSegmentOverlap([...prices, { priceId: "p6", meterId: "m", conditions: [] }])?.map((p) => p.priceId),
    ).toEqual(["p4", "p6"]);
  });

  it("a summary filter needs one of its values; a missing value matches no filter", () => {
    const filters = [{ dimension: "model", values: ["gpt-large", "gpt-small"] }];
    expect(selects({ model: "gpt-small" }, { filters })).toBe(true);
    expect(selects({ model: "other" }, { filters })).toBe(false);
    expect(selects({ model: null }, { filters })).toBe(false);
    expect(selects({}, { filters })).toBe(false);
    expect(selects({}, {})).toBe(true);
  });

  it("the remainder selects what no conditioned price of its meter selects", () => {
    const selections = segmentSelections([
      { priceId: "large", meterId: "m", conditions: large },
      { priceId: "rest", meterId: "m", conditions: [] },
      { priceId: "elsewhere", meterId: "n", conditions: smallInput },
    ]);
    expect(selections.get("rest")).toEqual({ excluding: [large] });
    expect(selects({ model: "gpt-large" }, selections.get("rest")!)).toBe(false);
    expect(selects({ model: null }, selections.get("rest")!)).toBe(true);
    expect(selects({ model: "gpt-large" }, selections.get("large")!)).toBe(true);
  });
});

const DIMS = ["model", "token_type"] as const;
const valueArb = fc.option(fc.constantFrom("a", "b", "c"), { nil: null });
const valuesArb: fc.Arbitrary<DimensionValues> = fc.record({ model: valueArb, token_type: valueArb });
interface Tagged {
  values: DimensionValues;
  event: UsageEvent;
}
const eventsArb: fc.Arbitrary<Tagged[]> = fc
  .array(
    fc.record({ values: valuesArb, value: fc.integer({ min: -50, max: 1000 }), t: fc.integer({ min: 0, max: 20 }) }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i) => ({
      values: r.values,
      event: { value: new Decimal(r.value), timestamp: new Date(Date.UTC(2026, 0, 1, r.t)), seq: BigInt(i + 1) },
    })),
  );
const conditionArb: fc.Arbitrary<SegmentCondition> = fc.record({
  dimension: fc.constantFrom(...DIMS),
  value: fc.constantFrom("a", "b", "c"),
});

/** The events' partials per combination of values, as the usage store answers a read. */
function byCombination(events: readonly Tagged[]): CombinationPartial[] {
  const combos = new Map<string, Tagged[]>();
  for (const e of events) {
    const key = JSON.stringify(DIMS.map((d) => e.values[d]));
    combos.set(key, [...(combos.get(key) ?? []), e]);
  }
  return [...combos.values()].map((list) => ({
    values: list[0]!.values,
    partial: partialOf(list.map((e) => e.event)),
  }));
}

describe("properties", () => {
  it("grouped SUM and COUNT add up to the ungrouped total", () => {
    fc.assert(
      fc.property(eventsArb, fc.subarray([...DIMS]), (events, groupBy) => {
        const rows = byCombination(events);
        const groups = groupPartials(rows, groupBy);
        for (const aggregation of ["SUM", "COUNT"] as const) {
          const total = groups.reduce((acc, g) => acc.plus(finalizeAggregate(g.partial, aggregation)), new Decimal(0));
          expect(total.toString()).toBe(
            aggregate(
              events.map((e) => e.event),
              aggregation,
            ).toString(),
          );
        }
      }),
    );
  });

  it("LAST and MAX per group equal a brute-force recomputation", () => {
    fc.assert(
      fc.property(eventsArb, fc.subarray([...DIMS], { minLength: 1 }), (events, groupBy) => {
        for (const g of groupPartials(byCombination(events), groupBy)) {
          const members = events.filter((e) => groupBy.every((k) => (e.values[k] ?? null) === g.group[k]));
          for (const aggregation of ["LAST", "MAX"] as const) {
            expect(finalizeAggregate(g.partial, aggregation).toString()).toBe(
              aggregate(
                members.map((e) => e.event),
                aggregation,
              ).toString(),
            );
          }
        }
      }),
    );
  });

  it("disjoint segments plus the remainder bill every event exactly once", () => {
    const segmentsArb = fc.array(fc.uniqueArray(conditionArb, { selector: (c) => c.dimension, maxLength: 2 }), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(eventsArb, segmentsArb, (events, sets) => {
        const prices: SegmentedPrice[] = [{ priceId: "rest", meterId: "m", conditions: [] }];
        for (const [i, conditions] of sets.entries()) {
          const candidate = { priceId: `p${i}`, meterId: "m", conditions };
          if (findSegmentOverlap([...prices, candidate]) === null) prices.push(candidate);
        }
        const selections = segmentSelections(prices);
        for (const e of events) {
          expect([...selections.values()].filter((s) => selects(e.values, s))).toHaveLength(1);
        }
        const rows = byCombination(events);
        const billed = [...selections.values()].reduce(
          (acc, s) => acc.plus(finalizeAggregate(selectedPartial(rows, s), "SUM")),
          new Decimal(0),
        );
        expect(billed.toString()).toBe(
          aggregate(
            events.map((e) => e.event),
            "SUM",
          ).toString(),
        );
      }),
    );
  });

  it("no groupBy is one group of everything, even of nothing", () => {
    expect(groupPartials([], [])).toEqual([{ group: {}, partial: partialOf([]) }]);
  });
});
