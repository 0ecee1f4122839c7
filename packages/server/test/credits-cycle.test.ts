// Billing credits in the billing cycle: the wall-clock scheduler expires grants in time order with
// the periods it closes (and recharges a balance an expiry alone took to its threshold), and the ledger invariant (granted = remaining + applied + expired +
// voided, nothing negative) holds while invoices finalize as grants are created and voided in
// parallel (on PostgreSQL these requests really run at once).
import { Decimal, sum } from "@tally/billing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBillingCycle } from "../src/services/billing-cycle/scheduler.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { credits, entries, type Credits } from "./support/credits.js";
import { spendCredits } from "./support/spend-credits.js";

let app: TestApp;
let b: Billing;
let c: Credits;
// A fresh database per test: the scheduler runs over every account.
beforeEach(async () => {
  app = await createTestApp();
  b = billing(app);
  c = credits(app);
});
afterEach(() => app.close());

const dec = (amount: string) => new Decimal(amount);
const total = (rows: Obj[]) => sum(rows.map((row) => dec(row.amount.amount)));

describe("expiry by the wall-clock scheduler", () => {
  it("after downtime, applies a grant to the period ends before its expiry, then expires the rest, in time order", async () => {
    app.clock.set(new Date("2026-01-01T00:00:00Z"));
    const eventName = "wall_units";
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const customer = await b.customer();
    await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
    const grant = await c.grant(customer, "50", { expiresAt: "2026-02-15T00:00:00Z" });
    app.clock.set(new Date("2026-01-20T00:00:00Z"));
    await b.record({ eventName, customerId: customer, value: "30" });

    // Down until Mar 1: the Feb 1 period end, the Feb 15 expiry and the Mar 1 period end are due.
    app.clock.set(new Date("2026-03-01T00:00:05Z"));
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "0.00", projectedAvailable: "0.00" }]);
    expect(await runBillingCycle(app.deps)).toBe(2);

    // Metered only: no invoice at creation, one per period end.
    const [february, march] = await b.invoices({ customerId: customer });
    expect(february).toMatchObject({
      periodEnd: "2026-02-01T00:00:00.000Z",
      creditsApplied: { amount: "30.00" },
      total: { amount: "0.00" },
    });
    expect(march).toMatchObject({ periodEnd: "2026-03-01T00:00:00.000Z", creditsApplied: { amount: "0.00" } });
    const ledger = await c.ledger(customer);
    expect(entries(ledger)).toEqual(["GRANT 50.00", "APPLICATION -30.00", "EXPIRY -20.00"]);
    expect(ledger[2]).toMatchObject({ effectiveAt: "2026-02-15T00:00:00.000Z", createdAt: "2026-03-01T00:00:05.000Z" });
    expect((await c.grants(customer))[0]).toMatchObject({
      id: grant.id,
      remaining: { amount: "0.00" },
      expiredAt: "2026-02-15T00:00:00.000Z",
    });

    // A second run finds nothing left to do.
    expect(await runBillingCycle(app.deps)).toBe(0);
    expect(await c.ledger(customer)).toHaveLength(3);
  });

  it("recharges in the run that expires a grant, when the expiry alone takes the balance to the threshold", async () => {
    app.clock.set(new Date("2026-01-01T00:00:00Z"));
    const customer = await b.customer();
    await c.grant(customer, "4");
    await c.grant(customer, "10", { expiresAt: "2026-01-10T00:00:00Z" });
    const set = await spendCredits(app).trySetAutoRecharge(customer, {
      currency: "usd",
      thresholdAmount: "5",
      rechargeToAmount: "20",
      monthlyLimit: 2,
    });
    expect(set.__typename).toBe("Customer");
    app.clock.set(new Date("2026-01-10T00:00:00Z"));
    await runBillingCycle(app.deps);
    // 14 − 10 expired = 4, at or below 5: topped up to 20 by a recharge of 16 in the same run.
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 4.00", "GRANT 10.00", "EXPIRY -10.00", "GRANT 16.00"]);
  });

  it("expires the grants of a customer without subscriptions once their time has come, not before", async () => {
    app.clock.set(new Date("2026-01-01T00:00:00Z"));
    const customer = await b.customer();
    await c.grant(customer, "10", { expiresAt: "2026-01-10T00:00:00Z" });
    app.clock.set(new Date("2026-01-09T23:59:59.999Z"));
    await runBillingCycle(app.deps);
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 10.00"]);
    app.clock.set(new Date("2026-01-10T00:00:00Z"));
    await runBillingCycle(app.deps);
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 10.00", "EXPIRY -10.00"]);
  });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 20 grants created while invoices are being made, of various amounts, categories and priorities
 * (every fifth expiring Mar 15: refused once the clock has passed it), two in three voided soon after.
 */
function grantChurn(customers: string[]): Promise<void>[] {
  return Array.from({ length: 20 }, async (_, i) => {
    await pause(i * 15);
    const result = await c.tryGrant({
      customerId: customers[i % customers.length],
      amount: { amount: `${3 + i}.25`, currency: "usd" },
      category: i % 2 === 0 ? "PROMOTIONAL" : "PAID",
      scope: { allMeteredPrices: true },
      priority: (i % 4) * 10,
      ...(i % 5 === 0 ? { expiresAt: "2026-03-15T00:00:00Z" } : {}),
    });
    expect(["CreditGrant", "InvalidInputError"]).toContain(result.__typename);
    if (result.__typename === "CreditGrant" && i % 3 !== 0) {
      await pause(20);
      // Voided, or expired first: either way nothing is left of it.
      expect(["CreditGrant", "InvalidInputError"]).toContain((await c.tryVoid(result.id)).__typename);
    }
  });
}

/** Voids every grant, one every 12 ms, while invoices are being made. */
function voidAll(grants: Obj[]): Promise<void>[] {
  return grants.map(async (grant, i) => {
    await pause(i * 12);
    expect((await c.tryVoid(grant.id)).__typename).toBe("CreditGrant");
  });
}

/**
 * Per grant and per customer: granted = remaining + applied + expired + voided, no balance below
 * zero, a voided or expired grant has nothing left, every invoice's creditsApplied is exactly its
 * APPLICATION rows and its total is not negative.
 */
async function expectLedgerInvariant(customers: string[]): Promise<void> {
  const grants = await c.grants();
  const ledger = await c.ledger();
  for (const grant of grants) {
    const rows = ledger.filter((entry) => entry.grant.id === grant.id);
    const remaining = dec(grant.remaining.amount);
    expect(remaining.greaterThanOrEqualTo(0)).toBe(true);
    expect(rows.filter((row) => row.type === "GRANT").map((row) => row.amount.amount)).toEqual([grant.amount.amount]);
    expect(total(rows).toFixed(2)).toBe(remaining.toFixed(2));
    if (grant.voidedAt !== null || grant.expiredAt !== null) expect(grant.remaining.amount).toBe("0.00");
    expect(rows.filter((row) => row.type === "VOID" || row.type === "EXPIRY").length).toBeLessThanOrEqual(1);
  }
  for (const customerId of customers) {
    const own = ledger.filter(
      (entry) => grants.find((grant) => grant.id === entry.grant.id)!.customer.id === customerId,
    );
    const granted = total(own.filter((row) => row.type === "GRANT"));
    const taken = total(own.filter((row) => row.type !== "GRANT")).negated();
    const left = sum(
      grants.filter((grant) => grant.customer.id === customerId).map((grant) => dec(grant.remaining.amount)),
    );
    expect(granted.toFixed(2)).toBe(left.plus(taken).toFixed(2));
    for (const invoice of await b.invoices({ customerId })) {
      const applied = total(
        own.filter((row) => row.type === "APPLICATION" && row.invoice?.id === invoice.id),
      ).negated();
      expect(invoice.creditsApplied.amount).toBe(applied.toFixed(2));
      expect(dec(invoice.total.amount).greaterThanOrEqualTo(0)).toBe(true);
    }
  }
  // The run exercised it: invoices drew on grants, and grants were voided.
  expect(ledger.some((row) => row.type === "APPLICATION")).toBe(true);
  expect(ledger.some((row) => row.type === "VOID")).toBe(true);
}

describe("the ledger invariant under concurrency", () => {
  it("holds while grants are created and voided in parallel with test-clock advances that finalize invoices", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const eventName = "busy_units";
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const customers = await Promise.all(Array.from({ length: 6 }, () => b.customer({ testClockId: clock })));
    await Promise.all(customers.map((customerId) => b.subscribe({ customerId, items: [{ priceId: price }] })));
    const early = await Promise.all(
      customers.flatMap((customerId) => ["4", "5", "6", "7"].map((amount) => c.grant(customerId, amount))),
    );

    const advances = (async () => {
      for (const month of ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"]) {
        await Promise.all(customers.map((customerId) => b.record({ eventName, customerId, value: "9" })));
        await b.advance(clock, `${month}T00:00:00Z`);
      }
    })();
    await Promise.all([advances, ...voidAll(early), ...grantChurn(customers)]);
    await expectLedgerInvariant(customers);
    // Each advance closes its periods one per transaction, with the churn's requests in between.
  }, 120_000);

  it("holds while grants are created and voided in parallel with two scheduler workers closing months of periods", async () => {
    app.clock.set(new Date("2026-01-01T00:00:00Z"));
    const eventName = "wall_busy_units";
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const customers = await Promise.all(Array.from({ length: 6 }, () => b.customer()));
    await Promise.all(customers.map((customerId) => b.subscribe({ customerId, items: [{ priceId: price }] })));
    const early = await Promise.all(
      customers.flatMap((customerId) => ["4", "5", "6", "7"].map((amount) => c.grant(customerId, amount))),
    );
    // Usage every month while the scheduler is down, then it catches up on 5 period ends each.
    for (const month of ["01", "02", "03", "04", "05"]) {
      app.clock.set(new Date(`2026-${month}-15T00:00:00Z`));
      await Promise.all(customers.map((customerId) => b.record({ eventName, customerId, value: "9" })));
    }
    app.clock.set(new Date("2026-06-01T00:00:00Z"));

    const workers = [runBillingCycle(app.deps), runBillingCycle(app.deps)];
    const [closed] = await Promise.all([Promise.all(workers), ...voidAll(early), ...grantChurn(customers)]);
    // Every period end was invoiced once, and no transaction failed.
    expect(closed.reduce((all, one) => all + one, 0)).toBe(30);
    expect(app.logger.entries.filter((entry) => entry.level === "error")).toEqual([]);
    await expectLedgerInvariant(customers);
  });
});
