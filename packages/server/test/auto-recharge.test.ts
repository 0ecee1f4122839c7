// Auto-recharge (docs/concepts/credits.md#auto-recharge) through the API: the settings and their
// validation, one recharge per crossing (also under concurrent ingest), none while one waits for
// payment (the monthly limit is in spend-scenarios.test.ts's prepaid scenario), a grant's void or
// expiry alone crossing (alert and recharge in that request), the watch cache
// for customers without one, and tenancy. The concurrent crossings are also run for a capped
// customer, whose ingest pre-checks the balance from the cap's previews before the locked decision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caches, tenantKey } from "../src/caches.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { credits } from "./support/credits.js";
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

/** A test-clock customer at Mar 1 on a 1.00-per-unit metered price, with `credits` bought. */
async function prepaid(credits: string, capped = false) {
  const clock = await b.clock("2026-03-01T00:00:00Z");
  const eventName = `units_${Math.random().toString(36).slice(2, 8)}`;
  const meter = await b.meter(eventName);
  const price = await b.metered(meter, { unitAmount: "1" });
  const customer = await b.customer({ testClockId: clock });
  await b.subscribe({
    customerId: customer,
    items: [{ priceId: price }],
    // A spend cap out of reach: ingest's pre-check decides whether a recharge may be due.
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

  it("a grant's void alone fires a CREDIT_BALANCE alert in that request; a test clock's expiry alone recharges in the advance", async () => {
    const { clock, customer, eventName } = await prepaid("10");
    const c = credits(app);
    const voided = await c.grant(customer, "30");
    await c.grant(customer, "40", { expiresAt: "2026-03-10T00:00:00Z" }); // 80.00 available
    const meter = (await app.gql(`query { meters(first: 100) { edges { node { id eventName } } } }`)).data.meters.edges
      .map((e: Obj) => e.node)
      .find((m: Obj) => m.eventName === eventName).id;
    const { triggers } = await s.balanceAlert(customer, meter, "50");
    await s.trySetAutoRecharge(customer, {
      currency: "usd",
      thresholdAmount: "15",
      rechargeToAmount: "100",
      monthlyLimit: 5,
    });
    expect(await triggers()).toEqual([]);
    // 80 − 30 = 50: at the alert's threshold, in the void's request; above the recharge's 15.
    expect((await c.tryVoid(voided.id)).__typename).toBe("CreditGrant");
    expect((await triggers()).map((t) => t.value)).toEqual(["50"]);
    expect(await recharges(customer)).toEqual([]);
    // Mar 10: the 40.00 grant expires in the advance, leaving 10.00 — recharged to 100.00 in that request.
    await b.advance(clock, "2026-03-11T00:00:00Z");
    expect((await recharges(customer)).map((p) => p.amount.amount)).toEqual(["90.00"]);
    expect((await s.balance(customer))!.availableAfterHolds).toBe("100.00");
    expect(await triggers()).toHaveLength(1);
  });

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
