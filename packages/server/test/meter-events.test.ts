// Meter events through HTTP (docs/concepts/meter-events.md#error-codes): recording one or many, duplicates, every error code,
// cancellation, summaries, and tenant isolation. Customers live on test clocks, so "now" is exact.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDecimal, type Decimal } from "@tally/billing";
import { createContext } from "../src/context.js";
import type { Database } from "../src/db/client.js";
import type { MeterEventError } from "../src/errors.js";
import type { PrismaClient } from "../src/generated/prisma/client.js";
import { newId } from "../src/ids.js";
import { createTallyPubSub } from "../src/pubsub.js";
import { foldPastHours, startRollupFolding } from "../src/services/meter-events/fold-job.js";
import { recordMeterEvent } from "../src/services/meter-events/record.js";
import { recordMeterEvents } from "../src/services/meter-events/record-batch.js";
import { lockCustomersUsage } from "../src/db/locks.js";
import { usageStore } from "../src/usage-store/index.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { countingDatabase } from "./support/counting-database.js";
import { onPostgres } from "./support/database.js";

const T0 = "2026-01-15T12:00:00.000Z";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number, from = T0) => new Date(Date.parse(from) + offsetMs).toISOString();

const EVENT_FIELDS = `identifier eventName value timestamp payload createdAt canceledAt customer { id }`;
const RECORD = `mutation($input: RecordMeterEventInput!) {
  recordMeterEvent(input: $input) {
    __typename
    ... on MeterEvent { ${EVENT_FIELDS} }
    ... on MeterEventError { existingEvent { ${EVENT_FIELDS} } }
    ... on Error { code message field }
  }
}`;
const RECORD_MANY = `mutation($input: RecordMeterEventsInput!) {
  recordMeterEvents(input: $input) {
    __typename
    ... on RecordMeterEventsSummary { accepted duplicates rejected { index code message } }
    ... on Error { code message field }
  }
}`;
const CANCEL = `mutation($input: CancelMeterEventInput!) {
  cancelMeterEvent(input: $input) { __typename ... on MeterEvent { ${EVENT_FIELDS} } ... on Error { code message field } }
}`;
const SUMMARIES = `query($meterId: ID!, $customerId: ID!, $startTime: DateTime!, $endTime: DateTime!, $groupingWindow: UsageWindow) {
  meterEventSummaries(meterId: $meterId, customerId: $customerId, startTime: $startTime, endTime: $endTime, groupingWindow: $groupingWindow) {
    startTime endTime aggregatedValue
  }
}`;

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

let meterCount = 0;

interface TestMeter {
  id: string;
  eventName: string;
}

async function createMeter(
  aggregation: string,
  extra: Record<string, unknown> = {},
  key?: string,
  eventName = `event_${++meterCount}`,
): Promise<TestMeter> {
  const res = await app.gql(
    `mutation($input: CreateMeterInput!) { createMeter(input: $input) { ... on Meter { id eventName } ... on Error { code message } } }`,
    { input: { displayName: `Meter ${eventName}`, eventName, aggregation, ...extra } },
    key,
  );
  expect(res.data.createMeter.id, JSON.stringify(res.data.createMeter)).toBeDefined();
  return res.data.createMeter;
}

/** A customer on a new test clock frozen at `time`. */
async function clockCustomer(time = T0): Promise<{ customerId: string; clockId: string }> {
  const clock = await app.gql(
    `mutation($t: DateTime!) { createTestClock(input: { frozenTime: $t }) { ... on TestClock { id } } }`,
    { t: time },
  );
  const clockId = clock.data.createTestClock.id;
  const customer = await app.gql(
    `mutation($c: ID!) { createCustomer(input: { name: "Clocked", testClockId: $c }) { ... on Customer { id } } }`,
    { c: clockId },
  );
  return { customerId: customer.data.createCustomer.id, clockId };
}

async function advance(clockId: string, frozenTime: string): Promise<void> {
  const res = await app.gql(
    `mutation($input: AdvanceTestClockInput!) { advanceTestClock(input: $input) { __typename } }`,
    { input: { id: clockId, frozenTime } },
  );
  expect(res.data.advanceTestClock.__typename).toBe("TestClock");
}

async function record(input: Record<string, unknown>, key?: string) {
  return (await app.gql(RECORD, { input }, key)).data.recordMeterEvent;
}

async function recordMany(events: Array<Record<string, unknown>>, key?: string) {
  return (await app.gql(RECORD_MANY, { input: { events } }, key)).data.recordMeterEvents;
}

async function cancel(eventName: string, identifier: string, key?: string) {
  return (await app.gql(CANCEL, { input: { eventName, identifier } }, key)).data.cancelMeterEvent;
}

/** The meter's aggregation over a customer's events in [start, end) (default: 40 days around T0). */
async function usage(meterId: string, customerId: string, start = at(-40 * DAY), end = at(DAY)): Promise<string> {
  const res = await app.gql(SUMMARIES, { meterId, customerId, startTime: start, endTime: end });
  expect(res.errors).toBeUndefined();
  return res.data.meterEventSummaries[0].aggregatedValue;
}

async function storedRows() {
  return {
    events: await app.database.prisma.meterEvent.count(),
    hours: await app.database.prisma.meterUsageHour.count(),
  };
}

/** An OPEN invoice of `customerId` whose USAGE line bills `meterId` over [periodStart, periodEnd). */
async function invoiceUsage(
  customerId: string,
  meterId: string,
  periodStart: string,
  periodEnd: string,
  options: {
    status?: "DRAFT" | "OPEN" | "PAID" | "VOID";
    billingReason?: "SUBSCRIPTION_CREATE" | "SUBSCRIPTION_CYCLE";
  } = {},
  prisma: Pick<PrismaClient, "product" | "price" | "invoice" | "$queryRaw" | "$executeRaw"> = app.database.prisma,
) {
  const scope = { accountId: app.account.account.id, mode: "test" as const };
  const product = await prisma.product.create({ data: { id: newId("Product"), ...scope, name: "Usage" } });
  const price = await prisma.price.create({
    data: {
      id: newId("Price"),
      ...scope,
      productId: product.id,
      currency: "usd",
      interval: "MONTH",
      intervalCount: 1,
      usageType: "METERED",
      meterId,
      billingScheme: "PER_UNIT",
      unitAmount: "1",
    },
  });
  const invoiceId = newId("Invoice");
  await prisma.invoice.create({
    data: {
      id: invoiceId,
      ...scope,
      number: `TEST-${invoiceId}`,
      customerId,
      billingReason: options.billingReason ?? "SUBSCRIPTION_CYCLE",
      status: options.status ?? "OPEN",
      currency: "usd",
      periodStart: new Date(periodStart),
      periodEnd: new Date(periodEnd),
      subtotal: "0",
      creditsApplied: "0",
      total: "0",
      amountDue: "0",
      createdAt: new Date(periodEnd),
      finalizedAt: new Date(periodEnd),
      lines: {
        create: {
          id: newId("InvoiceLine"),
          ...scope,
          position: 0,
          kind: "USAGE",
          description: "Usage",
          priceId: price.id,
          quantity: "0",
          unitAmount: "1",
          amount: "0",
          periodStart: new Date(periodStart),
          periodEnd: new Date(periodEnd),
        },
      },
    },
  });
  // As storeFinalizedInvoice does; it writes nothing for a void, draft or first invoice.
  await usageStore(prisma, scope).sealInvoicedPeriods(invoiceId);
}

describe("recordMeterEvent", () => {
  it("records an event and counts it before the mutation returns", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    const event = await record({
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
    expect(await usage(meter.id, customerId)).toBe("3000");
  });

  it("defaults the timestamp to the customer's now and generates an identifier", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    const a = await record({ eventName: meter.eventName, customerId, value: "1" });
    const b = await record({ eventName: meter.eventName, customerId, value: "1" });
    expect(a.timestamp).toBe(T0);
    expect(a.identifier).not.toBe(b.identifier);
    expect(a.identifier.length).toBeGreaterThan(0);
    expect(await usage(meter.id, customerId)).toBe("2");
  });

  it("takes the customer and the value from the meter's payload keys", async () => {
    const meter = await createMeter("SUM", { customerPayloadKey: "stripe_customer_id", valuePayloadKey: "tokens" });
    const { customerId } = await clockCustomer();
    const other = await clockCustomer();
    const fromPayload = await record({
      eventName: meter.eventName,
      payload: { stripe_customer_id: customerId, tokens: 250 },
    });
    expect(fromPayload).toMatchObject({ __typename: "MeterEvent", value: "250", customer: { id: customerId } });
    // Decimal strings in the payload are exact.
    await record({
      eventName: meter.eventName,
      payload: { stripe_customer_id: customerId, tokens: "0.000000000000001" },
    });
    // Explicit fields win over the payload.
    const explicit = await record({
      eventName: meter.eventName,
      customerId: other.customerId,
      value: "7",
      payload: { stripe_customer_id: customerId, tokens: 1000 },
    });
    expect(explicit).toMatchObject({ value: "7", customer: { id: other.customerId } });
    expect(await usage(meter.id, customerId)).toBe("250.000000000000001");
    expect(await usage(meter.id, other.customerId)).toBe("7");
  });

  it("counts 1 per event for COUNT meters when no value is given", async () => {
    const meter = await createMeter("COUNT");
    const { customerId } = await clockCustomer();
    expect(await record({ eventName: meter.eventName, customerId })).toMatchObject({ value: "1" });
    expect(await record({ eventName: meter.eventName, customerId, value: "-40" })).toMatchObject({ value: "-40" });
    await record({ eventName: meter.eventName, payload: { customer_id: customerId } });
    expect(await usage(meter.id, customerId)).toBe("3");
  });

  it("aggregates with SUM, COUNT, LAST and MAX, negative values included", async () => {
    const { customerId } = await clockCustomer();
    const values = [
      ["5", -3 * HOUR],
      ["-2.5", -2 * HOUR],
      ["12.25", -5 * HOUR],
      ["1", -HOUR],
      ["-7", -HOUR],
    ] as const;
    const expected = { SUM: "8.75", COUNT: "5", LAST: "-7", MAX: "12.25" };
    for (const [aggregation, result] of Object.entries(expected)) {
      const meter = await createMeter(aggregation);
      for (const [value, offset] of values)
        await record({ eventName: meter.eventName, customerId, value, timestamp: at(offset) });
      expect(await usage(meter.id, customerId), aggregation).toBe(result);
      // Over no events every aggregation is 0.
      expect(await usage(meter.id, customerId, at(-30 * DAY), at(-29 * DAY)), aggregation).toBe("0");
    }
  });

  it("breaks LAST ties on the timestamp by receipt order, within and across batches", async () => {
    const { customerId } = await clockCustomer();
    const meter = await createMeter("LAST");
    const ts = at(-HOUR);
    await recordMany(
      ["1", "2", "3"].map((value) => ({ eventName: meter.eventName, customerId, value, timestamp: ts })),
    );
    expect(await usage(meter.id, customerId)).toBe("3");
    await record({ eventName: meter.eventName, customerId, value: "4", timestamp: ts });
    expect(await usage(meter.id, customerId)).toBe("4");
    await record({ eventName: meter.eventName, customerId, value: "5", timestamp: at(-2 * HOUR) });
    expect(await usage(meter.id, customerId)).toBe("4");
  });

  it("refuses every invalid event with its code and stores nothing", async () => {
    const meter = await createMeter("SUM");
    const count = await createMeter("COUNT");
    const inactive = await createMeter("SUM");
    await app.gql(`mutation($id: ID!) { deactivateMeter(input: { id: $id }) { __typename } }`, { id: inactive.id });
    const { customerId } = await clockCustomer();
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
    const before = await storedRows();
    for (const [input, typename, code, field] of cases) {
      const res = await record(input);
      expect(res, JSON.stringify(input).slice(0, 100)).toMatchObject({ __typename: typename, code, field });
      expect(res.message.length).toBeGreaterThan(10);
    }
    expect(await storedRows()).toEqual(before);
    // The limits themselves are accepted.
    const edges = [
      { ...e, value: "123456789012345" },
      { ...e, value: "-0.00000000000000000000000000001" },
      { ...e, value: "99999999999999900000" },
      { ...e, payload: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])) },
      { ...e, identifier: "x".repeat(100) },
    ];
    for (const input of edges)
      expect(await record(input), JSON.stringify(input).slice(0, 80)).toMatchObject({ __typename: "MeterEvent" });
  });

  it("accepts timestamps from now − 35 days to now + 5 minutes, in the customer's time", async () => {
    const meter = await createMeter("COUNT");
    const { customerId, clockId } = await clockCustomer();
    const e = { eventName: meter.eventName, customerId };
    expect(await record({ ...e, timestamp: at(-35 * DAY) })).toMatchObject({ __typename: "MeterEvent" });
    expect(await record({ ...e, timestamp: at(5 * 60_000) })).toMatchObject({ __typename: "MeterEvent" });
    expect(await record({ ...e, timestamp: at(-35 * DAY - 1) })).toMatchObject({ code: "TIMESTAMP_TOO_FAR_IN_PAST" });
    expect(await record({ ...e, timestamp: at(5 * 60_000 + 1) })).toMatchObject({ code: "TIMESTAMP_IN_FUTURE" });
    // The window moves with the customer's test clock, not with the wall clock.
    await advance(clockId, at(2 * DAY));
    expect(await record({ ...e, timestamp: at(2 * DAY + 60_000) })).toMatchObject({
      __typename: "MeterEvent",
      createdAt: at(2 * DAY),
    });
    expect(await record({ ...e, timestamp: at(-34 * DAY) })).toMatchObject({ code: "TIMESTAMP_TOO_FAR_IN_PAST" });
  });

  it("refuses usage in a period already invoiced, which could never be billed", async () => {
    const meter = await createMeter("SUM");
    const otherMeter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    await invoiceUsage(customerId, meter.id, at(-20 * DAY), at(-10 * DAY));
    const before = await storedRows();
    const res = await record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-15 * DAY) });
    expect(res).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
      field: ["input", "timestamp"],
    });
    expect(res.message).toMatch(/already invoiced/);
    const batch = await recordMany([
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
    expect(await storedRows()).toEqual(before);
    // The period's end is exclusive; other meters are not invoiced.
    expect(
      await record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-10 * DAY) }),
    ).toMatchObject({ __typename: "MeterEvent" });
    expect(
      await record({ eventName: otherMeter.eventName, customerId, value: "1", timestamp: at(-15 * DAY) }),
    ).toMatchObject({ __typename: "MeterEvent" });
  });

  it("waits for an invoice being finalized and then refuses usage of its period", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    let recording: Promise<any> | undefined;
    await app.database.prisma.$transaction(
      async (tx) => {
        // What invoice finalization does: lock the customer's usage, read it, store the invoice.
        await lockCustomersUsage(tx, [customerId], "exclusive");
        recording = record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-2 * HOUR) });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await invoiceUsage(customerId, meter.id, at(-DAY), at(-HOUR), {}, tx as unknown as PrismaClient);
      },
      { timeout: 10_000 },
    );
    expect(await recording).toMatchObject({ code: "EVENT_ALREADY_INVOICED" });
    expect(await usage(meter.id, customerId)).toBe("0");
  });

  it("does not treat void, draft or first invoices as invoiced usage", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    await invoiceUsage(customerId, meter.id, at(-20 * DAY), at(-10 * DAY), { status: "VOID" });
    await invoiceUsage(customerId, meter.id, at(-20 * DAY), at(-10 * DAY), { status: "DRAFT" });
    await invoiceUsage(customerId, meter.id, at(-20 * DAY), at(-10 * DAY), { billingReason: "SUBSCRIPTION_CREATE" });
    expect(
      await record({ eventName: meter.eventName, customerId, value: "1", timestamp: at(-15 * DAY) }),
    ).toMatchObject({ __typename: "MeterEvent" });
  });

  it("never counts a second event with the same identifier and returns the stored one", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    const first = await record({ eventName: meter.eventName, customerId, value: "10", identifier: "req-42" });
    const before = await storedRows();
    const second = await record({
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
    expect(await storedRows()).toEqual(before);
    expect(await usage(meter.id, customerId)).toBe("10");
    // Identifiers are unique per account and mode, across meters.
    const otherMeter = await createMeter("SUM");
    expect(
      await record({ eventName: otherMeter.eventName, customerId, value: "1", identifier: "req-42" }),
    ).toMatchObject({ code: "DUPLICATE_EVENT" });
  });

  it("counts exactly one of 50 concurrent requests with the same identifier", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        record({ eventName: meter.eventName, customerId, value: String(i + 1), identifier: "concurrent-1" }),
      ),
    );
    const accepted = results.filter((r) => r.__typename === "MeterEvent");
    const duplicates = results.filter((r) => r.code === "DUPLICATE_EVENT");
    expect(accepted).toHaveLength(1);
    expect(duplicates).toHaveLength(49);
    for (const d of duplicates) expect(d.existingEvent.value).toBe(accepted[0].value);
    expect(await app.database.prisma.meterEvent.count({ where: { meterId: meter.id } })).toBe(1);
    expect(await usage(meter.id, customerId)).toBe(accepted[0].value);
  });

  it("stores the events a tenant records at once in one transaction, answering each request on its own", async () => {
    let transactions = 0;
    const database = {
      ...app.database,
      transaction: ((fn) => {
        transactions += 1;
        return app.database.transaction(fn);
      }) as Database["transaction"],
    };
    const tenantOf = (accountId: string) =>
      createContext(
        { ...app.deps, database },
        { kind: "tenant", scope: { accountId, mode: "test" } },
        createTallyPubSub(),
      ).tenant!;
    const other = await app.createAccount();
    const setUp = async (key: string) => {
      const meter = await createMeter("SUM", {}, key);
      const customer = await app.gql(
        `mutation { createCustomer(input: { name: "Wall clock" }) { ... on Customer { id } } }`,
        {},
        key,
      );
      return { meter, customerId: customer.data.createCustomer.id as string };
    };
    const a = { tenant: tenantOf(app.account.account.id), ...(await setUp(app.account.testSecretKey)) };
    const b = { tenant: tenantOf(other.account.id), ...(await setUp(other.testSecretKey)) };
    const now = app.clock.now().getTime();
    await invoiceUsage(
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
      await usage(
        a.meter.id,
        a.customerId,
        new Date(minute - 30 * DAY).toISOString(),
        new Date(minute + DAY).toISOString(),
      ),
    ).toBe("111");
    const otherUsage = await app.gql(
      SUMMARIES,
      {
        meterId: b.meter.id,
        customerId: b.customerId,
        startTime: new Date(minute - DAY).toISOString(),
        endTime: new Date(minute + DAY).toISOString(),
      },
      other.testSecretKey,
    );
    expect(otherUsage.data.meterEventSummaries[0].aggregatedValue).toBe("114");
  });
});

describe("recordMeterEvents", () => {
  it("stores every event's timestamp, and the request's receipt instant, to the millisecond", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    let batch = 0;
    // Timestamps travel as milliseconds from the batch's first: anything in the accepted window.
    const offsets = fc.array(fc.integer({ min: -35 * DAY + 1, max: 5 * 60_000 }), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(offsets, async (list) => {
        const prefix = `ms-${++batch}-`;
        const timestamps = list.map((offset) => at(offset));
        const summary = await recordMany(
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
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    await record({ eventName: meter.eventName, customerId, value: "1000", identifier: "stored-1" });
    const e = (value: string, extra: Record<string, unknown> = {}) => ({
      eventName: meter.eventName,
      customerId,
      value,
      ...extra,
    });
    const summary = await recordMany([
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
    expect(await usage(meter.id, customerId)).toBe(String(1000 + 1 + 128 + 256));
    const b1 = await app.database.prisma.meterEvent.findFirstOrThrow({ where: { identifier: "b-1" } });
    expect(b1.value.toFixed()).toBe("1");
  });

  it("stores with a plain insert, and again skipping duplicates when a sent identifier is taken", async () => {
    const counting = countingDatabase(app.database);
    const tenant = createContext(
      { ...app.deps, database: counting.database },
      { kind: "tenant", scope: { accountId: app.account.account.id, mode: "test" } },
      createTallyPubSub(),
    ).tenant!;
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
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
    expect(await usage(meter.id, customerId)).toBe(String(1 + 2 + 4 + 16 + 32));
    const rollups = await app.database.prisma.meterUsageHour.findMany({ where: { meterId: meter.id, customerId } });
    expect(rollups.reduce((n, r) => n + r.count, 0n)).toBe(5n);
    await counting.close();
  });

  it("takes 1 to 1000 events per call", async () => {
    const meter = await createMeter("COUNT");
    const { customerId } = await clockCustomer();
    const events = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        eventName: meter.eventName,
        customerId,
        timestamp: at(-(i % 48) * HOUR),
      }));
    const before = await storedRows();
    expect(await recordMany([])).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "events"],
    });
    expect(await recordMany(events(1001))).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "events"],
    });
    expect(await storedRows()).toEqual(before);
    expect(await recordMany(events(1000))).toEqual({
      __typename: "RecordMeterEventsSummary",
      accepted: 1000,
      duplicates: 0,
      rejected: [],
    });
    expect(await usage(meter.id, customerId)).toBe("1000");
    const hourly = await app.gql(SUMMARIES, {
      meterId: meter.id,
      customerId,
      startTime: at(-47 * HOUR),
      endTime: at(HOUR),
      groupingWindow: "HOUR",
    });
    // Event i is (i mod 48) hours before T0: hours 0–39 before T0 got 21 events, hours 40–47 got 20.
    expect(hourly.data.meterEventSummaries.map((s: any) => s.aggregatedValue)).toEqual(
      Array.from({ length: 48 }, (_, j) => (47 - j < 40 ? "21" : "20")),
    );
  });

  it("runs concurrent overlapping batches without deadlocks, counting each identifier once", async () => {
    const meter = await createMeter("SUM");
    const customers = await Promise.all([clockCustomer(), clockCustomer(), clockCustomer()]);
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
    const results = await Promise.all(batches.map((events) => recordMany(events)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(60);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(60 * 7);
    expect(results.every((r) => r.rejected.length === 0)).toBe(true);
    let total = 0;
    for (const { customerId } of customers) total += Number(await usage(meter.id, customerId));
    expect(total).toBe(60);
  });
});

describe("cancelMeterEvent", () => {
  it("stops counting a cancelled event and corrects the hour it was in", async () => {
    const meter = await createMeter("MAX");
    const { customerId } = await clockCustomer();
    await record({ eventName: meter.eventName, customerId, value: "5", identifier: "keep", timestamp: at(-HOUR + 1) });
    await record({ eventName: meter.eventName, customerId, value: "50", identifier: "oops", timestamp: at(-HOUR + 2) });
    expect(await usage(meter.id, customerId)).toBe("50");
    const canceled = await cancel(meter.eventName, "oops");
    expect(canceled).toMatchObject({ __typename: "MeterEvent", identifier: "oops", value: "50", canceledAt: T0 });
    expect(await usage(meter.id, customerId)).toBe("5");
    // Cancelling again returns the event as it is (idempotent).
    expect(await cancel(meter.eventName, "oops")).toEqual(canceled);
    // A cancelled event's identifier stays taken.
    expect(await record({ eventName: meter.eventName, customerId, value: "1", identifier: "oops" })).toMatchObject({
      code: "DUPLICATE_EVENT",
    });
    await cancel(meter.eventName, "keep");
    expect(await usage(meter.id, customerId)).toBe("0");
    expect(await app.database.prisma.meterUsageHour.count({ where: { meterId: meter.id } })).toBe(0);
  });

  it("merges an hour's rollup shards written by concurrent requests, and folds them into one", async () => {
    const meter = await createMeter("LAST");
    const { customerId } = await clockCustomer();
    // 8 batches at once, all in the hour before T0: the latest event is s-7-4 (value 39).
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, b) =>
        recordMany(
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
    expect(await usage(meter.id, customerId)).toBe("39");
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
    expect(await usage(meter.id, customerId)).toBe("39");
    await record({
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
    expect(await usage(meter.id, customerId)).toBe("7");
    await cancel(meter.eventName, "s-late");
    expect(await usage(meter.id, customerId)).toBe("39");
    await cancel(meter.eventName, "s-7-4");
    expect(await rows()).toBe(1);
    expect(await usage(meter.id, customerId)).toBe("38");
  });

  it("answers EVENT_NOT_FOUND for an unknown identifier or another meter's event", async () => {
    const meter = await createMeter("SUM");
    const otherMeter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    await record({ eventName: meter.eventName, customerId, value: "1", identifier: "mine" });
    expect(await cancel(meter.eventName, "nope")).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_NOT_FOUND",
      field: ["input", "identifier"],
    });
    expect(await cancel(otherMeter.eventName, "mine")).toMatchObject({ code: "EVENT_NOT_FOUND" });
    expect(await cancel("no_such_meter", "mine")).toMatchObject({ code: "EVENT_NOT_FOUND" });
    expect(await usage(meter.id, customerId)).toBe("1");
  });

  it("allows cancelling within 24 hours of receipt, on the customer's clock", async () => {
    const meter = await createMeter("SUM");
    const { customerId, clockId } = await clockCustomer();
    await record({ eventName: meter.eventName, customerId, value: "1", identifier: "late", timestamp: at(-10 * DAY) });
    await record({
      eventName: meter.eventName,
      customerId,
      value: "2",
      identifier: "in-time",
      timestamp: at(-10 * DAY),
    });
    await advance(clockId, at(DAY));
    expect(await cancel(meter.eventName, "in-time")).toMatchObject({ __typename: "MeterEvent", canceledAt: at(DAY) });
    await advance(clockId, at(DAY + 1));
    expect(await cancel(meter.eventName, "late")).toMatchObject({
      __typename: "MeterEventError",
      code: "CANCEL_WINDOW_EXPIRED",
    });
    expect(await usage(meter.id, customerId, at(-40 * DAY), at(2 * DAY))).toBe("1");
  });

  it("refuses to cancel an event whose period is on a finalized invoice", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    await record({
      eventName: meter.eventName,
      customerId,
      value: "3",
      identifier: "billed",
      timestamp: at(-2 * HOUR),
    });
    await invoiceUsage(customerId, meter.id, at(-DAY), at(-HOUR), { status: "PAID" });
    expect(await cancel(meter.eventName, "billed")).toMatchObject({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
    });
    const stored = await app.database.prisma.meterEvent.findFirstOrThrow({ where: { identifier: "billed" } });
    expect(stored.canceledAt).toBeNull();
    expect(await usage(meter.id, customerId)).toBe("3");
  });
});

describe("meterEventSummaries", () => {
  it("groups by UTC hour and day, clipping the first and last window to the range", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    // T0 is 12:00 on Jan 15.
    const events = [
      [at(-26 * HOUR), "1"], // Jan 14 10:00
      [at(-25 * HOUR - 1), "2"], // Jan 14 10:59:59.999
      [at(-25 * HOUR), "4"], // Jan 14 11:00
      [at(-2 * HOUR + 30 * 60_000), "8"], // Jan 15 10:30
      [at(-HOUR - 60_000), "16"], // Jan 15 10:59
      [at(0), "32"], // Jan 15 12:00
    ] as const;
    await recordMany(
      events.map(([timestamp, value]) => ({ eventName: meter.eventName, customerId, value, timestamp })),
    );
    const q = (startTime: string, endTime: string, groupingWindow?: string) =>
      app
        .gql(SUMMARIES, { meterId: meter.id, customerId, startTime, endTime, groupingWindow })
        .then((r) => r.data.meterEventSummaries);
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
    const meter = await createMeter("COUNT");
    const { customerId } = await clockCustomer();
    await record({ eventName: meter.eventName, customerId, identifier: "one" });
    await record({ eventName: meter.eventName, customerId, identifier: "one" });
    await recordMany([
      { eventName: meter.eventName, customerId, identifier: "one" },
      { eventName: meter.eventName, customerId, identifier: "two" },
    ]);
    await record({ eventName: meter.eventName, customerId, identifier: "three" });
    await cancel(meter.eventName, "three");
    expect(await usage(meter.id, customerId)).toBe("2");
  });

  it("rejects bounds off the minute, empty or absurd ranges, and unknown meters or customers", async () => {
    const meter = await createMeter("SUM");
    const { customerId } = await clockCustomer();
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
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
      const res = await app.gql(SUMMARIES, { meterId: meter.id, customerId, ...vars });
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code, field });
    }
    const year = await app.gql(SUMMARIES, {
      meterId: meter.id,
      customerId,
      startTime: "2025-01-01T00:00:00Z",
      endTime: "2026-01-01T00:00:00Z",
      groupingWindow: "HOUR",
    });
    expect(year.data.meterEventSummaries).toHaveLength(365 * 24);
  });
});

describe("tenant and mode isolation", () => {
  it("keeps events, identifiers and usage apart per account and mode", async () => {
    const meter = await createMeter("SUM", {}, undefined, "shared_name");
    const { customerId } = await clockCustomer();
    await record({ eventName: meter.eventName, customerId, value: "5", identifier: "same-id" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      // No meter with that name there yet.
      expect(await record({ eventName: "shared_name", customerId, value: "1" }, key)).toMatchObject({
        code: "METER_NOT_FOUND",
      });
      const theirMeter = await createMeter("SUM", {}, key, "shared_name");
      // Our customer does not exist for them.
      expect(await record({ eventName: "shared_name", customerId, value: "1" }, key)).toMatchObject({
        code: "CUSTOMER_NOT_FOUND",
      });
      expect(await recordMany([{ eventName: "shared_name", customerId, value: "1" }], key)).toMatchObject({
        accepted: 0,
        rejected: [{ code: "CUSTOMER_NOT_FOUND" }],
      });
      // Their own customer may use the same identifier: identifiers are per account and mode.
      const theirs = await app.gql(
        `mutation { createCustomer(input: { name: "Theirs" }) { ... on Customer { id } } }`,
        {},
        key,
      );
      const theirCustomer = theirs.data.createCustomer.id;
      expect(
        await record({ eventName: "shared_name", customerId: theirCustomer, value: "1", identifier: "same-id" }, key),
      ).toMatchObject({ __typename: "MeterEvent" });
      // They can neither cancel nor read ours.
      expect(await cancel("shared_name", "same-id", key)).toMatchObject({
        __typename: "MeterEvent",
        customer: { id: theirCustomer },
      });
      const read = await app.gql(
        SUMMARIES,
        { meterId: meter.id, customerId, startTime: at(-DAY), endTime: at(DAY) },
        key,
      );
      expect(read.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
      const crossed = await app.gql(
        SUMMARIES,
        { meterId: theirMeter.id, customerId, startTime: at(-DAY), endTime: at(DAY) },
        key,
      );
      expect(crossed.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: ["customerId"] });
    }
    expect(await usage(meter.id, customerId)).toBe("5");
    const ours = await app.database.prisma.meterEvent.findFirstOrThrow({
      where: { identifier: "same-id", meterId: meter.id },
    });
    expect(ours.canceledAt).toBeNull();
  });
});
