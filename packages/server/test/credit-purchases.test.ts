// Credit purchases (docs/concepts/credits.md#purchases) through the API: the CREDIT_PURCHASE invoice
// and its PAID grant (at once, or when paid), tax only when asked, voiding the unpaid invoice voids
// the grant, the Idempotency-Key header, validation with nothing stored, and tenancy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing } from "./support/billing.js";
import { credits, entries, type Credits } from "./support/credits.js";
import { spendCredits, type SpendCredits } from "./support/spend-credits.js";

let app: TestApp;
let b: Billing;
let c: Credits;
let s: SpendCredits;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  c = credits(app);
  s = spendCredits(app);
});
afterAll(() => app.close());

async function customer() {
  const clock = await b.clock("2026-03-01T00:00:00Z");
  return { clock, customer: await b.customer({ testClockId: clock }) };
}

describe("purchaseCredits", () => {
  it("finalizes an untaxed invoice with one CREDIT_PURCHASE line and grants PAID credits at once", async () => {
    const { customer: id } = await customer();
    const purchase = await s.purchase(id, "100", { grant: { name: "Top-up", priority: 10 } });
    expect(purchase.status).toBe("GRANTED");
    expect(purchase.invoice.status).toBe("OPEN");
    expect(purchase.invoice.number).toMatch(/^INV-/);
    expect(purchase.invoice.lines).toEqual([
      { kind: "CREDIT_PURCHASE", amount: { amount: "100.00", currency: "usd" } },
    ]);
    expect(purchase.invoice.total.amount).toBe("100.00");
    expect(purchase.grant).toMatchObject({ category: "PAID", priority: 10, name: "Top-up", voidedAt: null });
    expect(purchase.grant.remaining.amount).toBe("100.00");
    expect(await s.balance(id)).toMatchObject({ available: "100.00", held: "0.00", availableAfterHolds: "100.00" });
  });

  it("taxes the line only with the tax rates given; the grant is the amount bought", async () => {
    const { customer: id } = await customer();
    const rate = await app.gql(
      `mutation { createTaxRate(input: { displayName: "VAT", percentage: "20", inclusive: false }) { ... on TaxRate { id } } }`,
    );
    const purchase = await s.purchase(id, "50", { taxRateIds: [rate.data.createTaxRate.id] });
    expect(purchase.invoice.total.amount).toBe("60.00");
    expect(purchase.grant.remaining.amount).toBe("50.00");
  });

  it("with invoiceRequiresPayment, makes the grant when the invoice is paid", async () => {
    const { customer: id, clock } = await customer();
    const purchase = await s.purchase(id, "40", { invoiceRequiresPayment: true });
    expect(purchase.status).toBe("PENDING");
    expect(purchase.grant).toBeNull();
    expect(await s.balance(id)).toBeNull();
    await b.advance(clock, "2026-03-02T00:00:00Z");
    await s.pay(purchase.invoice.id);
    const [paid] = await s.purchases(id);
    expect(paid!.status).toBe("GRANTED");
    expect(paid!.grant.effectiveAt).toBe("2026-03-02T00:00:00.000Z");
    expect((await s.balance(id))!.available).toBe("40.00");
  });

  it("voiding the unpaid invoice voids the grant (or, not made yet, cancels it)", async () => {
    const { customer: id } = await customer();
    const now = await s.purchase(id, "30");
    const later = await s.purchase(id, "20", { invoiceRequiresPayment: true });
    await s.void(now.invoice.id);
    await s.void(later.invoice.id);
    const all = await s.purchases(id);
    const first = all.find((p) => p.id === now.id);
    const second = all.find((p) => p.id === later.id);
    expect(first!.status).toBe("VOID");
    expect(first!.grant.voidedAt).not.toBeNull();
    expect(second).toMatchObject({ status: "VOID", grant: null });
    expect(entries(await c.ledger(id))).toEqual(["GRANT 30.00", "VOID -30.00"]);
    expect((await s.balance(id))!.available).toBe("0.00");
  });

  it("a grant that used some credit before the void loses only what is left", async () => {
    const { customer: id } = await customer();
    const purchase = await s.purchase(id, "30");
    const hold = await s.hold(id, "12");
    expect((await s.tryCapture(hold.id, "10")).status).toBe("CAPTURED");
    await s.void(purchase.invoice.id);
    expect(entries(await c.ledger(id))).toEqual(["GRANT 30.00", "HOLD_CAPTURE -10.00", "VOID -20.00"]);
  });

  it("answers a retry with the same Idempotency-Key with the first purchase", async () => {
    const { customer: id } = await customer();
    const headers = { "idempotency-key": `purchase_${id}` };
    const input = { customerId: id, amount: "25", currency: "usd" };
    const [one, two] = await Promise.all(
      [s.tryPurchase(input, headers), s.tryPurchase(input, headers)].map((p) => p.catch((e) => e)),
    );
    const made = [one, two].filter((r) => r.__typename === "CreditPurchase");
    expect(made.length).toBeGreaterThanOrEqual(1);
    expect(new Set(made.map((r) => r.id)).size).toBe(1);
    expect(await s.purchases(id)).toHaveLength(1);
  });

  it("refuses bad input with a typed error and stores nothing", async () => {
    const { customer: id } = await customer();
    const bad = [
      [{ customerId: id, amount: "0", currency: "usd" }, "INVALID_INPUT", ["input", "amount"]],
      [{ customerId: id, amount: "1.001", currency: "usd" }, "INVALID_INPUT", ["input", "amount"]],
      [{ customerId: id, amount: "5", currency: "zzz" }, "INVALID_INPUT", ["input", "currency"]],
      [{ customerId: "cus_missing", amount: "5", currency: "usd" }, "NOT_FOUND", ["input", "customerId"]],
      [
        { customerId: id, amount: "5", currency: "usd", grant: { priority: 101 } },
        "INVALID_INPUT",
        ["input", "priority"],
      ],
      [
        { customerId: id, amount: "5", currency: "usd", grant: { expiresAt: "2026-02-01T00:00:00Z" } },
        "INVALID_INPUT",
        ["input", "grant", "expiresAt"],
      ],
      [
        { customerId: id, amount: "5", currency: "usd", taxRateIds: ["txr_missing"] },
        "NOT_FOUND",
        ["input", "taxRateIds", "0"],
      ],
    ] as const;
    for (const [input, code, field] of bad) {
      expect(await s.tryPurchase(input), JSON.stringify(input)).toMatchObject({ code, field });
    }
    expect(await s.purchases(id)).toEqual([]);
    expect(await b.invoices({ customerId: id })).toEqual([]);
  });

  it("another account's key sees none of it", async () => {
    const { customer: id } = await customer();
    await s.purchase(id, "10");
    const other = await app.createAccount();
    const theirs = spendCredits(app, other.testSecretKey);
    expect(await theirs.purchases(id)).toEqual([]);
    expect(await theirs.tryPurchase({ customerId: id, amount: "5", currency: "usd" })).toMatchObject({
      code: "NOT_FOUND",
    });
    // Live mode of the same account is another tenant too.
    expect(await spendCredits(app, app.account.liveSecretKey).purchases(id)).toEqual([]);
  });
});
