// The already-invoiced rule (docs/concepts/meter-events.md#error-codes) over invoices written straight to the
// database: ingest and cancel refuse an invoiced period's usage, wait for an invoice being finalized, and
// ignore void, draft and first invoices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockCustomersUsage } from "../../src/db/locks.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog, type Catalog } from "../support/catalog.js";
import { at, DAY, HOUR, meterEvents, T0 } from "../support/meter-events.js";
import { invoiceUsage } from "./support/invoiced-usage.js";

let app: TestApp;
let c: Catalog;
let ev: ReturnType<typeof meterEvents>;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
  ev = meterEvents(app);
});
afterAll(() => app.close());

describe("usage in an invoiced period", () => {
  it("refuses usage in a period already invoiced, which could never be billed", async () => {
    const meter = await c.freshMeter("SUM");
    const otherMeter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    await invoiceUsage(app, customerId, meter.id, at(-20 * DAY), at(-10 * DAY));
    const before = await ev.storedRows();
    const res = await ev.record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-15 * DAY) });
    expect(res).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
      field: ["input", "timestamp"],
    });
    expect(res.message).toMatch(/already invoiced/);
    const batch = await ev.recordMany([
      { eventName: meter.eventName, customerId, value: "1", timestamp: at(-20 * DAY) },
      { eventName: meter.eventName, customerId, value: "1", timestamp: at(-10 * DAY - 1) },
    ]);
    expect(batch).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, code: "EVENT_ALREADY_INVOICED" },
        { index: 1, code: "EVENT_ALREADY_INVOICED" },
      ],
    });
    expect(await ev.storedRows()).toEqual(before);
    // The period's end is exclusive; other meters are not invoiced.
    expect(
      await ev.record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-10 * DAY) }),
    ).toMatchObject({ __typename: "MeterEvent" });
    expect(
      await ev.record({ eventName: otherMeter.eventName, customerId, value: "1", timestamp: at(-15 * DAY) }),
    ).toMatchObject({ __typename: "MeterEvent" });
  });

  it("waits for an invoice being finalized and then refuses usage of its period", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    let recording: ReturnType<typeof ev.record> | undefined;
    await app.database.prisma.$transaction(
      async (tx) => {
        // What invoice finalization does: lock the customer's usage, read it, store the invoice.
        await lockCustomersUsage(tx, [customerId], "exclusive");
        recording = ev.record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-2 * HOUR) });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await invoiceUsage(app, customerId, meter.id, at(-DAY), at(-HOUR), {}, tx);
      },
      { timeout: 10_000 },
    );
    expect(await recording).toMatchObject({ code: "EVENT_ALREADY_INVOICED" });
    expect(await ev.usage(meter.id, customerId)).toBe("0");
  });

  it("does not treat void, draft or first invoices as invoiced usage", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    await invoiceUsage(app, customerId, meter.id, at(-20 * DAY), at(-10 * DAY), { status: "VOID" });
    await invoiceUsage(app, customerId, meter.id, at(-20 * DAY), at(-10 * DAY), { status: "DRAFT" });
    await invoiceUsage(app, customerId, meter.id, at(-20 * DAY), at(-10 * DAY), {
      billingReason: "SUBSCRIPTION_CREATE",
    });
    expect(
      await ev.record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-15 * DAY) }),
    ).toMatchObject({ __typename: "MeterEvent" });
  });

  it("refuses to cancel an event whose period is on a finalized invoice", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "3",
      identifier: "billed",
      timestamp: at(-2 * HOUR),
    });
    await invoiceUsage(app, customerId, meter.id, at(-DAY), at(-HOUR), { status: "PAID" });
    expect(await ev.cancel(meter.eventName, "billed")).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
    });
    const stored = await app.database.prisma.meterEvent.findFirstOrThrow({ where: { identifier: "billed" } });
    expect(stored.canceledAt).toBeNull();
    expect(await ev.usage(meter.id, customerId)).toBe("3");
  });
});
