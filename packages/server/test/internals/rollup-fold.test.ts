// Rollup folding (services/meter-events/fold-job.ts): the hour shards concurrent requests write are merged
// into one row by foldPastHours and by the server's job, usage unchanged, cancels included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldPastHours, startRollupFolding } from "../../src/services/meter-events/fold-job.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog, type Catalog } from "../support/catalog.js";
import { onPostgres } from "../support/database.js";
import { at, HOUR, meterEvents, T0 } from "../support/meter-events.js";

let app: TestApp;
let c: Catalog;
let ev: ReturnType<typeof meterEvents>;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
  ev = meterEvents(app);
});
afterAll(() => app.close());

describe("rollup folding", () => {
  it("merges an hour's rollup shards written by concurrent requests, and folds them into one", async () => {
    const meter = await c.freshMeter("LAST");
    const { customerId } = await c.clockCustomer(T0);
    // 8 batches at once, all in the hour before T0: the latest event is s-7-4 (value 39).
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, b) =>
        ev.recordMany(
          Array.from({ length: 5 }, (_, i) => ({
            eventName: meter.eventName,
            customerId,
            value: String(b * 5 + i),
            identifier: `s-${b}-${i}`,
            timestamp: at(-HOUR + (b * 5 + i) * 1000),
          })),
        ),
      ),
    );
    expect(results.map((r) => r.accepted)).toEqual(Array(8).fill(5));
    const rows = () => app.database.prisma.meterUsageHour.count({ where: { meterId: meter.id, customerId } });
    // Concurrent requests run on several connections (PGlite has one).
    if (onPostgres) expect(await rows()).toBeGreaterThan(1);
    expect(await ev.usage(meter.id, customerId)).toBe("39");
    // Folding merges the shards into one row, usage unchanged; a later event of the hour is merged in.
    // Ingest never writes shard 0, the folded row. Other tests' hours may be folded too: the job is
    // for all tenants.
    expect(await app.database.prisma.meterUsageHour.count({ where: { meterId: meter.id, shard: 0 } })).toBe(0);
    expect(await foldPastHours(app.database, new Date(at(0)))).toBeGreaterThanOrEqual(1);
    expect(await rows()).toBe(1);
    const folded = () =>
      app.database.prisma.meterUsageHour.findFirstOrThrow({ where: { meterId: meter.id, customerId } });
    expect(await folded()).toMatchObject({ count: 40n, shard: 0 });
    expect((await folded()).sum.toFixed()).toBe("780");
    expect(await ev.usage(meter.id, customerId)).toBe("39");
    await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "7",
      identifier: "s-late",
      timestamp: at(-HOUR + 100_000),
    });
    // The server's job folds past hours the same way.
    const job = startRollupFolding(app.deps);
    await job.runNow();
    await job.stop();
    expect(await rows()).toBe(1);
    expect((await folded()).sum.toFixed()).toBe("787");
    expect(await ev.usage(meter.id, customerId)).toBe("7");
    await ev.cancel(meter.eventName, "s-late");
    expect(await ev.usage(meter.id, customerId)).toBe("39");
    await ev.cancel(meter.eventName, "s-7-4");
    expect(await rows()).toBe(1);
    expect(await ev.usage(meter.id, customerId)).toBe("38");
  });
});
