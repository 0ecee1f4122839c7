// Billing credits (docs/concepts/credits.md) through the API: grants applied at finalization and shown in
// previews, their order, scope, currency, effective and expiry dates, voids, the ledger, the live
// balance (read-your-writes), validation, and isolation across accounts and modes.
import { Decimal, sum } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";
import { credits, entries, type Credits } from "./support/credits.js";
import { graphql } from "./generated/gql.js";

const GRANTS_PAGE = graphql(`
  query CreditsGrantsPage($c: ID, $after: String) {
    creditGrants(first: 1, after: $after, customerId: $c) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const LEDGER_PAGE = graphql(`
  query CreditsLedgerPage($c: ID, $after: String) {
    creditBalanceTransactions(first: 1, after: $after, customerId: $c) {
      edges {
        node {
          grant {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const NODE = graphql(`
  query CreditsNode($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);

const GRANT_NODE = graphql(`
  query CreditsGrantNode($id: ID!) {
    node(id: $id) {
      id
      ... on CreditGrant {
        remaining {
          amount
        }
      }
    }
  }
`);

let app: TestApp;
let b: Billing;
let c: Credits;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  c = credits(app);
});
afterAll(() => app.close());

const dec = (amount: string) => new Decimal(amount);
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

const GRADUATED = {
  billingScheme: "TIERED",
  tiersMode: "GRADUATED",
  tiers: [
    { upTo: "1000", unitAmount: "0" },
    { upTo: null, unitAmount: "0.04" },
  ],
};

/** Moves the clock to the event's time (events may not be from the future), then records it. */
async function recordAt(clock: string, event: Obj & { timestamp: string }) {
  await b.advance(clock, event.timestamp);
  return b.record(event);
}

/** The Alpaca AI example (docs/concepts/prices.md#flat-fee-and-overages): a test clock at Jan 1, graduated token usage plus a 100 licence. */
async function alpaca() {
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const eventName = unique("alpaca_ai_tokens");
  const meter = await b.meter(eventName);
  const usage = await b.metered(meter, GRADUATED, { product: "Alpaca AI usage" });
  const license = await b.licensed("100", { product: "Alpaca AI license fee" });
  const customer = await b.customer({ name: "John Doe", testClockId: clock });
  const subscription = await b.subscribe({ customerId: customer, items: [{ priceId: usage }, { priceId: license }] });
  const record = (value: string, timestamp: string) =>
    recordAt(clock, { eventName, customerId: customer, value, timestamp });
  return { clock, usage, license, customer, subscription, record };
}

/** A customer on a test clock at Jan 1 with one metered price at 1.00 per unit (and its meter's event name). */
async function perUnit(options: { currency?: string } = {}) {
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const eventName = unique("units");
  const meter = await b.meter(eventName);
  const price = await b.metered(meter, { unitAmount: "1" }, { currency: options.currency ?? "usd" });
  const customer = await b.customer({ testClockId: clock });
  const subscription = await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
  const record = (value: string, timestamp: string) =>
    recordAt(clock, { eventName, customerId: customer, value, timestamp });
  return { clock, price, customer, subscription, record };
}

const invoiceAt = async (customerId: string, periodEnd: string) =>
  (await b.invoices({ customerId })).find(
    (invoice) => invoice.billingReason === "SUBSCRIPTION_CYCLE" && invoice.periodEnd === periodEnd,
  )!;

describe("credits on the Alpaca AI example (docs/concepts/credits.md#credit-ordering)", () => {
  it("applies a promotional 50 to the usage, never the licence: 180.00 − 50.00 = 130.00, previewed and live", async () => {
    const { clock, customer, subscription, record } = await alpaca();
    const grant = await c.grant(customer, "50", { name: "Welcome credit" });
    expect(grant).toMatchObject({
      __typename: "CreditGrant",
      customer: { id: customer },
      name: "Welcome credit",
      amount: { amount: "50.00", currency: "usd" },
      remaining: { amount: "50.00", currency: "usd" },
      category: "PROMOTIONAL",
      priority: 50,
      priceIds: null,
      effectiveAt: "2026-01-01T00:00:00.000Z",
      expiresAt: null,
      voidedAt: null,
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    expect(grant.id).toMatch(/^cg_/);
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "50.00", projectedAvailable: "50.00" }]);

    // Read-your-writes: each event changes projectedAvailable at once.
    await b.advance(clock, "2026-01-10T12:00:00Z");
    await record("1000", "2026-01-10T12:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "50.00", projectedAvailable: "50.00" }]);
    await record("1000", "2026-01-10T12:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "50.00", projectedAvailable: "10.00" }]);
    await record("1000", "2026-01-10T12:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "50.00", projectedAvailable: "0.00" }]);

    const preview = (await b.preview(subscription.id))!;
    expect(preview).toMatchObject({
      subtotal: { amount: "180.00" },
      creditsApplied: { amount: "50.00", currency: "usd" },
      total: { amount: "130.00" },
      amountDue: { amount: "130.00" },
    });
    // A preview stores nothing.
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 50.00"]);

    await b.advance(clock, "2026-02-01T00:00:00Z");
    const february = await invoiceAt(customer, "2026-02-01T00:00:00.000Z");
    expect(february).toMatchObject({
      subtotal: { amount: "180.00" },
      creditsApplied: { amount: "50.00" },
      total: { amount: "130.00" },
      amountDue: { amount: "130.00" },
    });
    expect(summary(february).lines).toEqual([
      "USAGE 1 1000 × 0 = 0.00",
      "USAGE 2 2000 × 0.04 = 80.00",
      "LICENSE - 1 × 100 = 100.00",
    ]);

    const ledger = await c.ledger(customer);
    expect(entries(ledger)).toEqual(["GRANT 50.00", "APPLICATION -50.00"]);
    expect(ledger[0]).toMatchObject({
      grant: { id: grant.id },
      invoice: null,
      effectiveAt: "2026-01-01T00:00:00.000Z",
    });
    expect(ledger[1]).toMatchObject({
      grant: { id: grant.id },
      invoice: { id: february.id },
      effectiveAt: "2026-02-01T00:00:00.000Z",
      createdAt: "2026-02-01T00:00:00.000Z",
    });
    expect(ledger.every((entry) => /^cbt_/.test(entry.id))).toBe(true);
    expect((await c.grants(customer))[0]).toMatchObject({ remaining: { amount: "0.00" } });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "0.00", projectedAvailable: "0.00" }]);
    // The next period starts with nothing to draw on: licence only.
    expect((await b.preview(subscription.id))!).toMatchObject({
      creditsApplied: { amount: "0.00" },
      total: { amount: "100.00" },
    });
  });

  it("pays at most the usage lines: a 200 grant on 80.00 of usage applies 80.00 and leaves 120.00", async () => {
    const { clock, customer, record } = await alpaca();
    await c.grant(customer, "200", { category: "PAID" });
    await record("3000", "2026-01-10T00:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "200.00", projectedAvailable: "120.00" }]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({
      subtotal: { amount: "180.00" },
      creditsApplied: { amount: "80.00" },
      total: { amount: "100.00" },
    });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "120.00", projectedAvailable: "120.00" }]);
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 200.00", "APPLICATION -80.00"]);
  });
});

describe("which grants apply, in what order", () => {
  it("orders by priority, then earliest expiry, then PROMOTIONAL before PAID", async () => {
    const { clock, customer, record } = await perUnit();
    const late = await c.grant(customer, "40", { category: "PROMOTIONAL", name: "no expiry" });
    const expiring = await c.grant(customer, "40", {
      category: "PAID",
      expiresAt: "2026-03-15T00:00:00Z",
      name: "expiring",
    });
    const first = await c.grant(customer, "20", { category: "PAID", priority: 10, name: "priority 10" });
    const paidLast = await c.grant(customer, "40", { category: "PAID", name: "paid, no expiry" });
    await record("70", "2026-01-10T00:00:00Z");
    await b.advance(clock, "2026-02-01T00:00:00Z");

    const invoice = await invoiceAt(customer, "2026-02-01T00:00:00.000Z");
    expect(invoice).toMatchObject({
      subtotal: { amount: "70.00" },
      creditsApplied: { amount: "70.00" },
      total: { amount: "0.00" },
    });
    const applied = (await c.ledger(customer)).filter((entry) => entry.type === "APPLICATION");
    // Applications are written in the order the grants applied.
    expect(applied.map((entry) => [entry.grant.id, entry.amount.amount])).toEqual([
      [first.id, "-20.00"],
      [expiring.id, "-40.00"],
      [late.id, "-10.00"],
    ]);
    expect(applied.every((entry) => entry.invoice.id === invoice.id)).toBe(true);
    const remaining = Object.fromEntries((await c.grants(customer)).map((grant) => [grant.id, grant.remaining.amount]));
    expect(remaining).toEqual({
      [first.id]: "0.00",
      [expiring.id]: "0.00",
      [late.id]: "30.00",
      [paidLast.id]: "40.00",
    });
  });

  it("applies a scoped grant only to its prices", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const [apiEvent, storageEvent] = [unique("api_calls"), unique("storage")];
    const api = await b.metered(await b.meter(apiEvent), { unitAmount: "1" });
    const storage = await b.metered(await b.meter(storageEvent), { unitAmount: "1" });
    const customer = await b.customer({ testClockId: clock });
    await b.subscribe({ customerId: customer, items: [{ priceId: api }, { priceId: storage }] });
    const scoped = await c.grant(customer, "100", { scope: { priceIds: [storage] } });
    expect(scoped.priceIds).toEqual([storage]);
    await recordAt(clock, {
      eventName: apiEvent,
      customerId: customer,
      value: "25",
      timestamp: "2026-01-05T00:00:00Z",
    });
    await recordAt(clock, {
      eventName: storageEvent,
      customerId: customer,
      value: "10",
      timestamp: "2026-01-05T00:00:00Z",
    });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "100.00", projectedAvailable: "90.00" }]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({
      subtotal: { amount: "35.00" },
      creditsApplied: { amount: "10.00" },
      total: { amount: "25.00" },
    });
  });

  it("applies only grants in the invoice's currency, and keeps a balance per currency", async () => {
    const { clock, customer, subscription, record } = await perUnit();
    await c.grant(customer, "30", { currency: "EUR" });
    await c.grant(customer, "5");
    await record("20", "2026-01-10T00:00:00Z");
    expect((await b.preview(subscription.id))!).toMatchObject({
      creditsApplied: { amount: "5.00" },
      total: { amount: "15.00" },
    });
    expect(await c.balance(customer)).toEqual([
      { currency: "eur", available: "30.00", projectedAvailable: "30.00" },
      { currency: "usd", available: "5.00", projectedAvailable: "0.00" },
    ]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({
      creditsApplied: { amount: "5.00" },
      total: { amount: "15.00" },
    });
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 30.00", "GRANT 5.00", "APPLICATION -5.00"]);
    expect(await c.balance(customer)).toEqual([
      { currency: "eur", available: "30.00", projectedAvailable: "30.00" },
      { currency: "usd", available: "0.00", projectedAvailable: "0.00" },
    ]);
  });

  it("applies credits to the final invoice of a cancellation", async () => {
    const { clock, customer, subscription, record } = await perUnit();
    const grant = await c.grant(customer, "10");
    await record("4", "2026-01-10T00:00:00Z");
    // The final invoice bills [period start, now): the event must be before the cancellation.
    await b.advance(clock, "2026-01-10T00:01:00Z");
    expect(await b.cancel(subscription.id, false)).toMatchObject({ __typename: "Subscription", status: "CANCELED" });
    const final = (await b.invoices({ customerId: customer })).find(
      (invoice) => invoice.billingReason === "SUBSCRIPTION_CANCEL",
    )!;
    expect(final).toMatchObject({
      subtotal: { amount: "4.00" },
      creditsApplied: { amount: "4.00" },
      total: { amount: "0.00" },
    });
    const ledger = await c.ledger(customer);
    expect(entries(ledger)).toEqual(["GRANT 10.00", "APPLICATION -4.00"]);
    expect(ledger[1]).toMatchObject({
      grant: { id: grant.id },
      invoice: { id: final.id },
      effectiveAt: "2026-01-10T00:01:00.000Z",
    });
    // No active subscription: nothing is projected to be drawn.
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "6.00", projectedAvailable: "6.00" }]);
  });

  it("shares a balance across subscriptions: the projection draws for each in turn", async () => {
    const { clock, customer, record } = await perUnit();
    const secondEvent = unique("second");
    const second = await b.metered(await b.meter(secondEvent), { unitAmount: "2" });
    await b.subscribe({ customerId: customer, items: [{ priceId: second }] });
    await c.grant(customer, "25");
    await record("10", "2026-01-10T00:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "25.00", projectedAvailable: "15.00" }]);
    await b.record({ eventName: secondEvent, customerId: customer, value: "10", timestamp: "2026-01-10T00:00:00Z" });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "25.00", projectedAvailable: "0.00" }]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const invoices = (await b.invoices({ customerId: customer })).filter(
      (invoice) => invoice.billingReason === "SUBSCRIPTION_CYCLE",
    );
    expect(sum(invoices.map((invoice) => dec(invoice.creditsApplied.amount))).toFixed(2)).toBe("25.00");
  });

  it("applies a grant only once it is effective, and counts it available only then", async () => {
    const { clock, customer, subscription, record } = await perUnit();
    const grant = await c.grant(customer, "30", { effectiveAt: "2026-02-15T00:00:00Z" });
    expect(grant.effectiveAt).toBe("2026-02-15T00:00:00.000Z");
    await record("20", "2026-01-10T00:00:00Z");
    expect((await b.preview(subscription.id))!).toMatchObject({ creditsApplied: { amount: "0.00" } });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "0.00", projectedAvailable: "0.00" }]);
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({
      creditsApplied: { amount: "0.00" },
      total: { amount: "20.00" },
    });

    // Effective from Feb 15: February's usage draws on it at Mar 1.
    await b.advance(clock, "2026-02-20T00:00:00Z");
    await record("12", "2026-02-20T00:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "30.00", projectedAvailable: "18.00" }]);
    await b.advance(clock, "2026-03-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-03-01T00:00:00.000Z")).toMatchObject({
      creditsApplied: { amount: "12.00" },
      total: { amount: "0.00" },
    });
  });
});

describe("expiry", () => {
  it("expires a grant mid-period on the test clock: not applied at the period end, its balance written off", async () => {
    const { clock, customer, subscription, record } = await perUnit();
    const grant = await c.grant(customer, "50", { expiresAt: "2026-01-20T00:00:00Z" });
    await b.advance(clock, "2026-01-10T00:00:00Z");
    await record("30", "2026-01-10T00:00:00Z");
    // Invoiced now, the usage would draw on it; the invoice at Feb 1 will not (it has expired by then).
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "50.00", projectedAvailable: "20.00" }]);
    expect((await b.preview(subscription.id))!).toMatchObject({
      creditsApplied: { amount: "0.00" },
      total: { amount: "30.00" },
    });

    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({
      creditsApplied: { amount: "0.00" },
      total: { amount: "30.00" },
    });
    const ledger = await c.ledger(customer);
    expect(entries(ledger)).toEqual(["GRANT 50.00", "EXPIRY -50.00"]);
    expect(ledger[1]).toMatchObject({
      grant: { id: grant.id },
      invoice: null,
      effectiveAt: "2026-01-20T00:00:00.000Z",
    });
    expect((await c.grants(customer))[0]).toMatchObject({
      remaining: { amount: "0.00" },
      expiredAt: "2026-01-20T00:00:00.000Z",
    });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "0.00", projectedAvailable: "0.00" }]);
    // An expired grant cannot be voided.
    expect(await c.tryVoid(grant.id)).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "id"],
    });
  });

  it("in one long advance, applies a grant at the period ends before its expiry and expires what is left in between", async () => {
    const { clock, customer, record } = await perUnit();
    const grant = await c.grant(customer, "50", { expiresAt: "2026-02-15T00:00:00Z" });
    await b.advance(clock, "2026-01-31T00:00:00Z");
    await record("30", "2026-01-31T00:00:00Z");
    await b.advance(clock, "2026-03-31T00:00:00Z");
    const ledger = await c.ledger(customer);
    expect(entries(ledger)).toEqual(["GRANT 50.00", "APPLICATION -30.00", "EXPIRY -20.00"]);
    expect(ledger.map((entry) => entry.effectiveAt)).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-02-15T00:00:00.000Z",
    ]);
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({
      creditsApplied: { amount: "30.00" },
    });
    expect((await c.grants(customer))[0]).toMatchObject({
      id: grant.id,
      remaining: { amount: "0.00" },
      expiredAt: "2026-02-15T00:00:00.000Z",
    });
  });

  it("does not apply a grant that expires exactly at the period end", async () => {
    const { clock, customer, record } = await perUnit();
    await c.grant(customer, "50", { expiresAt: "2026-02-01T00:00:00Z" });
    await record("30", "2026-01-05T00:00:00Z");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-02-01T00:00:00.000Z")).toMatchObject({ creditsApplied: { amount: "0.00" } });
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 50.00", "EXPIRY -50.00"]);
  });
});

describe("voiding", () => {
  it("voids what is left after partial use: + grant, − application, − void; balance 0", async () => {
    const { clock, customer, record } = await perUnit();
    const grant = await c.grant(customer, "50");
    await record("30", "2026-01-10T00:00:00Z");
    await b.advance(clock, "2026-02-10T00:00:00Z");
    await record("5", "2026-02-10T00:00:00Z");
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "20.00", projectedAvailable: "15.00" }]);

    const voided = await c.tryVoid(grant.id);
    expect(voided).toMatchObject({
      __typename: "CreditGrant",
      id: grant.id,
      voidedAt: "2026-02-10T00:00:00.000Z",
      remaining: { amount: "0.00" },
      amount: { amount: "50.00" },
    });
    const ledger = await c.ledger(customer);
    expect(entries(ledger)).toEqual(["GRANT 50.00", "APPLICATION -30.00", "VOID -20.00"]);
    expect(ledger[2]).toMatchObject({ invoice: null, effectiveAt: "2026-02-10T00:00:00.000Z" });
    expect(await c.balance(customer)).toEqual([{ currency: "usd", available: "0.00", projectedAvailable: "0.00" }]);

    expect(await c.tryVoid(grant.id)).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "id"],
    });
    await b.advance(clock, "2026-03-01T00:00:00Z");
    expect(await invoiceAt(customer, "2026-03-01T00:00:00.000Z")).toMatchObject({
      creditsApplied: { amount: "0.00" },
      total: { amount: "5.00" },
    });
    expect(entries(await c.ledger(customer))).toEqual(["GRANT 50.00", "APPLICATION -30.00", "VOID -20.00"]);
  });

  it("records billing.credit_grant.created and billing.credit_grant.voided events", async () => {
    const { customer } = await perUnit();
    const grant = await c.grant(customer, "5");
    await c.tryVoid(grant.id);
    const events = await app.database.prisma.event.findMany({
      where: { accountId: app.account.account.id, type: { startsWith: "billing.credit_grant." } },
      orderBy: { createdAt: "asc" },
    });
    const mine = events.filter((event) => (event.data as Obj).id === grant.id);
    expect(mine.map((event) => event.type).sort()).toEqual([
      "billing.credit_grant.created",
      "billing.credit_grant.voided",
    ]);
    expect(mine.find((event) => event.type === "billing.credit_grant.voided")!.data).toMatchObject({
      id: grant.id,
      customerId: customer,
      amount: { amount: "5.00", currency: "usd" },
      remaining: { amount: "0.00", currency: "usd" },
      voidedAt: "2026-01-01T00:00:00.000Z",
    });
  });
});

describe("validation", () => {
  it("refuses every invalid grant with a typed error and a field path, storing nothing", async () => {
    const { customer, price } = await perUnit();
    const licensed = await b.licensed("10");
    const euro = await b.metered(await b.meter(unique("euro")), { unitAmount: "1" }, { currency: "eur" });
    const other = await app.createAccount();
    const foreign = await billing(app, other.testSecretKey).metered(
      await billing(app, other.testSecretKey).meter("foreign"),
      { unitAmount: "1" },
    );
    const base = {
      customerId: customer,
      amount: { amount: "10", currency: "usd" },
      category: "PAID",
      scope: { allMeteredPrices: true },
    };
    const cases: Array<[string, Obj, string, string, string[]]> = [
      ["unknown customer", { customerId: "cus_nope" }, "NotFoundError", "NOT_FOUND", ["input", "customerId"]],
      [
        "zero amount",
        { amount: { amount: "0", currency: "usd" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "amount"],
      ],
      [
        "negative amount",
        { amount: { amount: "-5", currency: "usd" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "amount"],
      ],
      [
        "sub-cent usd",
        { amount: { amount: "1.001", currency: "usd" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "amount"],
      ],
      [
        "fractional yen",
        { amount: { amount: "1.5", currency: "jpy" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "amount"],
      ],
      [
        "huge amount",
        { amount: { amount: "1000000000000000", currency: "usd" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "amount"],
      ],
      [
        "unknown currency",
        { amount: { amount: "1", currency: "xyz" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "currency"],
      ],
      [
        "gold is no currency",
        { amount: { amount: "1", currency: "xau" } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "amount", "currency"],
      ],
      [
        "both scopes",
        { scope: { allMeteredPrices: true, priceIds: [price] } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "scope"],
      ],
      ["no scope", { scope: {} }, "InvalidInputError", "INVALID_INPUT", ["input", "scope"]],
      [
        "allMeteredPrices false alone",
        { scope: { allMeteredPrices: false } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "scope"],
      ],
      [
        "empty priceIds",
        { scope: { priceIds: [] } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "scope", "priceIds"],
      ],
      [
        "21 priceIds",
        { scope: { priceIds: Array.from({ length: 21 }, () => price) } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "scope", "priceIds"],
      ],
      [
        "unknown price",
        { scope: { priceIds: [price, "price_nope"] } },
        "NotFoundError",
        "NOT_FOUND",
        ["input", "scope", "priceIds", "1"],
      ],
      [
        "another account's price",
        { scope: { priceIds: [foreign] } },
        "NotFoundError",
        "NOT_FOUND",
        ["input", "scope", "priceIds", "0"],
      ],
      [
        "licensed price",
        { scope: { priceIds: [price, licensed] } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "scope", "priceIds", "1"],
      ],
      [
        "price twice",
        { scope: { priceIds: [price, price] } },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "scope", "priceIds", "1"],
      ],
      [
        "price in another currency",
        { scope: { priceIds: [euro] } },
        "InvalidInputError",
        "CURRENCY_MISMATCH",
        ["input", "scope", "priceIds", "0"],
      ],
      ["priority below 0", { priority: -1 }, "InvalidInputError", "INVALID_INPUT", ["input", "priority"]],
      ["priority above 100", { priority: 101 }, "InvalidInputError", "INVALID_INPUT", ["input", "priority"]],
      [
        "expiry before effective",
        { effectiveAt: "2026-03-01T00:00:00Z", expiresAt: "2026-02-01T00:00:00Z" },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "expiresAt"],
      ],
      [
        "expiry at effective",
        { effectiveAt: "2026-03-01T00:00:00Z", expiresAt: "2026-03-01T00:00:00Z" },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "expiresAt"],
      ],
      [
        "expired already",
        { effectiveAt: "2025-12-01T00:00:00Z", expiresAt: "2025-12-31T00:00:00Z" },
        "InvalidInputError",
        "INVALID_INPUT",
        ["input", "expiresAt"],
      ],
      ["name too long", { name: "x".repeat(101) }, "InvalidInputError", "INVALID_INPUT", ["input", "name"]],
    ];
    for (const [label, change, typename, code, field] of cases) {
      const result = await c.tryGrant({ ...base, ...change });
      expect({ label, typename: result.__typename, code: result.code, field: result.field }).toEqual({
        label,
        typename,
        code,
        field,
      });
      expect(result.message).toEqual(expect.any(String));
    }
    expect(await c.grants(customer)).toEqual([]);
    expect(await c.ledger(customer)).toEqual([]);
    expect(await c.balance(customer)).toEqual([]);

    // The limits themselves are fine: 0 and 100, 20 prices, 100 characters, whole yen.
    expect((await c.tryGrant({ ...base, priority: 0, name: "x".repeat(100) })).__typename).toBe("CreditGrant");
    expect((await c.tryGrant({ ...base, priority: 100, amount: { amount: "1500", currency: "JPY" } })).amount).toEqual({
      amount: "1500",
      currency: "jpy",
    });
    const meter = await b.meter(unique("twenty"));
    const twenty = [
      price,
      ...(await Promise.all(Array.from({ length: 19 }, () => b.metered(meter, { unitAmount: "1" })))),
    ];
    expect((await c.tryGrant({ ...base, scope: { priceIds: twenty } })).priceIds).toEqual(twenty);
  });

  it("voids only grants that exist in the caller's account and mode", async () => {
    expect(await c.tryVoid("cg_nope")).toMatchObject({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
  });
});

describe("lists", () => {
  it("pages through grants newest first and the ledger newest first", async () => {
    const { clock, customer } = await perUnit();
    const first = await c.grant(customer, "1", { name: "first" });
    await b.advance(clock, "2026-01-02T00:00:00Z");
    const second = await c.grant(customer, "2", { name: "second" });
    const one = (await app.data(GRANTS_PAGE, { c: customer, after: null })).creditGrants;
    expect(one.edges.map((edge) => edge.node.id)).toEqual([second.id]);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await app.data(GRANTS_PAGE, { c: customer, after: one.pageInfo.endCursor })).creditGrants;
    expect(two.edges.map((edge) => edge.node.id)).toEqual([first.id]);
    expect(two.pageInfo.hasNextPage).toBe(false);

    const newest = (await app.data(LEDGER_PAGE, { c: customer, after: null })).creditBalanceTransactions;
    expect(newest.edges.map((edge) => edge.node.grant.id)).toEqual([second.id]);
    const older = (await app.data(LEDGER_PAGE, { c: customer, after: newest.pageInfo.endCursor }))
      .creditBalanceTransactions;
    expect(older.edges.map((edge) => edge.node.grant.id)).toEqual([first.id]);
    expect(older.pageInfo.hasNextPage).toBe(false);
  });
});

describe("isolation", () => {
  it("shows grants, ledger and balance only to the grant's account and mode", async () => {
    const { customer } = await perUnit();
    const grant = await c.grant(customer, "15");
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, other.liveSecretKey, app.account.liveSecretKey]) {
      const theirs = credits(app, key);
      expect(await theirs.grants()).toEqual([]);
      expect(await theirs.ledger()).toEqual([]);
      expect(await theirs.tryVoid(grant.id)).toMatchObject({ __typename: "NotFoundError", field: ["input", "id"] });
      expect(
        await theirs.tryGrant({
          customerId: customer,
          amount: { amount: "1", currency: "usd" },
          category: "PAID",
          scope: { allMeteredPrices: true },
        }),
      ).toMatchObject({
        __typename: "NotFoundError",
        field: ["input", "customerId"],
      });
      const node = await app.data(NODE, { id: grant.id }, key);
      expect(node.node).toBeNull();
    }
    const mine = await app.data(GRANT_NODE, { id: grant.id });
    expect(mine.node).toEqual({ id: grant.id, remaining: { amount: "15.00" } });
    expect((await c.grants(customer)).map((g) => g.id)).toEqual([grant.id]);
  });

  it("works in live mode for live customers, apart from test mode", async () => {
    const live = credits(app, app.account.liveSecretKey);
    const customer = await billing(app, app.account.liveSecretKey).customer();
    const grant = await live.grant(customer, "7.5", { category: "PAID" });
    expect(grant).toMatchObject({ amount: { amount: "7.50" }, remaining: { amount: "7.50" } });
    expect(entries(await live.ledger(customer))).toEqual(["GRANT 7.50"]);
    expect(await live.balance(customer)).toEqual([{ currency: "usd", available: "7.50", projectedAvailable: "7.50" }]);
    expect((await c.grants()).some((g) => g.id === grant.id)).toBe(false);
  });
});
