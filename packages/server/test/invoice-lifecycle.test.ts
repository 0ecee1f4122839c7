// Invoice status transitions through the API (docs/concepts/invoices.md#status): paying, voiding,
// writing off, the refused moves (INVOICE_STATE_INVALID naming the status), due dates, a concurrent
// pay and void, what a void gives back (credits, customer balance, usage periods), and tenancy.
import { Decimal, sum } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { credits, type Credits } from "./support/credits.js";
import { lifecycle } from "./support/invoice-lifecycle.js";

const EVENTS = graphql(`
  query LifecycleEvents($type: String) {
    events(first: 100, type: $type) {
      edges {
        node {
          type
          data
        }
      }
    }
  }
`);

const RECORD = graphql(`
  mutation LifecycleRecord($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

const UPDATE_CUSTOMER = graphql(`
  mutation LifecycleUpdateCustomer($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) {
      __typename
      ... on Customer {
        invoiceDaysUntilDue
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

let app: TestApp;
let b: Billing;
let c: Credits;
let l: ReturnType<typeof lifecycle>;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  c = credits(app);
  l = lifecycle(app);
});
afterAll(() => app.close());

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** A customer on a test clock at Jan 1 with a 100.00 monthly licence: its first invoice is OPEN for 100.00. */
async function licensed(customer: Obj = {}) {
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const price = await b.licensed("100");
  const customerId = await b.customer({ testClockId: clock, ...customer });
  const subscription = await b.subscribe({ customerId, items: [{ priceId: price }] });
  const [invoice] = await b.invoices({ subscriptionId: subscription.id });
  return { clock, customerId, subscription, invoice: invoice! };
}

/** A customer on a test clock at Jan 1, metered at 1.00 per unit. */
async function metered() {
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const eventName = unique("lifecycle_units");
  const meter = await b.meter(eventName);
  const price = await b.metered(meter, { unitAmount: "1" });
  const customerId = await b.customer({ testClockId: clock });
  const subscription = await b.subscribe({ customerId, items: [{ priceId: price }] });
  const record = (value: string, timestamp: string) =>
    app.data(RECORD, { input: { eventName, customerId, value, timestamp } });
  /** Usage as it happens: the clock moves to the event's time first. */
  const live = async (value: string, timestamp: string) => {
    await b.advance(clock, timestamp);
    return record(value, timestamp);
  };
  const cycleInvoices = async () =>
    (await b.invoices({ subscriptionId: subscription.id })).filter((i) => i.billingReason === "SUBSCRIPTION_CYCLE");
  return { clock, customerId, subscription, record, live, cycleInvoices };
}

const stateError = (number: string, status: string, action: string) => ({
  __typename: "InvalidInputError",
  code: "INVOICE_STATE_INVALID",
  message: `Invoice ${number} is ${status}: it cannot be ${action}`,
  field: ["input", "id"],
});

async function eventsFor(type: string, invoiceId: string) {
  const { events } = await app.data(EVENTS, { type });
  return events.edges.map((e) => e.node.data as Obj).filter((data) => data.id === invoiceId);
}

describe("transitions", () => {
  it("OPEN → PAID out of band: amountPaid, paidAt, invoice.paid; then nothing more", async () => {
    const { invoice, clock } = await licensed();
    const open = await l.state(invoice.id);
    expect(open).toMatchObject({
      status: "OPEN",
      amountRemaining: { amount: "100.00" },
      amountPaid: { amount: "0.00" },
      dueDate: "2026-01-31T00:00:00.000Z",
    });
    await b.advance(clock, "2026-01-05T00:00:00Z");
    expect(await l.pay(invoice.id)).toEqual({ __typename: "Invoice", id: invoice.id, status: "PAID" });
    expect(await l.state(invoice.id)).toMatchObject({
      status: "PAID",
      amountPaid: { amount: "100.00" },
      amountRemaining: { amount: "0.00" },
      paidOutOfBand: true,
      paidAt: "2026-01-05T00:00:00.000Z",
    });
    const [paid] = await eventsFor("invoice.paid", invoice.id);
    expect(paid).toMatchObject({ status: "PAID", amountPaid: { amount: "100.00", currency: "usd" } });
    expect(await l.pay(invoice.id)).toEqual(stateError(invoice.number, "PAID", "paid"));
    expect(await l.void(invoice.id)).toEqual(stateError(invoice.number, "PAID", "voided"));
    expect(await l.uncollectible(invoice.id)).toEqual(stateError(invoice.number, "PAID", "marked uncollectible"));
  });

  it("OPEN → UNCOLLECTIBLE → PAID, and UNCOLLECTIBLE → VOID; VOID is final", async () => {
    const first = (await licensed()).invoice;
    expect((await l.uncollectible(first.id)).status).toBe("UNCOLLECTIBLE");
    expect(await l.state(first.id)).toMatchObject({
      markedUncollectibleAt: "2026-01-01T00:00:00.000Z",
      amountRemaining: { amount: "100.00" },
    });
    expect(await eventsFor("invoice.marked_uncollectible", first.id)).toHaveLength(1);
    expect(await l.uncollectible(first.id)).toEqual(stateError(first.number, "UNCOLLECTIBLE", "marked uncollectible"));
    expect((await l.pay(first.id)).status).toBe("PAID");
    expect((await l.state(first.id)).amountPaid.amount).toBe("100.00");

    const second = (await licensed()).invoice;
    await l.uncollectible(second.id);
    expect((await l.void(second.id)).status).toBe("VOID");
    expect(await l.state(second.id)).toMatchObject({
      voidedAt: "2026-01-01T00:00:00.000Z",
      amountRemaining: { amount: "0.00" },
    });
    expect(await eventsFor("invoice.voided", second.id)).toHaveLength(1);
    expect(await l.pay(second.id)).toEqual(stateError(second.number, "VOID", "paid"));
    expect(await l.void(second.id)).toEqual(stateError(second.number, "VOID", "voided"));
    expect(await l.uncollectible(second.id)).toEqual(stateError(second.number, "VOID", "marked uncollectible"));
  });

  it("refuses paidOutOfBand: false and unknown invoices, storing nothing", async () => {
    const { invoice } = await licensed();
    expect(await l.pay(invoice.id, false)).toMatchObject({ code: "INVALID_INPUT", field: ["input", "paidOutOfBand"] });
    expect(await l.void("in_missing")).toMatchObject({ code: "NOT_FOUND", field: ["input", "id"] });
    expect((await l.state(invoice.id)).status).toBe("OPEN");
  });

  it("a concurrent pay and void: exactly one wins", async () => {
    for (let round = 0; round < 3; round++) {
      const { invoice } = await licensed();
      const [paid, voided] = await Promise.all([l.pay(invoice.id), l.void(invoice.id)]);
      const winners = [paid, voided].filter((r) => r.__typename === "Invoice");
      expect(winners).toHaveLength(1);
      const loser = [paid, voided].find((r) => r.__typename !== "Invoice")!;
      expect(loser.code).toBe("INVOICE_STATE_INVALID");
      const status = (await l.state(invoice.id)).status;
      expect(status).toBe(winners[0]!.status);
      const events = [
        ...(await eventsFor("invoice.paid", invoice.id)),
        ...(await eventsFor("invoice.voided", invoice.id)),
      ];
      expect(events.map((e) => e.status)).toEqual([status]);
    }
  });
});

describe("due dates (docs/concepts/invoices.md#due-date)", () => {
  it("finalization plus the customer's invoiceDaysUntilDue, set on create and update", async () => {
    const { invoice, customerId, clock } = await licensed({ invoiceDaysUntilDue: 7 });
    expect((await l.state(invoice.id)).dueDate).toBe("2026-01-08T00:00:00.000Z");
    const updated = await app.data(UPDATE_CUSTOMER, { input: { id: customerId, invoiceDaysUntilDue: 0 } });
    expect(updated.updateCustomer).toEqual({ __typename: "Customer", invoiceDaysUntilDue: 0 });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, next] = await b.invoices({ customerId });
    expect((await l.state(next!.id)).dueDate).toBe("2026-02-01T00:00:00.000Z");
    const refused = await app.data(UPDATE_CUSTOMER, { input: { id: customerId, invoiceDaysUntilDue: 731 } });
    expect(refused.updateCustomer).toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("voiding (docs/concepts/invoices.md#voiding)", () => {
  /** The credit ledger's invariant per grant: remaining = grants − applications + reversals − expiries − voids. */
  async function expectLedgerInvariant(customerId: string) {
    const ledger = await c.ledger(customerId);
    for (const grant of await c.grants(customerId)) {
      const rows = ledger.filter((row) => row.grant.id === grant.id);
      const net = sum(rows.map((row) => new Decimal(row.amount.amount)));
      expect(net.toFixed(2)).toBe(grant.remaining.amount);
    }
  }

  it("gives back the credits the invoice applied, and frees its usage period while no later invoice exists", async () => {
    const { clock, customerId, record, live, cycleInvoices } = await metered();
    await c.grant(customerId, "50");
    await live("80", "2026-01-15T00:00:00Z");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [january] = await cycleInvoices();
    expect([january!.creditsApplied.amount, january!.amountDue.amount]).toEqual(["50.00", "30.00"]);
    expect((await record("1", "2026-01-20T00:00:00Z")).recordMeterEvent).toEqual({
      __typename: "MeterEventError",
      code: "EVENT_ALREADY_INVOICED",
    });

    expect((await l.void(january!.id)).status).toBe("VOID");
    const ledger = await c.ledger(customerId);
    expect(ledger.map((row) => `${row.type} ${row.amount.amount} ${row.invoice?.id ?? "-"}`)).toEqual([
      "GRANT 50.00 -",
      `APPLICATION -50.00 ${january!.id}`,
      `REVERSAL 50.00 ${january!.id}`,
    ]);
    const [grant] = await c.grants(customerId);
    expect(grant!.remaining.amount).toBe("50.00");
    await expectLedgerInvariant(customerId);
    // The usage period is free again: a late January event is accepted.
    expect((await record("1", "2026-01-20T00:00:00Z")).recordMeterEvent.__typename).toBe("MeterEvent");
  });

  it("keeps the usage invoiced when a later invoice of the subscription exists", async () => {
    const { clock, record, live, cycleInvoices } = await metered();
    await live("5", "2026-01-15T00:00:00Z");
    await b.advance(clock, "2026-03-01T00:00:00Z");
    const [january, february] = await cycleInvoices();
    expect([january!.periodEnd, february!.periodEnd]).toEqual(["2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]);
    await l.void(january!.id);
    expect((await record("1", "2026-01-31T12:00:00Z")).recordMeterEvent).toMatchObject({
      code: "EVENT_ALREADY_INVOICED",
    });
  });

  it("gives back the customer balance the invoice used", async () => {
    const { clock, customerId, subscription } = await licensed();
    expect((await l.adjust(customerId, "-30", "usd", "Goodwill")).endingBalance.amount).toBe("-30.00");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, february] = await b.invoices({ subscriptionId: subscription.id });
    expect(await l.state(february!.id)).toMatchObject({
      startingBalance: { amount: "-30.00" },
      endingBalance: { amount: "0.00" },
      amountDue: { amount: "70.00" },
      amountRemaining: { amount: "70.00" },
    });
    await l.void(february!.id);
    const balance = await l.balance(customerId);
    expect(balance.ledger).toEqual([
      "ADJUSTMENT -30.00 → -30.00",
      "APPLIED_TO_INVOICE 30.00 → 0.00",
      "UNAPPLIED_FROM_INVOICE -30.00 → -30.00",
    ]);
    expect(balance.balances).toEqual(["-30.00 usd"]);
  });

  it("the credit ledger invariant holds when invoices and their grant are voided concurrently", async () => {
    const { clock, customerId, live } = await metered();
    const eventName = unique("lifecycle_more");
    const second = await b.metered(await b.meter(eventName), { unitAmount: "1" });
    await b.subscribe({ customerId, items: [{ priceId: second }] });
    const grant = await c.grant(customerId, "100");
    await live("40", "2026-01-10T00:00:00Z");
    await b.record({ eventName, customerId, value: "30", timestamp: "2026-01-10T00:00:00Z" });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const cycle = (await b.invoices({ customerId })).filter(
      (invoice) => invoice.billingReason === "SUBSCRIPTION_CYCLE",
    );
    expect(cycle.map((invoice) => invoice.creditsApplied.amount).sort()).toEqual(["30.00", "40.00"]);
    const results = await Promise.all([l.void(cycle[0]!.id), l.void(cycle[1]!.id), c.tryVoid(grant.id)]);
    expect(results.map((r) => r.__typename)).toEqual(["Invoice", "Invoice", "CreditGrant"]);
    await expectLedgerInvariant(customerId);
    const [after] = await c.grants(customerId);
    expect(after!.remaining.amount).toBe("0.00");
    // Voided is voided: whichever came first, the grant lost all 100 and paid nothing.
    const ledger = await c.ledger(customerId);
    const byType = (type: string) =>
      sum(ledger.filter((r) => r.type === type).map((r) => new Decimal(r.amount.amount)));
    expect(byType("APPLICATION").plus(byType("REVERSAL")).toFixed(2)).toBe("0.00");
    expect(byType("VOID").toFixed(2)).toBe("-100.00");
  });
});

describe("tenancy", () => {
  it("another account or the other mode cannot see, pay or void the invoice", async () => {
    const { invoice } = await licensed();
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, other.liveSecretKey, app.account.liveSecretKey]) {
      const stranger = lifecycle(app, key);
      expect(await stranger.pay(invoice.id)).toMatchObject({ code: "NOT_FOUND" });
      expect(await stranger.void(invoice.id)).toMatchObject({ code: "NOT_FOUND" });
      expect(await stranger.uncollectible(invoice.id)).toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await l.state(invoice.id)).status).toBe("OPEN");
  });
});
