// Auto-recharge (docs/concepts/credits.md#auto-recharge) through the API: the settings and their
// validation, one recharge per crossing (also under concurrent ingest), none while one waits for
// payment, the monthly limit (a test-clock scenario: a prepaid customer buys credits, uses them, is
// recharged twice, hits the monthly limit, and is recharged by the advance into the next month), the watch cache
// for customers without one, and tenancy. The crossings are also run for a capped customer, whose
// ingest pre-checks the balance from the cap's previews before the locked decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caches, tenantKey } from "../src/caches.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { spendCredits, type SpendCredits } from "./support/spend-credits.js";

let app: TestApp;
let b: Billing;
let s: SpendCredits;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  s = spendCredits(app);
});
afterAll(() => app.close());

/**
 * A test-clock customer at Mar 1 on a 1.00-per-unit metered price, with `credits` bought; `capped`:
 * with a spend cap out of reach, so that ingest's pre-check decides whether a recharge may be due.
 */
async function prepaid(credits: string, capped = false) {
  const clock = await b.clock("2026-03-01T00:00:00Z");
  const eventName = `units_${Math.random().toString(36).slice(2, 8)}`;
  const meter = await b.meter(eventName);
  const price = await b.metered(meter, { unitAmount: "1" });
  const customer = await b.customer({ testClockId: clock });
  await b.subscribe({
    customerId: customer,
    items: [{ priceId: price }],
    ...(capped ? { spendCap: { amount: "100000", behavior: "BLOCK_EVENTS" } } : {}),
  });
  await s.purchase(customer, credits);
  let n = 0;
  const record = (value: string, timestamp: string) =>
    b.record({ eventName, customerId: customer, value, timestamp, identifier: `e${(n += 1)}_${eventName}` });
  return { clock, customer, eventName, record };
}

/** The customer's recharges in the order they were made (their invoices' gap-free numbers). */
const recharges = async (customer: string) =>
  (await s.purchases(customer))
    .filter((purchase) => purchase.autoRecharge)
    .sort((x, y) => x.invoice.number.localeCompare(y.invoice.number));
const rechargedEvents = async (customer: string) =>
  (await s.events("billing.credit_balance.recharged")).filter((event: Obj) => event.data.customerId === customer);

describe("auto-recharge", () => {
  it("is set, shown on the customer and removed; bad settings are refused and nothing is stored", async () => {
    const { customer } = await prepaid("10");
    const set = await s.trySetAutoRecharge(customer, {
      currency: "USD",
      thresholdAmount: "20",
      rechargeToAmount: "100",
      monthlyLimit: 3,
      grant: { name: "Auto top-up", priority: 5, expiresInDays: 30 },
    });
    expect(set.creditAutoRecharge).toEqual({
      currency: "usd",
      thresholdAmount: "20.00",
      rechargeToAmount: "100.00",
      fixedAmount: null,
      monthlyLimit: 3,
      grantName: "Auto top-up",
      grantPriority: 5,
      grantExpiresInDays: 30,
      invoiceRequiresPayment: false,
    });
    const bad: Array<[Obj, string[]]> = [
      [
        { currency: "usd", thresholdAmount: "20", rechargeToAmount: "100", fixedAmount: "5", monthlyLimit: 1 },
        ["input", "autoRecharge", "rechargeToAmount"],
      ],
      [
        { currency: "usd", thresholdAmount: "20", rechargeToAmount: "20", monthlyLimit: 1 },
        ["input", "autoRecharge", "rechargeToAmount"],
      ],
      [
        { currency: "usd", thresholdAmount: "20", fixedAmount: "5", monthlyLimit: 0 },
        ["input", "autoRecharge", "monthlyLimit"],
      ],
      [
        { currency: "usd", thresholdAmount: "-1", fixedAmount: "5", monthlyLimit: 1 },
        ["input", "autoRecharge", "thresholdAmount"],
      ],
      [
        { currency: "xxx", thresholdAmount: "1", fixedAmount: "5", monthlyLimit: 1 },
        ["input", "autoRecharge", "currency"],
      ],
    ];
    for (const [settings, field] of bad) {
      expect(await s.trySetAutoRecharge(customer, settings), JSON.stringify(settings)).toMatchObject({
        code: "INVALID_INPUT",
        field,
      });
    }
    // The 10.00 bought is below the threshold, but setting it recharges nothing: a request that uses credit does.
    expect(await recharges(customer)).toEqual([]);
    expect((await s.trySetAutoRecharge(customer, null)).creditAutoRecharge).toBeNull();
    const other = await app.createAccount();
    expect(await spendCredits(app, other.testSecretKey).trySetAutoRecharge(customer, null)).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it.each([false, true])(
    "a prepaid customer buys credits, uses them, is recharged twice, hits the monthly limit, and is recharged at the next month's period close (capped: %s)",
    async (capped) => {
      const { clock, customer, record } = await prepaid("100", capped);
      await s.trySetAutoRecharge(customer, {
        currency: "usd",
        thresholdAmount: "20",
        rechargeToAmount: "100",
        monthlyLimit: 2,
      });
      await b.advance(clock, "2026-03-02T00:00:00Z");
      await record("70", "2026-03-01T12:00:00Z");
      expect(await recharges(customer)).toEqual([]);
      expect((await s.balance(customer))!.availableAfterHolds).toBe("30.00");
      // 85 used of 100: 15 available, at or below 20 — topped up to 100.
      await record("15", "2026-03-01T13:00:00Z");
      let made = await recharges(customer);
      expect(made.map((p) => p.amount.amount)).toEqual(["85.00"]);
      expect(made[0]!.invoice.lines).toEqual([
        { kind: "CREDIT_PURCHASE", amount: { amount: "85.00", currency: "usd" } },
      ]);
      expect((await s.balance(customer))!.availableAfterHolds).toBe("100.00");
      await record("90", "2026-03-01T14:00:00Z");
      made = await recharges(customer);
      expect(made.map((p) => p.amount.amount)).toEqual(["85.00", "90.00"]);
      // The month's limit (2) is reached: no third recharge in March.
      await record("95", "2026-03-01T15:00:00Z");
      expect(await recharges(customer)).toHaveLength(2);
      expect((await s.balance(customer))!.availableAfterHolds).toBe("5.00");
      const events = await rechargedEvents(customer);
      expect(events.map((e: Obj) => e.data.amount).sort()).toEqual(["85", "90"]);
      // April: the advance closes March (credits pay its 270.00 of usage) and, a new month, recharges in that request.
      await b.advance(clock, "2026-04-01T00:00:10Z");
      made = await recharges(customer);
      expect(made.map((p) => p.amount.amount)).toEqual(["85.00", "90.00", "95.00"]);
      expect(await s.balance(customer)).toMatchObject({ available: "100.00", availableAfterHolds: "100.00" });
      await record("1", "2026-04-01T00:00:05Z");
      expect(await recharges(customer)).toHaveLength(3);
      expect((await s.balance(customer))!.availableAfterHolds).toBe("99.00");
    },
  );

  it.each([false, true])(
    "makes exactly one recharge per crossing under concurrent ingest and holds (capped: %s)",
    async (capped) => {
      const { clock, customer, eventName } = await prepaid("100", capped);
      await s.trySetAutoRecharge(customer, {
        currency: "usd",
        thresholdAmount: "50",
        fixedAmount: "100",
        monthlyLimit: 10,
      });
      await b.advance(clock, "2026-03-02T00:00:00Z");
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          b.record({
            eventName,
            customerId: customer,
            value: "3",
            timestamp: "2026-03-01T12:00:00Z",
            identifier: `c${i}_${eventName}`,
          }),
        ),
        ...Array.from({ length: 5 }, () => s.hold(customer, "1")),
      ]);
      expect((await recharges(customer)).map((p) => p.amount.amount)).toEqual(["100.00"]);
      expect(await rechargedEvents(customer)).toHaveLength(1);
      expect((await s.balance(customer))!.availableAfterHolds).toBe("135.00");
    },
  );

  it("never has two in flight: with invoiceRequiresPayment, the next waits until the invoice is paid", async () => {
    const { clock, customer, record } = await prepaid("10");
    await s.trySetAutoRecharge(customer, {
      currency: "usd",
      thresholdAmount: "50",
      fixedAmount: "20",
      monthlyLimit: 10,
      invoiceRequiresPayment: true,
    });
    await b.advance(clock, "2026-03-02T00:00:00Z");
    await record("1", "2026-03-01T12:00:00Z");
    await record("1", "2026-03-01T12:01:00Z");
    const [pending, ...rest] = await recharges(customer);
    expect(rest).toEqual([]);
    expect(pending).toMatchObject({ status: "PENDING", grant: null });
    await s.pay(pending!.invoice.id);
    await record("1", "2026-03-01T12:02:00Z");
    expect((await recharges(customer)).map((p) => p.status)).toEqual(["GRANTED", "PENDING"]);
  });

  it("costs ingest of a customer without one no lookup after the first (the watch cache)", async () => {
    const { clock, customer, record } = await prepaid("10");
    await b.advance(clock, "2026-03-02T00:00:00Z");
    await record("1", "2026-03-01T12:00:00Z");
    expect(
      caches.creditRechargeWatch.get(tenantKey({ accountId: app.account.account.id, mode: "test" }, customer)),
    ).toBeNull();
    await s.trySetAutoRecharge(customer, {
      currency: "usd",
      thresholdAmount: "50",
      fixedAmount: "20",
      monthlyLimit: 1,
    });
    // Setting it forgets the watch, so the next event recharges.
    await record("1", "2026-03-01T12:01:00Z");
    expect(await recharges(customer)).toHaveLength(1);
  });
});
