// The wall-clock billing cycle (docs/concepts/time-and-test-clocks.md#period-ends, docs/concepts/subscriptions.md): the scheduler closes ended periods of customers
// without a test clock, catches up after downtime in order, runs every interval and at a period's
// end that comes sooner, stops cleanly, survives a broken subscription, and two workers on one
// database invoice each period once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { billingIntervalMs } from "../src/commands/serve.js";
import type { AppDeps } from "../src/context.js";
import { openDatabase } from "../src/db/client.js";
import {
  runBillingCycle,
  startBillingScheduler,
  type BillingScheduler,
} from "../src/services/billing-cycle/scheduler.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { onPostgres } from "./support/database.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";

let app: TestApp;
let b: Billing;
let scheduler: BillingScheduler | null = null;

const numberOf = (invoice: Obj) => Number(invoice.number.slice(4));

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("billing scheduler", () => {
  // A fresh database per test: the cycle runs over every account, and each test counts what it closed.
  beforeEach(async () => {
    app = await createTestApp();
    b = billing(app);
    app.clock.set(new Date("2026-01-01T00:00:00Z"));
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = null;
    await app.close();
  });

  it("catches up at start after downtime: every missed period, in order, with its usage", async () => {
    const eventName = "wall_tokens";
    const meter = await b.meter(eventName);
    const usage = await b.metered(meter, { unitAmount: "0.1" });
    const license = await b.licensed("30");
    const customer = await b.customer();
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
    app.clock.set(new Date("2026-02-20T00:00:00Z"));
    await b.record({ eventName, customerId: customer, value: "70", timestamp: "2026-01-20T00:00:00Z" });
    await b.record({ eventName, customerId: customer, value: "10", timestamp: "2026-02-19T00:00:00Z" });

    // The server was down from Jan 1 to Apr 1: three period ends were missed.
    app.clock.set(new Date("2026-04-01T00:00:05Z"));
    scheduler = startBillingScheduler(app.deps, { intervalMs: 60_000 });
    await scheduler.runNow();

    const invoices = await b.invoices({ subscriptionId: sub.id });
    expect(invoices.map((i) => [i.billingReason, i.periodEnd.slice(0, 10), summary(i).total, i.createdAt])).toEqual([
      ["SUBSCRIPTION_CREATE", "2026-02-01", "30.00", "2026-01-01T00:00:00.000Z"],
      ["SUBSCRIPTION_CYCLE", "2026-02-01", "37.00", "2026-04-01T00:00:05.000Z"],
      ["SUBSCRIPTION_CYCLE", "2026-03-01", "31.00", "2026-04-01T00:00:05.000Z"],
      ["SUBSCRIPTION_CYCLE", "2026-04-01", "30.00", "2026-04-01T00:00:05.000Z"],
    ]);
    expect(invoices.map(numberOf)).toEqual([1, 2, 3, 4]);
    expect(await b.subscription(sub.id)).toMatchObject({
      currentPeriodStart: "2026-04-01T00:00:00.000Z",
      currentPeriodEnd: "2026-05-01T00:00:00.000Z",
    });
  });

  it("runs every interval and closes a period once now ≥ its end, not before", async () => {
    const license = await b.licensed("10");
    const customer = await b.customer();
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    scheduler = startBillingScheduler(app.deps, { intervalMs: 20 });
    app.clock.set(new Date("2026-01-31T23:59:59.999Z"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(1);
    app.clock.set(new Date("2026-02-01T00:00:00Z"));
    const invoices = await waitFor(async () => {
      const found = await b.invoices({ subscriptionId: sub.id });
      return found.length === 2 && found;
    });
    expect(invoices[1]).toMatchObject({
      billingReason: "SUBSCRIPTION_CYCLE",
      periodEnd: "2026-02-01T00:00:00.000Z",
      createdAt: "2026-02-01T00:00:00.000Z",
    });
  });

  it("runs at a period's end when it comes before the next interval, not an interval later", async () => {
    const license = await b.licensed("10");
    const customer = await b.customer();
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    app.clock.set(new Date("2026-01-31T23:59:59.700Z"));
    scheduler = startBillingScheduler(app.deps, { intervalMs: 60_000 });
    // Nothing is due yet; the run looks ahead and wakes the scheduler 300 ms later.
    expect(await scheduler.runNow()).toBe(0);
    app.clock.set(new Date("2026-02-01T00:00:00Z"));
    const invoices = await waitFor(async () => {
      const found = await b.invoices({ subscriptionId: sub.id });
      return found.length === 2 && found;
    }, 5_000);
    expect(invoices[1]).toMatchObject({ billingReason: "SUBSCRIPTION_CYCLE", createdAt: "2026-02-01T00:00:00.000Z" });
  });

  it("stops: no run after stop() resolves", async () => {
    const license = await b.licensed("10");
    const customer = await b.customer();
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: license }] });
    scheduler = startBillingScheduler(app.deps, { intervalMs: 20 });
    await scheduler.stop();
    app.clock.set(new Date("2026-06-01T00:00:00Z"));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await b.invoices({ subscriptionId: sub.id })).toHaveLength(1);
    expect(await scheduler.runNow()).toBe(0);
  });

  it("leaves test-clock customers to their clocks, and serves every account and mode with its own numbers", async () => {
    const license = await b.licensed("10");
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const clocked = await b.customer({ testClockId: clock });
    const onClock = await b.subscribe({ customerId: clocked, items: [{ priceId: license }] });
    const live = billing(app, app.account.liveSecretKey);
    const liveSub = await live.subscribe({
      customerId: await live.customer(),
      items: [{ priceId: await live.licensed("3") }],
    });
    const other = billing(app, (await app.createAccount()).testSecretKey);
    const otherSub = await other.subscribe({
      customerId: await other.customer(),
      items: [{ priceId: await other.licensed("4") }],
    });

    app.clock.set(new Date("2026-03-01T00:00:00Z"));
    expect(await runBillingCycle(app.deps)).toBe(4);
    expect(await b.invoices({ subscriptionId: onClock.id })).toHaveLength(1);
    expect((await live.invoices({ subscriptionId: liveSub.id })).map((i) => i.number)).toEqual([
      "INV-000001",
      "INV-000002",
      "INV-000003",
    ]);
    expect((await other.invoices({ subscriptionId: otherSub.id })).map((i) => i.number)).toEqual([
      "INV-000001",
      "INV-000002",
      "INV-000003",
    ]);
  });

  it("logs a subscription it cannot close and goes on with the others", async () => {
    const good = await b.licensed("10");
    const broken = await b.licensed("20");
    const customer = await b.customer();
    const ok = await b.subscribe({ customerId: customer, items: [{ priceId: good }] });
    const bad = await b.subscribe({ customerId: customer, items: [{ priceId: broken }] });
    await app.database.script(`UPDATE "Price" SET "unitAmount" = NULL WHERE id = '${broken}'`);
    app.clock.set(new Date("2026-03-01T00:00:00Z"));

    expect(await runBillingCycle(app.deps)).toBe(2);
    expect(await b.invoices({ subscriptionId: ok.id })).toHaveLength(3);
    expect(await b.invoices({ subscriptionId: bad.id })).toHaveLength(1);
    expect(app.logger.entries).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "could not close a billing period",
        detail: expect.objectContaining({ subscriptionId: bad.id }),
      }),
    );

    await app.database.script(`UPDATE "Price" SET "unitAmount" = 20 WHERE id = '${broken}'`);
    expect(await runBillingCycle(app.deps)).toBe(2);
    expect((await b.invoices({ subscriptionId: bad.id })).map((i) => i.periodEnd.slice(0, 10))).toEqual([
      "2026-02-01",
      "2026-02-01",
      "2026-03-01",
    ]);
  });

  it("two workers on one database invoice each period exactly once, numbered without gaps", async () => {
    const license = await b.licensed("1");
    const subs: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const customer = await b.customer({ name: `Customer ${i}` });
      subs.push((await b.subscribe({ customerId: customer, items: [{ priceId: license }] })).id);
    }
    app.clock.set(new Date("2026-04-15T00:00:00Z"));
    // On PostgreSQL the second worker is a second process in all but name: its own connection pool.
    const second = onPostgres ? await openDatabase(app.database.config) : app.database;
    const secondDeps: AppDeps = { ...app.deps, database: second };
    try {
      const closed = await Promise.all([
        runBillingCycle(app.deps),
        runBillingCycle(secondDeps),
        runBillingCycle(app.deps),
      ]);
      expect(closed.reduce((x, y) => x + y, 0)).toBe(12 * 3);
    } finally {
      if (second !== app.database) await second.close();
    }
    const invoices = await b.invoices();
    expect(invoices).toHaveLength(12 * 4);
    expect(invoices.map(numberOf).sort((x, y) => x - y)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    for (const id of subs) {
      const own = invoices.filter((i) => i.subscription?.id === id && i.billingReason === "SUBSCRIPTION_CYCLE");
      expect(own.map((i) => i.periodEnd.slice(0, 10))).toEqual(["2026-02-01", "2026-03-01", "2026-04-01"]);
    }
  });
});

describe("TALLY_BILLING_INTERVAL_SECONDS", () => {
  it("defaults to 30 s and accepts up to 60 s", () => {
    expect(billingIntervalMs({})).toBe(30_000);
    expect(billingIntervalMs({ TALLY_BILLING_INTERVAL_SECONDS: "5" })).toBe(5_000);
    expect(billingIntervalMs({ TALLY_BILLING_INTERVAL_SECONDS: "0.5" })).toBe(500);
    for (const bad of ["0", "61", "soon"])
      expect(() => billingIntervalMs({ TALLY_BILLING_INTERVAL_SECONDS: bad })).toThrow(
        /TALLY_BILLING_INTERVAL_SECONDS/,
      );
  });
});
