// databaseClock (docs/concepts/time-and-test-clocks.md#one-clock): a process whose clock is off
// reads the database's time, measured at the middle of the round trip, and keeps the last offset
// when a measurement fails.
import { describe, expect, it } from "vitest";
import { type Clock, databaseClock, offsetClock } from "../../src/clock.js";

/** A local clock that moves only when told, `skewMs` off the "true" time. */
function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

describe("databaseClock", () => {
  it("answers the database's time however far the local clock is off", async () => {
    const truth = Date.parse("2026-12-07T12:00:00Z");
    const local = manualClock(truth + 2 * 3600_000); // two hours ahead
    // The database reads its clock 40 ms into an 80 ms round trip.
    const synced = await databaseClock(
      local,
      async () => {
        local.advance(40);
        const read = new Date(truth + 40);
        local.advance(40);
        return read;
      },
      () => {},
    );
    try {
      expect(synced.clock.now().toISOString()).toBe(new Date(truth + 80).toISOString());
      local.advance(1000);
      expect(synced.clock.now().getTime()).toBe(truth + 1080);
    } finally {
      synced.stop();
    }
  });

  it("refuses to start without a first measurement", async () => {
    const failure = databaseClock(
      offsetClock({ now: () => new Date(0) }, 5),
      () => Promise.reject(new Error("down")),
      () => {},
    );
    await expect(failure).rejects.toThrow("down");
  });

  it("offsetClock moves a clock by a fixed amount", () => {
    expect(
      offsetClock({ now: () => new Date(1000) }, -250)
        .now()
        .getTime(),
    ).toBe(750);
  });
});
