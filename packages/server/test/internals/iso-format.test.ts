import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoFormatter } from "../../src/iso-format.js";

describe("isoFormatter", () => {
  it("answers what toISOString answers, for any instant, with its hour cache shared", () => {
    const iso = isoFormatter();
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(iso(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it("answers instants of one hour from the cached prefix", () => {
    const iso = isoFormatter();
    const base = Date.UTC(2026, 10, 21, 10);
    fc.assert(
      fc.property(fc.integer({ min: -2 * 3_600_000, max: 2 * 3_600_000 }), (offset) => {
        const date = new Date(base + offset);
        expect(iso(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it("stays exact when its cache of hours fills and starts over", () => {
    const iso = isoFormatter(3);
    for (let hour = 0; hour < 20; hour += 1) {
      const date = new Date(Date.UTC(2026, 0, 1, hour, 59, 59, 999));
      expect(iso(date)).toBe(date.toISOString());
      expect(iso(new Date(date.getTime() - 3_600_000))).toBe(new Date(date.getTime() - 3_600_000).toISOString());
    }
  });
});
