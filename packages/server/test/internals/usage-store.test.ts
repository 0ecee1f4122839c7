// The usage store through its public interface (usage-store/index.ts): what a second store would
// have to answer the same way. Events go in with recordEvents, as ingest sends them.
import { emptyPartial, toDecimal } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../src/db/tenant-scope.js";
import {
  type EventToStore,
  IdentifierTaken,
  type UsageQuery,
  type UsageStore,
  usageStore,
} from "../../src/usage-store/index.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { catalog } from "../support/catalog.js";

const T0 = new Date("2026-03-10T10:00:00Z");
const MINUTE = 60_000;

let app: TestApp;
let scope: Scope;
beforeAll(async () => {
  app = await createTestApp();
  scope = { accountId: app.account.account.id, mode: "test" };
});
afterAll(() => app.close());

let meters = 0;

async function setup(aggregation: "SUM" | "COUNT" | "LAST" | "MAX") {
  const customerId = (await catalog(app).customer({ name: "Store" })).id;
  const meterId = (await catalog(app).meter({ displayName: "Store", eventName: `store_${++meters}`, aggregation })).id;
  let n = 0;
  const event = (value: string, at: Date, identifier = `store-${meters}-${++n}`): EventToStore => ({
    identifier,
    meter: { id: meterId },
    customer: { id: customerId },
    value: toDecimal(value),
    timestamp: at,
    payload: null,
    receivedAt: at,
  });
  const range: UsageQuery = {
    meterId,
    customerId,
    start: new Date(T0.getTime() - 60 * MINUTE),
    end: new Date(T0.getTime() + 60 * MINUTE),
  };
  return { meterId, customerId, event, range };
}

/** recordEvents in a transaction, as ingest runs it. */
const record = (events: EventToStore[], options: { onDuplicate: "fail" | "skip"; rows: boolean }, as = scope) =>
  app.database.transaction((sql) => usageStore(sql, as).recordEvents(events, options));

const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe("usage store", () => {
  it("records a batch, answering each event's row in list order, and counts it at once", async () => {
    const { event, range, meterId } = await setup("SUM");
    const batch = await record([event("2", at(1)), event("3.5", at(-30))], { onDuplicate: "fail", rows: true });
    expect(batch.notStored).toEqual([]);
    expect(batch.alertsWatch).toBe(false);
    expect(batch.rows!.map((r) => [r!.value.toFixed(), r!.meter.id])).toEqual([
      ["2", meterId],
      ["3.5", meterId],
    ]);
    // seq is the receipt order: the list order.
    expect(batch.seqs![0]! < batch.seqs![1]!).toBe(true);
    const store = usageStore(app.database.sql, scope);
    expect((await store.usage(range, "SUM")).toFixed()).toBe("5.5");
    const windows = await store.usageByWindow(range, "HOUR", "SUM");
    expect(windows.map((w) => w.value.toFixed())).toEqual(["3.5", "2"]);
  });

  it("fails on a taken identifier, or skips it, storing nothing for it either way", async () => {
    const { event, range } = await setup("COUNT");
    await record([event("1", at(0), "taken")], { onDuplicate: "fail", rows: false });
    await expect(
      record([event("1", at(1)), event("1", at(2), "taken")], { onDuplicate: "fail", rows: false }),
    ).rejects.toBeInstanceOf(IdentifierTaken);
    const skipped = await record([event("1", at(1)), event("1", at(2), "taken")], { onDuplicate: "skip", rows: false });
    expect(skipped).toEqual({
      notStored: [{ index: 1, meterActive: true }],
      alertsWatch: false,
      seqs: null,
      rows: null,
    });
    expect((await usageStore(app.database.sql, scope).usage(range, "COUNT")).toFixed()).toBe("2");
    const stored = await usageStore(app.database.sql, scope).eventByIdentifier("taken");
    expect(stored?.timestamp).toEqual(at(0));
  });

  it("takes LAST by timestamp, then by receipt, across batches and cancellations", async () => {
    const { event, range } = await setup("LAST");
    await record([event("1", at(5)), event("2", at(5), "last-tie")], { onDuplicate: "fail", rows: false });
    await record([event("3", at(4))], { onDuplicate: "fail", rows: false });
    const store = usageStore(app.database.sql, scope);
    expect((await store.usage(range, "LAST")).toFixed()).toBe("2");
    const tie = (await store.eventByIdentifier("last-tie"))!;
    const canceled = await app.database.transaction((sql) => usageStore(sql, scope).cancelEvent(tie, at(6)));
    expect(canceled.canceledAt).toEqual(at(6));
    expect((await store.usage(range, "LAST")).toFixed()).toBe("1");
  });

  it("refuses events in a sealed period and answers which instants are invoiced", async () => {
    const { event, meterId, customerId } = await setup("SUM");
    await app.database.prisma.invoicedUsagePeriod.create({
      data: { ...scope, customerId, meterId, periodStart: at(-60), periodEnd: at(0), invoiceId: "in_store_test" },
    });
    const store = usageStore(app.database.sql, scope);
    expect(
      await store.invoiced([
        { meterId, customerId, timestamp: at(-60) },
        { meterId, customerId, timestamp: at(0) },
        { meterId, customerId, timestamp: at(-1) },
      ]),
    ).toEqual(new Set([0, 2]));
    const batch = await record([event("1", at(-1)), event("1", at(0))], { onDuplicate: "fail", rows: false });
    expect(batch.notStored).toEqual([{ index: 0, meterActive: true }]);
  });

  it("keeps alert progress per alert and customer, merged with LAST's order", async () => {
    const { customerId } = await setup("LAST");
    const entry = (value: string, minutes: number, seq: bigint) => ({
      alertId: "alrt_store_test",
      customerId,
      value: toDecimal(value),
      timestamp: at(minutes),
      seq,
      period: null,
    });
    const store = usageStore(app.database.sql, scope);
    const first = await store.addToAlertProgress([entry("5", 2, 10n), entry("7", 1, 11n)], new Date(0));
    expect(first).toHaveLength(1);
    expect(first[0]!.partial!.last?.value.toFixed()).toBe("5");
    const second = await store.addToAlertProgress([entry("9", 2, 12n)], new Date(0));
    expect(second[0]!.partial!.count.toFixed()).toBe("3");
    expect(second[0]!.partial!.max?.toFixed()).toBe("9");
    expect(second[0]!.partial!.last?.value.toFixed()).toBe("9");
  });

  it("keeps a period's alert progress only once set from a read, and starts again in another period", async () => {
    const { customerId } = await setup("SUM");
    const [january, february] = [
      { start: at(-120), end: at(60) },
      { start: at(60), end: at(240) },
    ];
    const entry = (value: string, minutes: number, period: { start: Date; end: Date }) => ({
      alertId: "alrt_period_test",
      customerId,
      value: toDecimal(value),
      timestamp: at(minutes),
      seq: 1n,
      period,
    });
    const progress = (rows: Awaited<ReturnType<UsageStore["addToAlertProgress"]>>) =>
      rows.map((r) => r.partial?.sum.toFixed() ?? null);
    await app.database.transaction(async (tx) => {
      const store = usageStore(tx, scope);
      // New: only this batch's events, so incomplete until set from the period's usage.
      expect(progress(await store.addToAlertProgress([entry("5", 0, january)], new Date(0)))).toEqual([null]);
      const set = { alertId: "alrt_period_test", customerId, period: january };
      await store.setAlertProgress([
        { ...set, partial: { ...emptyPartial(), count: toDecimal("3"), sum: toDecimal("12") } },
      ]);
    });
    const store = usageStore(app.database.sql, scope);
    expect(progress(await store.addToAlertProgress([entry("2", 1, january)], new Date(0)))).toEqual(["14"]);
    // Another period: the row is left as it was, incomplete again.
    expect(progress(await store.addToAlertProgress([entry("4", 61, february)], new Date(0)))).toEqual([null]);
    expect(progress(await store.addToAlertProgress([entry("1", 2, january)], new Date(0)))).toEqual(["15"]);
  });

  it("shows a tenant none of another's usage or events", async () => {
    const { event, range } = await setup("COUNT");
    await record([event("1", at(0), "mine-only")], { onDuplicate: "fail", rows: false });
    for (const other of [
      { ...scope, mode: "live" as const },
      { accountId: "acct_other", mode: "test" as const },
    ]) {
      const store = usageStore(app.database.sql, other);
      expect((await store.usage(range, "COUNT")).toFixed()).toBe("0");
      expect(await store.eventByIdentifier("mine-only")).toBeNull();
    }
  });
});
