// Meter events through the API (docs/concepts/meter-events.md#error-codes): recording one or many, duplicates, every
// error code, cancellation, summaries, and tenant isolation. Customers live on test clocks, so "now" is exact.
// The rules tested with internals (invoiced periods, one transaction per tenant, the batch insert, rollup
// folding) are in test/internals/.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";
import type { TestMeterEventSummariesQueryVariables as SummariesVariables, UsageWindow } from "./generated/graphql.js";
import { at, DAY, HOUR, meterEvents, SUMMARIES, T0 } from "./support/meter-events.js";
import { graphql } from "./generated/gql.js";

const DEACTIVATE_METER = graphql(`
  mutation MeterEventsDeactivateMeter($id: ID!) {
    deactivateMeter(input: { id: $id }) {
      __typename
    }
  }
`);

let app: TestApp;
let c: Catalog;
let ev: ReturnType<typeof meterEvents>;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
  ev = meterEvents(app);
});
afterAll(() => app.close());

describe("recordMeterEvent", () => {
  it("records an event and counts it before the mutation returns", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const event = await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "3000",
      identifier: "evt-alpaca-1",
      timestamp: at(-HOUR),
      payload: { model: "alpaca-7b", region: 3 },
    });
    expect(event).toEqual({
      __typename: "MeterEvent",
      identifier: "evt-alpaca-1",
      eventName: meter.eventName,
      value: "3000",
      timestamp: at(-HOUR),
      payload: { model: "alpaca-7b", region: 3 },
      createdAt: T0,
      canceledAt: null,
      customer: { id: customerId },
    });
    expect(await ev.usage(meter.id, customerId)).toBe("3000");
  });

  it("defaults the timestamp to the customer's now and generates an identifier", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const a = await ev.record({ eventName: meter.eventName, customerId, value: "1" });
    const b = await ev.record({ eventName: meter.eventName, customerId, value: "1" });
    expect(a.timestamp).toBe(T0);
    expect(a.identifier).not.toBe(b.identifier);
    expect(a.identifier.length).toBeGreaterThan(0);
    expect(await ev.usage(meter.id, customerId)).toBe("2");
  });

  it("takes the customer and the value from the meter's payload keys", async () => {
    const meter = await c.freshMeter("SUM", { customerPayloadKey: "stripe_customer_id", valuePayloadKey: "tokens" });
    const { customerId } = await c.clockCustomer(T0);
    const other = await c.clockCustomer(T0);
    const fromPayload = await ev.record({
      eventName: meter.eventName,
      payload: { stripe_customer_id: customerId, tokens: 250 },
    });
    expect(fromPayload).toMatchObject({ __typename: "MeterEvent", value: "250", customer: { id: customerId } });
    // Decimal strings in the payload are exact.
    await ev.record({
      eventName: meter.eventName,
      payload: { stripe_customer_id: customerId, tokens: "0.000000000000001" },
    });
    // Explicit fields win over the payload.
    const explicit = await ev.record({
      eventName: meter.eventName,
      customerId: other.customerId,
      value: "7",
      payload: { stripe_customer_id: customerId, tokens: 1000 },
    });
    expect(explicit).toMatchObject({ value: "7", customer: { id: other.customerId } });
    expect(await ev.usage(meter.id, customerId)).toBe("250.000000000000001");
    expect(await ev.usage(meter.id, other.customerId)).toBe("7");
  });

  it("counts 1 per event for COUNT meters when no value is given", async () => {
    const meter = await c.freshMeter("COUNT");
    const { customerId } = await c.clockCustomer(T0);
    expect(await ev.record({ eventName: meter.eventName, customerId })).toMatchObject({ value: "1" });
    expect(await ev.record({ eventName: meter.eventName, customerId, value: "-40" })).toMatchObject({ value: "-40" });
    await ev.record({ eventName: meter.eventName, payload: { customer_id: customerId } });
    expect(await ev.usage(meter.id, customerId)).toBe("3");
  });

  it("aggregates with SUM, COUNT, LAST and MAX, negative values included", async () => {
    const { customerId } = await c.clockCustomer(T0);
    const values = [
      ["5", -3 * HOUR],
      ["-2.5", -2 * HOUR],
      ["12.25", -5 * HOUR],
      ["1", -HOUR],
      ["-7", -HOUR],
    ] as const;
    const expected = { SUM: "8.75", COUNT: "5", LAST: "-7", MAX: "12.25" };
    for (const [aggregation, result] of Object.entries(expected)) {
      const meter = await c.freshMeter(aggregation as keyof typeof expected);
      for (const [value, offset] of values)
        await ev.record({ eventName: meter.eventName, customerId, value, timestamp: at(offset) });
      expect(await ev.usage(meter.id, customerId), aggregation).toBe(result);
      // Over no events every aggregation is 0.
      expect(await ev.usage(meter.id, customerId, at(-30 * DAY), at(-29 * DAY)), aggregation).toBe("0");
    }
  });

  it("breaks LAST ties on the timestamp by receipt order, within and across batches", async () => {
    const { customerId } = await c.clockCustomer(T0);
    const meter = await c.freshMeter("LAST");
    const ts = at(-HOUR);
    await ev.recordMany(
      ["1", "2", "3"].map((value) => ({ eventName: meter.eventName, customerId, value, timestamp: ts })),
    );
    expect(await ev.usage(meter.id, customerId)).toBe("3");
    await ev.record({ eventName: meter.eventName, customerId, value: "4", timestamp: ts });
    expect(await ev.usage(meter.id, customerId)).toBe("4");
    await ev.record({ eventName: meter.eventName, customerId, value: "5", timestamp: at(-2 * HOUR) });
    expect(await ev.usage(meter.id, customerId)).toBe("4");
  });

  it("refuses every invalid event with its code and stores nothing", async () => {
    const meter = await c.freshMeter("SUM");
    const count = await c.freshMeter("COUNT");
    const inactive = await c.freshMeter("SUM");
    await app.data(DEACTIVATE_METER, { id: inactive.id });
    const { customerId } = await c.clockCustomer(T0);
    const e = { eventName: meter.eventName, customerId, value: "1" };
    const cases: Array<[Record<string, unknown>, string, string, string[]]> = [
      [{ ...e, eventName: "no_such_meter" }, "MeterEventError", "METER_NOT_FOUND", ["input", "eventName"]],
      [{ ...e, eventName: inactive.eventName }, "MeterEventError", "METER_INACTIVE", ["input", "eventName"]],
      [{ ...e, customerId: "cus_unknown" }, "MeterEventError", "CUSTOMER_NOT_FOUND", ["input", "customerId"]],
      [
        { ...e, customerId: null, payload: { customer_id: "cus_unknown" } },
        "MeterEventError",
        "CUSTOMER_NOT_FOUND",
        ["input", "customerId"],
      ],
      [{ ...e, customerId: null }, "MeterEventError", "CUSTOMER_NOT_SPECIFIED", ["input", "customerId"]],
      [
        { ...e, customerId: null, payload: { other: "x" } },
        "MeterEventError",
        "CUSTOMER_NOT_SPECIFIED",
        ["input", "customerId"],
      ],
      [{ ...e, value: null }, "MeterEventError", "INVALID_VALUE", ["input", "payload", "value"]],
      [{ ...e, value: "1234567890123456" }, "MeterEventError", "INVALID_VALUE", ["input", "value"]],
      [{ ...e, value: "0.1234567890123456" }, "MeterEventError", "INVALID_VALUE", ["input", "value"]],
      [{ ...e, value: "1e20" }, "MeterEventError", "INVALID_VALUE", ["input", "value"]],
      [{ ...e, value: "1e-31" }, "MeterEventError", "INVALID_VALUE", ["input", "value"]],
      [{ ...e, value: "1e1000000000" }, "MeterEventError", "INVALID_VALUE", ["input", "value"]],
      [{ ...e, value: "-1e-1000000000" }, "MeterEventError", "INVALID_VALUE", ["input", "value"]],
      [
        { ...e, value: null, payload: { value: "lots" } },
        "MeterEventError",
        "INVALID_VALUE",
        ["input", "payload", "value"],
      ],
      [
        { ...e, value: null, payload: { value: "NaN" } },
        "MeterEventError",
        "INVALID_VALUE",
        ["input", "payload", "value"],
      ],
      [
        { ...e, value: null, payload: { value: "Infinity" } },
        "MeterEventError",
        "INVALID_VALUE",
        ["input", "payload", "value"],
      ],
      [
        // biome-ignore lint/correctness/noPrecisionLoss: the test sends a number JSON cannot carry exactly
        { ...e, value: null, payload: { value: 12345678901234567 } },
        "MeterEventError",
        "INVALID_VALUE",
        ["input", "payload", "value"],
      ],
      [
        { eventName: count.eventName, customerId, payload: { value: "n/a" } },
        "MeterEventError",
        "INVALID_VALUE",
        ["input", "payload", "value"],
      ],
      [{ ...e, timestamp: at(-35 * DAY - 1) }, "MeterEventError", "TIMESTAMP_TOO_FAR_IN_PAST", ["input", "timestamp"]],
      [{ ...e, timestamp: at(5 * 60_000 + 1) }, "MeterEventError", "TIMESTAMP_IN_FUTURE", ["input", "timestamp"]],
      [
        { ...e, payload: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "payload"],
      ],
      [{ ...e, payload: { nested: { a: 1 } } }, "InvalidInputError", "INVALID_INPUT", ["input", "payload", "nested"]],
      [{ ...e, payload: { list: [1, 2] } }, "InvalidInputError", "INVALID_INPUT", ["input", "payload", "list"]],
      [{ ...e, payload: { flag: true } }, "InvalidInputError", "INVALID_INPUT", ["input", "payload", "flag"]],
      [{ ...e, payload: { empty: null } }, "InvalidInputError", "INVALID_INPUT", ["input", "payload", "empty"]],
      [{ ...e, identifier: "" }, "InvalidInputError", "INVALID_INPUT", ["input", "identifier"]],
      [{ ...e, identifier: "x".repeat(101) }, "InvalidInputError", "INVALID_INPUT", ["input", "identifier"]],
    ];
    const before = await ev.storedRows();
    for (const [input, typename, code, field] of cases) {
      const res = await ev.record(input);
      expect(res, JSON.stringify(input).slice(0, 100)).toMatchObject({ __typename: typename, code, field });
      expect(res.message.length).toBeGreaterThan(10);
    }
    expect(await ev.storedRows()).toEqual(before);
    // The limits themselves are accepted.
    const edges = [
      { ...e, value: "123456789012345" },
      { ...e, value: "-0.00000000000000000000000000001" },
      { ...e, value: "99999999999999900000" },
      { ...e, payload: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])) },
      { ...e, identifier: "x".repeat(100) },
    ];
    for (const input of edges)
      expect(await ev.record(input), JSON.stringify(input).slice(0, 80)).toMatchObject({ __typename: "MeterEvent" });
  });

  it("accepts timestamps from now − 35 days to now + 5 minutes, in the customer's time", async () => {
    const meter = await c.freshMeter("COUNT");
    const { customerId, clockId } = await c.clockCustomer(T0);
    const e = { eventName: meter.eventName, customerId };
    expect(await ev.record({ ...e, timestamp: at(-35 * DAY) })).toMatchObject({ __typename: "MeterEvent" });
    expect(await ev.record({ ...e, timestamp: at(5 * 60_000) })).toMatchObject({ __typename: "MeterEvent" });
    expect(await ev.record({ ...e, timestamp: at(-35 * DAY - 1) })).toMatchObject({
      code: "TIMESTAMP_TOO_FAR_IN_PAST",
    });
    expect(await ev.record({ ...e, timestamp: at(5 * 60_000 + 1) })).toMatchObject({ code: "TIMESTAMP_IN_FUTURE" });
    // The window moves with the customer's test clock, not with the wall clock.
    await c.advance(clockId, at(2 * DAY));
    expect(await ev.record({ ...e, timestamp: at(2 * DAY + 60_000) })).toMatchObject({
      __typename: "MeterEvent",
      createdAt: at(2 * DAY),
    });
    expect(await ev.record({ ...e, timestamp: at(-34 * DAY) })).toMatchObject({ code: "TIMESTAMP_TOO_FAR_IN_PAST" });
  });

  it("never counts a second event with the same identifier and returns the stored one", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const first = await ev.record({ eventName: meter.eventName, customerId, value: "10", identifier: "req-42" });
    const before = await ev.storedRows();
    const second = await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "99",
      identifier: "req-42",
      timestamp: at(-HOUR),
    });
    expect(second).toMatchObject({
      __typename: "MeterEventError",
      code: "DUPLICATE_EVENT",
      field: ["input", "identifier"],
    });
    const { __typename, ...stored } = first;
    expect(second.existingEvent).toEqual(stored);
    expect(await ev.storedRows()).toEqual(before);
    expect(await ev.usage(meter.id, customerId)).toBe("10");
    // Identifiers are unique per account and mode, across meters.
    const otherMeter = await c.freshMeter("SUM");
    expect(
      await ev.record({ eventName: otherMeter.eventName, customerId, value: "1", identifier: "req-42" }),
    ).toMatchObject({ code: "DUPLICATE_EVENT" });
  });

  it("counts exactly one of 50 concurrent requests with the same identifier", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ev.record({ eventName: meter.eventName, customerId, value: String(i + 1), identifier: "concurrent-1" }),
      ),
    );
    const accepted = results.filter((r) => r.__typename === "MeterEvent");
    const duplicates = results.filter((r) => r.code === "DUPLICATE_EVENT");
    expect(accepted).toHaveLength(1);
    expect(duplicates).toHaveLength(49);
    for (const d of duplicates) expect(d.existingEvent?.value).toBe(accepted[0]?.value);
    expect(await app.database.prisma.meterEvent.count({ where: { meterId: meter.id } })).toBe(1);
    expect(await ev.usage(meter.id, customerId)).toBe(accepted[0]?.value);
  });
});

describe("recordMeterEvents", () => {
  it("stores every event's timestamp, and the request's receipt instant, to the millisecond", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    let batch = 0;
    // Timestamps travel as milliseconds from the batch's first: anything in the accepted window.
    const offsets = fc.array(fc.integer({ min: -35 * DAY + 1, max: 5 * 60_000 }), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(offsets, async (list) => {
        const prefix = `ms-${++batch}-`;
        const timestamps = list.map((offset) => at(offset));
        const summary = await ev.recordMany(
          timestamps.map((timestamp, i) => ({
            eventName: meter.eventName,
            customerId,
            value: "1",
            identifier: `${prefix}${i}`,
            timestamp,
          })),
        );
        expect(summary).toEqual({
          __typename: "RecordMeterEventsSummary",
          accepted: list.length,
          duplicates: 0,
          rejected: [],
        });
        const rows = await app.database.prisma.meterEvent.findMany({
          where: { identifier: { startsWith: prefix } },
          orderBy: { seq: "asc" },
        });
        expect(rows.map((r) => r.timestamp.toISOString())).toEqual(timestamps);
        expect(new Set(rows.map((r) => r.createdAt.toISOString()))).toEqual(new Set([T0]));
      }),
      { numRuns: 25 },
    );
  });

  it("accepts or rejects each event on its own and detects duplicates in the batch and stored", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    await ev.record({ eventName: meter.eventName, customerId, value: "1000", identifier: "stored-1" });
    const e = (value: string, extra: Record<string, unknown> = {}) => ({
      eventName: meter.eventName,
      customerId,
      value,
      ...extra,
    });
    const summary = await ev.recordMany([
      e("1", { identifier: "b-1" }), //                      0 accepted
      e("2", { eventName: "missing" }), //                   1 METER_NOT_FOUND
      e("4", { identifier: "b-1" }), //                      2 duplicate of 0
      e("8", { identifier: "stored-1" }), //                 3 duplicate of a stored event
      e("16", { customerId: "cus_nobody" }), //              4 CUSTOMER_NOT_FOUND
      e("32", { timestamp: at(HOUR) }), //                   5 TIMESTAMP_IN_FUTURE
      e("64", { payload: { deep: { x: 1 } } }), //           6 INVALID_INPUT
      e("128", { identifier: "b-2", timestamp: at(-DAY) }), // 7 accepted
      { eventName: meter.eventName, payload: { customer_id: customerId, value: "256" } }, // 8 accepted
      e("512", { identifier: "b-2" }), //                    9 duplicate of 7
    ]);
    expect(summary).toEqual({
      __typename: "RecordMeterEventsSummary",
      accepted: 3,
      duplicates: 3,
      rejected: [
        { index: 1, code: "METER_NOT_FOUND", message: expect.any(String) },
        { index: 4, code: "CUSTOMER_NOT_FOUND", message: expect.any(String) },
        { index: 5, code: "TIMESTAMP_IN_FUTURE", message: expect.any(String) },
        { index: 6, code: "INVALID_INPUT", message: expect.any(String) },
      ],
    });
    expect(await ev.usage(meter.id, customerId)).toBe(String(1000 + 1 + 128 + 256));
    const b1 = await app.database.prisma.meterEvent.findFirstOrThrow({ where: { identifier: "b-1" } });
    expect(b1.value.toFixed()).toBe("1");
  });

  it("takes 1 to 1000 events per call", async () => {
    const meter = await c.freshMeter("COUNT");
    const { customerId } = await c.clockCustomer(T0);
    const events = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        eventName: meter.eventName,
        customerId,
        timestamp: at(-(i % 48) * HOUR),
      }));
    const before = await ev.storedRows();
    expect(await ev.recordMany([])).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "events"],
    });
    expect(await ev.recordMany(events(1001))).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "events"],
    });
    expect(await ev.storedRows()).toEqual(before);
    expect(await ev.recordMany(events(1000))).toEqual({
      __typename: "RecordMeterEventsSummary",
      accepted: 1000,
      duplicates: 0,
      rejected: [],
    });
    expect(await ev.usage(meter.id, customerId)).toBe("1000");
    const hourly = await app.request(SUMMARIES, {
      meterId: meter.id,
      customerId,
      startTime: at(-47 * HOUR),
      endTime: at(HOUR),
      groupingWindow: "HOUR",
    });
    // Event i is (i mod 48) hours before T0: hours 0–39 before T0 got 21 events, hours 40–47 got 20.
    expect(hourly.data?.meterEventSummaries.map((s) => s.aggregatedValue)).toEqual(
      Array.from({ length: 48 }, (_, j) => (47 - j < 40 ? "21" : "20")),
    );
  });

  it("runs concurrent overlapping batches without deadlocks, counting each identifier once", async () => {
    const meter = await c.freshMeter("SUM");
    const customers = await Promise.all([c.clockCustomer(T0), c.clockCustomer(T0), c.clockCustomer(T0)]);
    const ids = Array.from({ length: 60 }, (_, i) => `overlap-${i}`);
    const batches = Array.from({ length: 8 }, (_, b) => {
      const order = b % 2 === 0 ? ids : [...ids].reverse();
      return order.map((identifier, i) => ({
        eventName: meter.eventName,
        customerId: customers[(i + b) % 3]!.customerId,
        value: "1",
        identifier,
        timestamp: at(-((i + b) % 5) * HOUR),
      }));
    });
    const results = await Promise.all(batches.map((events) => ev.recordMany(events)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(60);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(60 * 7);
    expect(results.every((r) => r.rejected.length === 0)).toBe(true);
    let total = 0;
    for (const { customerId } of customers) total += Number(await ev.usage(meter.id, customerId));
    expect(total).toBe(60);
  });
});

describe("cancelMeterEvent", () => {
  it("stops counting a cancelled event and corrects the hour it was in", async () => {
    const meter = await c.freshMeter("MAX");
    const { customerId } = await c.clockCustomer(T0);
    await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "5",
      identifier: "keep",
      timestamp: at(-HOUR + 1),
    });
    await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "50",
      identifier: "oops",
      timestamp: at(-HOUR + 2),
    });
    expect(await ev.usage(meter.id, customerId)).toBe("50");
    const canceled = await ev.cancel(meter.eventName, "oops");
    expect(canceled).toMatchObject({ __typename: "MeterEvent", identifier: "oops", value: "50", canceledAt: T0 });
    expect(await ev.usage(meter.id, customerId)).toBe("5");
    // Cancelling again returns the event as it is (idempotent).
    expect(await ev.cancel(meter.eventName, "oops")).toEqual(canceled);
    // A cancelled event's identifier stays taken.
    expect(await ev.record({ eventName: meter.eventName, customerId, value: "1", identifier: "oops" })).toMatchObject({
      code: "DUPLICATE_EVENT",
    });
    await ev.cancel(meter.eventName, "keep");
    expect(await ev.usage(meter.id, customerId)).toBe("0");
    expect(await app.database.prisma.meterUsageHour.count({ where: { meterId: meter.id } })).toBe(0);
  });

  it("answers EVENT_NOT_FOUND for an unknown identifier or another meter's event", async () => {
    const meter = await c.freshMeter("SUM");
    const otherMeter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    await ev.record({ eventName: meter.eventName, customerId, value: "1", identifier: "mine" });
    expect(await ev.cancel(meter.eventName, "nope")).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_NOT_FOUND",
      field: ["input", "identifier"],
    });
    expect(await ev.cancel(otherMeter.eventName, "mine")).toMatchObject({ code: "EVENT_NOT_FOUND" });
    expect(await ev.cancel("no_such_meter", "mine")).toMatchObject({ code: "EVENT_NOT_FOUND" });
    expect(await ev.usage(meter.id, customerId)).toBe("1");
  });

  it("allows cancelling within 24 hours of receipt, on the customer's clock", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId, clockId } = await c.clockCustomer(T0);
    await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "1",
      identifier: "late",
      timestamp: at(-10 * DAY),
    });
    await ev.record({
      eventName: meter.eventName,
      customerId,
      value: "2",
      identifier: "in-time",
      timestamp: at(-10 * DAY),
    });
    await c.advance(clockId, at(DAY));
    expect(await ev.cancel(meter.eventName, "in-time")).toMatchObject({
      __typename: "MeterEvent",
      canceledAt: at(DAY),
    });
    await c.advance(clockId, at(DAY + 1));
    expect(await ev.cancel(meter.eventName, "late")).toMatchObject({
      __typename: "MeterEventError",
      code: "CANCEL_WINDOW_EXPIRED",
    });
    expect(await ev.usage(meter.id, customerId, at(-40 * DAY), at(2 * DAY))).toBe("1");
  });
});

describe("meterEventSummaries", () => {
  it("groups by UTC hour and day, clipping the first and last window to the range", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    // T0 is 12:00 on Jan 15.
    const events = [
      [at(-26 * HOUR), "1"], // Jan 14 10:00
      [at(-25 * HOUR - 1), "2"], // Jan 14 10:59:59.999
      [at(-25 * HOUR), "4"], // Jan 14 11:00
      [at(-2 * HOUR + 30 * 60_000), "8"], // Jan 15 10:30
      [at(-HOUR - 60_000), "16"], // Jan 15 10:59
      [at(0), "32"], // Jan 15 12:00
    ] as const;
    await ev.recordMany(
      events.map(([timestamp, value]) => ({ eventName: meter.eventName, customerId, value, timestamp })),
    );
    const q = (startTime: string, endTime: string, groupingWindow?: UsageWindow) =>
      app
        .request(SUMMARIES, { meterId: meter.id, customerId, startTime, endTime, groupingWindow })
        .then((r) => r.data?.meterEventSummaries);
    expect(await q("2026-01-14T10:30:00Z", "2026-01-14T12:15:00Z", "HOUR")).toEqual([
      { startTime: "2026-01-14T10:30:00.000Z", endTime: "2026-01-14T11:00:00.000Z", aggregatedValue: "2" },
      { startTime: "2026-01-14T11:00:00.000Z", endTime: "2026-01-14T12:00:00.000Z", aggregatedValue: "4" },
      { startTime: "2026-01-14T12:00:00.000Z", endTime: "2026-01-14T12:15:00.000Z", aggregatedValue: "0" },
    ]);
    expect(await q("2026-01-14T10:00:00Z", "2026-01-16T00:00:00Z", "DAY")).toEqual([
      { startTime: "2026-01-14T10:00:00.000Z", endTime: "2026-01-15T00:00:00.000Z", aggregatedValue: "7" },
      { startTime: "2026-01-15T00:00:00.000Z", endTime: "2026-01-16T00:00:00.000Z", aggregatedValue: "56" },
    ]);
    expect(await q("2026-01-15T10:31:00Z", "2026-01-15T12:00:00Z")).toEqual([
      { startTime: "2026-01-15T10:31:00.000Z", endTime: "2026-01-15T12:00:00.000Z", aggregatedValue: "16" },
    ]);
    expect(await q("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")).toEqual([
      { startTime: "2026-01-01T00:00:00.000Z", endTime: "2026-02-01T00:00:00.000Z", aggregatedValue: "63" },
    ]);
  });

  it("never counts cancelled or duplicate events", async () => {
    const meter = await c.freshMeter("COUNT");
    const { customerId } = await c.clockCustomer(T0);
    await ev.record({ eventName: meter.eventName, customerId, identifier: "one" });
    await ev.record({ eventName: meter.eventName, customerId, identifier: "one" });
    await ev.recordMany([
      { eventName: meter.eventName, customerId, identifier: "one" },
      { eventName: meter.eventName, customerId, identifier: "two" },
    ]);
    await ev.record({ eventName: meter.eventName, customerId, identifier: "three" });
    await ev.cancel(meter.eventName, "three");
    expect(await ev.usage(meter.id, customerId)).toBe("2");
  });

  it("rejects bounds off the minute, empty or absurd ranges, and unknown meters or customers", async () => {
    const meter = await c.freshMeter("SUM");
    const { customerId } = await c.clockCustomer(T0);
    const cases: Array<[Partial<SummariesVariables>, string, string[]]> = [
      [{ startTime: "2026-01-01T00:00:30Z", endTime: "2026-01-02T00:00:00Z" }, "INVALID_INPUT", ["startTime"]],
      [{ startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-02T00:00:00.001Z" }, "INVALID_INPUT", ["endTime"]],
      [{ startTime: "2026-01-02T00:00:00Z", endTime: "2026-01-02T00:00:00Z" }, "INVALID_INPUT", ["endTime"]],
      [{ startTime: "2026-01-03T00:00:00Z", endTime: "2026-01-02T00:00:00Z" }, "INVALID_INPUT", ["endTime"]],
      [
        { startTime: "2024-01-01T00:00:00Z", endTime: "2026-01-01T00:00:00Z", groupingWindow: "HOUR" },
        "INVALID_INPUT",
        ["endTime"],
      ],
      [
        { startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-02T00:00:00Z", meterId: "mtr_nope" },
        "NOT_FOUND",
        ["meterId"],
      ],
      [
        { startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-02T00:00:00Z", customerId: "cus_nope" },
        "NOT_FOUND",
        ["customerId"],
      ],
    ];
    for (const [vars, code, field] of cases) {
      const res = await app.request(SUMMARIES, {
        meterId: meter.id,
        customerId,
        startTime: "",
        endTime: "",
        ...vars,
      });
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code, field });
    }
    const year = await app.request(SUMMARIES, {
      meterId: meter.id,
      customerId,
      startTime: "2025-01-01T00:00:00Z",
      endTime: "2026-01-01T00:00:00Z",
      groupingWindow: "HOUR",
    });
    expect(year.data?.meterEventSummaries).toHaveLength(365 * 24);
  });
});

describe("tenant and mode isolation", () => {
  it("keeps events, identifiers and usage apart per account and mode", async () => {
    const meter = await c.meter("shared_name", "SUM");
    const { customerId } = await c.clockCustomer(T0);
    await ev.record({ eventName: meter.eventName, customerId, value: "5", identifier: "same-id" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      // No meter with that name there yet.
      expect(await meterEvents(app, key).record({ eventName: "shared_name", customerId, value: "1" })).toMatchObject({
        code: "METER_NOT_FOUND",
      });
      const theirMeter = await catalog(app, key).meter("shared_name", "SUM");
      // Our customer does not exist for them.
      expect(await meterEvents(app, key).record({ eventName: "shared_name", customerId, value: "1" })).toMatchObject({
        code: "CUSTOMER_NOT_FOUND",
      });
      expect(
        await meterEvents(app, key).recordMany([{ eventName: "shared_name", customerId, value: "1" }]),
      ).toMatchObject({
        accepted: 0,
        rejected: [{ code: "CUSTOMER_NOT_FOUND" }],
      });
      // Their own customer may use the same identifier: identifiers are per account and mode.
      const theirCustomer = (await catalog(app, key).customer({ name: "Theirs" })).id;
      expect(
        await meterEvents(app, key).record({
          eventName: "shared_name",
          customerId: theirCustomer,
          value: "1",
          identifier: "same-id",
        }),
      ).toMatchObject({ __typename: "MeterEvent" });
      // They can neither cancel nor read ours.
      expect(await meterEvents(app, key).cancel("shared_name", "same-id")).toMatchObject({
        __typename: "MeterEvent",
        customer: { id: theirCustomer },
      });
      const read = await app.request(
        SUMMARIES,
        { meterId: meter.id, customerId, startTime: at(-DAY), endTime: at(DAY) },
        key,
      );
      expect(read.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
      const crossed = await app.request(
        SUMMARIES,
        { meterId: theirMeter.id, customerId, startTime: at(-DAY), endTime: at(DAY) },
        key,
      );
      expect(crossed.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });
    }
    expect(await ev.usage(meter.id, customerId)).toBe("5");
    const ours = await app.database.prisma.meterEvent.findFirstOrThrow({
      where: { identifier: "same-id", meterId: meter.id },
    });
    expect(ours.canceledAt).toBeNull();
  });
});
