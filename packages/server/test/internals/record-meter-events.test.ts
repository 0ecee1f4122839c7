// recordMeterEvents (services/meter-events/record-batch.ts) called directly over a database that records
// its SQL: a batch is one plain insert, retried skipping duplicates only when a sent identifier is taken.
import { toDecimal } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordMeterEvents } from "../../src/services/meter-events/record-batch.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog, type Catalog } from "../support/catalog.js";
import { countingDatabase } from "../support/counting-database.js";
import { at, HOUR, meterEvents, T0 } from "../support/meter-events.js";
import { tenantOf } from "./support/tenant.js";

let app: TestApp;
let c: Catalog;
let ev: ReturnType<typeof meterEvents>;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
  ev = meterEvents(app);
});
afterAll(() => app.close());

describe("recordMeterEvents", () => {
  it("stores with a plain insert, and again skipping duplicates when a sent identifier is taken", async () => {
    const counting = countingDatabase(app.database);
    const tenant = tenantOf(app, { database: counting.database });
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const batch = (values: Array<[string, string]>) =>
      recordMeterEvents(
        tenant,
        app.clock,
        values.map(([identifier, value]) => ({
          eventName: meter.eventName,
          customerId,
          identifier,
          value: toDecimal(value),
          timestamp: new Date(at(-HOUR)),
        })),
      );
    const inserts = () => counting.texts().filter((s) => s.includes(`INSERT INTO "MeterEvent"`));
    const skipping = (s: string) => s.includes(`ON CONFLICT ("accountId", "mode", "identifier") DO NOTHING`);

    expect(
      await batch([
        ["p-1", "1"],
        ["p-2", "2"],
      ]),
    ).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(inserts().map(skipping)).toEqual([false]);
    // p-2 is taken: the plain insert fails, its transaction stores nothing, and the retry skips p-2.
    expect(
      await batch([
        ["p-3", "4"],
        ["p-2", "8"],
        ["p-4", "16"],
      ]),
    ).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect(inserts().slice(1).map(skipping)).toEqual([false, true]);
    // A batch that repeats an identifier skips from the start: the first of equal identifiers wins.
    expect(
      await batch([
        ["p-5", "32"],
        ["p-5", "64"],
      ]),
    ).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    expect(inserts().slice(3).map(skipping)).toEqual([true]);
    expect(await ev.usage(meter.id, customerId)).toBe(String(1 + 2 + 4 + 16 + 32));
    const rollups = await app.database.prisma.meterUsageHour.findMany({ where: { meterId: meter.id, customerId } });
    expect(rollups.reduce((n, r) => n + r.count, 0n)).toBe(5n);
    await counting.close();
  });
});
