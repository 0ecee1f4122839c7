// Credit holds (docs/concepts/credits.md#holds) through the API: reserve or INSUFFICIENT_CREDIT,
// the idempotency key, capture (HOLD_CAPTURE ledger rows, a CREDIT_HOLD_CAPTURE line on the next
// invoice) and release, expiry on read, the available
// balance with the current usage the credits cover, 200 concurrent holds never over-reserving, a
// property test of random interleavings balancing the ledger to the cent, and tenancy.
import { Decimal } from "@tally/billing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
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

async function funded(amount: string) {
  const clock = await b.clock("2026-03-01T00:00:00Z");
  const customer = await b.customer({ testClockId: clock });
  if (amount !== "0") await s.purchase(customer, amount);
  return { clock, customer };
}

/** Every grant's remaining equals the sum of its ledger rows, and captures match the HOLD_CAPTURE rows. */
async function expectLedgerBalanced(customer: string) {
  const ledger = await c.ledger(customer);
  const grants = await c.grants(customer);
  for (const grant of grants) {
    const rows = ledger.filter((row) => row.grant.id === grant.id);
    const total = rows.reduce((t, row) => t.plus(row.amount.amount), new Decimal(0));
    expect(total.toFixed(2), grant.id).toBe(grant.remaining.amount);
  }
  const holds = await s.holds(customer);
  const captured = holds.reduce((t, h) => t.plus(h.capturedAmount.amount), new Decimal(0));
  const charged = ledger
    .filter((row) => row.type === "HOLD_CAPTURE")
    .reduce((t, row) => t.minus(row.amount.amount), new Decimal(0));
  expect(charged.toFixed(2)).toBe(captured.toFixed(2));
  return { ledger, grants, holds };
}

describe("credit holds", () => {
  it("reserve available credit, or fail INSUFFICIENT_CREDIT storing nothing", async () => {
    const { customer } = await funded("50");
    const hold = await s.hold(customer, "30", { expiresIn: 600 });
    expect(hold).toMatchObject({ status: "ACTIVE", amount: { amount: "30.00" }, closedAt: null });
    expect(hold.expiresAt).toBe("2026-03-01T00:10:00.000Z");
    expect(await s.balance(customer)).toMatchObject({
      available: "50.00",
      held: "30.00",
      availableAfterHolds: "20.00",
    });
    expect(
      await s.tryHold({ customerId: customer, amount: "20.01", currency: "usd", idempotencyKey: "too-much" }),
    ).toMatchObject({
      code: "INSUFFICIENT_CREDIT",
      field: ["input", "amount"],
    });
    expect(await s.holds(customer)).toHaveLength(1);
    expect(
      await s.tryHold({ customerId: customer, amount: "1", currency: "eur", idempotencyKey: "eur" }),
    ).toMatchObject({
      code: "INSUFFICIENT_CREDIT",
    });
  });

  it("answer a retry with the same idempotencyKey with the same hold; other parameters are IDEMPOTENCY_KEY_REUSED", async () => {
    const { customer } = await funded("50");
    const input = { customerId: customer, amount: "10", currency: "usd", idempotencyKey: "job-1" };
    const [one, two] = await Promise.all([s.tryHold(input), s.tryHold(input)]);
    expect(one.id).toBe(two.id);
    expect(await s.tryHold({ ...input, amount: "11" })).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect((await s.balance(customer))!.held).toBe("10.00");
  });

  it("capture charges the captured part against the grants and releases the rest", async () => {
    const { customer } = await funded("50");
    await c.grant(customer, "5", { priority: 0 });
    const hold = await s.hold(customer, "20");
    const captured = await s.tryCapture(hold.id, "7.5");
    expect(captured).toMatchObject({ status: "CAPTURED", capturedAmount: { amount: "7.50" } });
    expect(captured.closedAt).not.toBeNull();
    expect(await s.balance(customer)).toMatchObject({ available: "47.50", held: "0.00", availableAfterHolds: "47.50" });
    // The priority-0 promotional grant pays first (docs/concepts/credits.md#credit-ordering).
    const { ledger } = await expectLedgerBalanced(customer);
    expect(entries(ledger.filter((row) => row.type === "HOLD_CAPTURE"))).toEqual([
      "HOLD_CAPTURE -5.00",
      "HOLD_CAPTURE -2.50",
    ]);
    expect(await s.tryCapture(hold.id, "1")).toMatchObject({ code: "CREDIT_HOLD_NOT_ACTIVE" });
  });

  it("refuse a capture above the held amount; capture without an amount takes it all", async () => {
    const { customer } = await funded("50");
    const hold = await s.hold(customer, "10");
    expect(await s.tryCapture(hold.id, "10.01")).toMatchObject({ code: "INVALID_INPUT", field: ["input", "amount"] });
    expect(await s.tryCapture(hold.id)).toMatchObject({ status: "CAPTURED", capturedAmount: { amount: "10.00" } });
    expect((await s.balance(customer))!.available).toBe("40.00");
  });

  it("release gives it all back; a released hold cannot be captured", async () => {
    const { customer } = await funded("50");
    const hold = await s.hold(customer, "50");
    expect(await s.tryRelease(hold.id)).toMatchObject({ status: "RELEASED", capturedAmount: { amount: "0.00" } });
    expect((await s.balance(customer))!.availableAfterHolds).toBe("50.00");
    expect(await s.tryCapture(hold.id)).toMatchObject({ code: "CREDIT_HOLD_NOT_ACTIVE" });
    expect(await s.tryRelease("chold_missing")).toMatchObject({ code: "NOT_FOUND" });
  });

  it("expire by themselves at expiresAt (in the customer's time)", async () => {
    const { customer, clock } = await funded("50");
    const hold = await s.hold(customer, "40", { expiresIn: 60 });
    await b.advance(clock, "2026-03-01T00:01:00Z");
    expect((await s.balance(customer))!.availableAfterHolds).toBe("50.00");
    const [listed] = await s.holds(customer);
    expect(listed).toMatchObject({ id: hold.id, status: "EXPIRED", closedAt: "2026-03-01T00:01:00.000Z" });
    expect(await s.tryCapture(hold.id)).toMatchObject({ code: "CREDIT_HOLD_NOT_ACTIVE" });
    for (const expiresIn of [0, 86_401]) {
      expect(
        await s.tryHold({
          customerId: customer,
          amount: "1",
          currency: "usd",
          idempotencyKey: `e${expiresIn}`,
          expiresIn,
        }),
      ).toMatchObject({ code: "INVALID_INPUT", field: ["input", "expiresIn"] });
    }
  });

  it("count the current usage the credits would pay (read-your-writes)", async () => {
    const { customer, clock } = await funded("50");
    const eventName = `units_${Math.random().toString(36).slice(2, 8)}`;
    const meter = await b.meter(eventName);
    const price = await b.metered(meter, { unitAmount: "1" });
    await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
    await b.advance(clock, "2026-03-01T01:00:00Z");
    await b.record({ eventName, customerId: customer, value: "30", timestamp: "2026-03-01T00:30:00Z" });
    expect(await s.balance(customer)).toMatchObject({
      available: "50.00",
      projectedAvailable: "20.00",
      availableAfterHolds: "20.00",
    });
    expect(
      await s.tryHold({ customerId: customer, amount: "20.01", currency: "usd", idempotencyKey: "u" }),
    ).toMatchObject({
      code: "INSUFFICIENT_CREDIT",
    });
    await s.hold(customer, "20");
  });

  it("a hold that takes the available balance to a CREDIT_BALANCE alert's threshold fires it once, in that request", async () => {
    const { customer } = await funded("100");
    const meter = await b.meter(`hold_alert_${Math.random().toString(36).slice(2, 8)}`);
    await b.subscribe({ customerId: customer, items: [{ priceId: await b.metered(meter, { unitAmount: "1" }) }] });
    const { id: alertId, triggers } = await s.balanceAlert(customer, meter, "30");
    await s.hold(customer, "60"); // 40 available
    expect(await triggers()).toEqual([]);
    // Concurrent holds cross it together: one trigger, at a value at or under the threshold.
    await Promise.all(["5", "6", "7", "8"].map((amount) => s.hold(customer, amount)));
    const fired = await triggers();
    expect(fired).toHaveLength(1);
    expect(Number(fired[0]!.value)).toBeLessThanOrEqual(30);
    await s.hold(customer, "1");
    expect(await triggers()).toHaveLength(1);
    const events = (await s.events("billing.alert.triggered")).filter((e: Obj) => e.data.alert.id === alertId);
    expect(events).toHaveLength(1);
  });

  it("a captured hold is a line of the customer's next invoice, already paid by the credits it was charged to", async () => {
    const { clock, customer } = await funded("100");
    const eventName = `hold_line_${Math.random().toString(36).slice(2, 8)}`;
    const price = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    const subscription = (await b.subscribe({ customerId: customer, items: [{ priceId: price }] })).id as string;
    const hold = await s.hold(customer, "30");
    expect((await s.tryCapture(hold.id as string, "12.5")).capturedAmount.amount).toBe("12.50");
    await b.record({ eventName, customerId: customer, value: "90", timestamp: "2026-03-01T00:00:00Z" });
    // The grant has 87.50 left after the capture: it pays 87.50 of the 90.00 of usage; the
    // capture's 12.50 is shown as paid already, so 2.50 is due — not 15.00, and the grant is not drawn twice.
    const preview = (await b.preview(subscription))!;
    expect(preview.lines.map((l) => `${l.kind} ${l.amount.amount}`)).toEqual([
      "CREDIT_HOLD_CAPTURE 12.50",
      "USAGE 90.00",
    ]);
    expect([preview.creditsApplied.amount, preview.total.amount]).toEqual(["100.00", "2.50"]);
    await b.advance(clock, "2026-04-01T00:00:00Z");
    const [march] = await b.invoices({ subscriptionId: subscription });
    expect(march!.lines.map((l) => `${l.kind} ${l.amount.amount}`)).toEqual([
      "CREDIT_HOLD_CAPTURE 12.50",
      "USAGE 90.00",
    ]);
    expect([march!.subtotal.amount, march!.creditsApplied.amount, march!.amountDue.amount]).toEqual([
      "102.50",
      "100.00",
      "2.50",
    ]);
    const { ledger, grants } = await expectLedgerBalanced(customer);
    expect(entries(ledger)).toEqual(["GRANT 100.00", "HOLD_CAPTURE -12.50", "APPLICATION -87.50"]);
    expect(grants[0]!.remaining.amount).toBe("0.00");
    // Claimed once: April's invoice has no capture line.
    await b.record({ eventName, customerId: customer, value: "1" });
    await b.advance(clock, "2026-05-01T00:00:00Z");
    const april = (await b.invoices({ subscriptionId: subscription }))[1]!;
    expect(april.lines.map((l) => l.kind)).toEqual(["USAGE"]);
  });

  it("200 concurrent holds on one balance never over-reserve", async () => {
    const { customer } = await funded("50");
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        s.tryHold({ customerId: customer, amount: "1", currency: "usd", idempotencyKey: `c${i}` }),
      ),
    );
    const made = results.filter((r) => r.__typename === "CreditHold");
    expect(made).toHaveLength(50);
    expect(results.filter((r) => r.code === "INSUFFICIENT_CREDIT")).toHaveLength(150);
    expect(await s.balance(customer)).toMatchObject({ held: "50.00", availableAfterHolds: "0.00" });
  });

  it("random interleavings of holds, captures, releases, purchases and voids balance the ledger to the cent", async () => {
    type Op =
      | { kind: "hold"; cents: number }
      | { kind: "capture"; pick: number; cents: number }
      | { kind: "release"; pick: number }
      | { kind: "purchase"; cents: number }
      | { kind: "void"; pick: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant("hold" as const), cents: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ kind: fc.constant("capture" as const), pick: fc.nat(), cents: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("purchase" as const), cents: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant("void" as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        async (rounds) => {
          const { customer } = await funded("100");
          const holdIds: string[] = [];
          const invoiceIds: string[] = (await s.purchases(customer)).map((p) => p.invoice.id);
          const money = (cents: number) => new Decimal(cents).div(100).toFixed(2);
          for (const round of rounds) {
            // Each round's operations run at once.
            await Promise.all(
              round.map(async (o: Op): Promise<unknown> => {
                if (o.kind === "hold") {
                  const r = await s.tryHold({
                    customerId: customer,
                    amount: money(o.cents),
                    currency: "usd",
                    idempotencyKey: `p${Math.random()}`,
                  });
                  if (r.__typename === "CreditHold") holdIds.push(r.id);
                  else expect(r.code).toBe("INSUFFICIENT_CREDIT");
                  return;
                }
                if (o.kind === "purchase") {
                  const p = await s.purchase(customer, money(o.cents));
                  invoiceIds.push(p.invoice.id);
                  return;
                }
                if (o.kind === "void") {
                  const id = invoiceIds[o.pick % invoiceIds.length]!;
                  return app.gql(`mutation($id: ID!) { voidInvoice(input: { id: $id }) { __typename } }`, { id });
                }
                if (holdIds.length === 0) return;
                const id = holdIds[o.pick % holdIds.length]!;
                const r = o.kind === "release" ? await s.tryRelease(id) : await s.tryCapture(id, money(o.cents));
                if (r.__typename !== "CreditHold")
                  expect(["CREDIT_HOLD_NOT_ACTIVE", "INVALID_INPUT"]).toContain(r.code);
              }),
            );
          }
          const { holds } = await expectLedgerBalanced(customer);
          const balance = (await s.balance(customer))!;
          const active = holds
            .filter((h) => h.status === "ACTIVE")
            .reduce((t, h) => t.plus(h.amount.amount), new Decimal(0));
          expect(balance.held).toBe(active.toFixed(2));
          // Holds never reserve more than there is, unless a void took credit away after they were made.
          if (!rounds.some((round) => round.some((o) => o.kind === "void"))) {
            expect(new Decimal(balance.availableAfterHolds).isNegative()).toBe(false);
          }
        },
      ),
      { numRuns: 4 },
    );
  });

  it("another account's key sees none of them and cannot capture them", async () => {
    const { customer } = await funded("50");
    const hold = await s.hold(customer, "5");
    const other = await app.createAccount();
    const theirs = spendCredits(app, other.testSecretKey);
    expect(await theirs.holds(customer)).toEqual([]);
    expect(await theirs.tryCapture(hold.id)).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await theirs.tryHold({ customerId: customer, amount: "1", currency: "usd", idempotencyKey: "x" }),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    const node: Obj = await app.gql(
      `query($id: ID!) { creditHold(id: $id) { id } }`,
      { id: hold.id },
      other.testSecretKey,
    );
    expect(node.data.creditHold).toBeNull();
  });
});
