// recordMeterEvent (services/meter-events/record.ts) called directly: the events a tenant records at once are
// stored in one transaction, each request answered on its own.
import { toDecimal, type Decimal } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import type { MeterEventError } from "../../src/errors.js";
import { recordMeterEvent } from "../../src/services/meter-events/record.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog } from "../support/catalog.js";
import { DAY, meterEvents } from "../support/meter-events.js";
import { invoiceUsage } from "./support/invoiced-usage.js";
import { tenantOf } from "./support/tenant.js";

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

describe("recordMeterEvent", () => {
  it("stores the events a tenant records at once in one transaction, answering each request on its own", async () => {
    let transactions = 0;
    const database = {
      ...app.database,
      transaction: ((fn) => {
        transactions += 1;
        return app.database.transaction(fn);
      }) as Database["transaction"],
    };
    const tenantFor = (accountId: string) => tenantOf(app, { accountId, database });
    const other = await app.createAccount();
    const setUp = async (key: string) => {
      const meter = await catalog(app, key).freshMeter("SUM");
      const customer = await catalog(app, key).customer({ name: "Wall clock" });
      return { meter, customerId: customer.id };
    };
    const a = { tenant: tenantFor(app.account.account.id), ...(await setUp(app.account.testSecretKey)) };
    const b = { tenant: tenantFor(other.account.id), ...(await setUp(other.testSecretKey)) };
    const now = app.clock.now().getTime();
    await invoiceUsage(
      app,
      a.customerId,
      a.meter.id,
      new Date(now - 20 * DAY).toISOString(),
      new Date(now - 10 * DAY).toISOString(),
    );
    const input = (t: typeof a, identifier: string, value: string, timestamp?: Date) => ({
      eventName: t.meter.eventName,
      customerId: t.customerId,
      value: toDecimal(value),
      identifier,
      timestamp,
    });
    // Meters and customers cached, so that every request reaches the store in this turn.
    for (const t of [a, b]) await recordMeterEvent(t.tenant, app.clock, input(t, "warm-up", "100"));
    transactions = 0;

    const results = await Promise.allSettled([
      ...["c-0", "c-1", "c-2", "c-2", "c-3"].map((id, i) =>
        recordMeterEvent(a.tenant, app.clock, input(a, id, String(i + 1))),
      ),
      recordMeterEvent(a.tenant, app.clock, input(a, "c-4", "50", new Date(now - 15 * DAY))),
      ...["c-0", "c-1"].map((id) => recordMeterEvent(b.tenant, app.clock, input(b, id, "7"))),
    ]);
    const answers = results.map((r) =>
      r.status === "fulfilled"
        ? `${r.value.accountId} ${r.value.identifier} ${r.value.value}`
        : (r.reason as MeterEventError).code,
    );
    const [accountA, accountB] = [app.account.account.id, other.account.id];
    expect(answers).toEqual([
      `${accountA} c-0 1`,
      `${accountA} c-1 2`,
      `${accountA} c-2 3`,
      "DUPLICATE_EVENT",
      `${accountA} c-3 5`,
      "EVENT_ALREADY_INVOICED",
      `${accountB} c-0 7`,
      `${accountB} c-1 7`,
    ]);
    const existing = ((results[3] as PromiseRejectedResult).reason as MeterEventError).existingEvent as unknown as {
      identifier: string;
      value: Decimal;
    };
    expect([existing.identifier, existing.value.toFixed()]).toEqual(["c-2", "3"]);
    // One transaction per tenant: a list that repeats an identifier skips duplicates from the start.
    expect(transactions).toBe(2);
    const minute = Math.floor(now / 60_000) * 60_000;
    expect(
      await meterEvents(app).usage(
        a.meter.id,
        a.customerId,
        new Date(minute - 30 * DAY).toISOString(),
        new Date(minute + DAY).toISOString(),
      ),
    ).toBe("111");
    expect(
      await meterEvents(app, other.testSecretKey).usage(
        b.meter.id,
        b.customerId,
        new Date(minute - DAY).toISOString(),
        new Date(minute + DAY).toISOString(),
      ),
    ).toBe("114");
  });
});
