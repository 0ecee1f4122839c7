// One-off invoice items through the API (docs/concepts/invoices.md#one-off-invoice-items): pending
// items land on their subscription's next invoice, or on the customer's next in their currency,
// exactly once, even when a period close races their creation; amounts from a price; edits and
// deletion only while pending; typed refusals that store nothing; isolation across accounts and modes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";
import type { CreateInvoiceItemInput } from "./generated/graphql.js";

let app: TestApp;
let c: Catalog;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
});
afterAll(() => app.close());

const CREATE_ITEM = graphql(`
  mutation InvoiceItemsCreate($input: CreateInvoiceItemInput!) {
    createInvoiceItem(input: $input) {
      __typename
      ... on InvoiceItem {
        id
        pending
        description
        currency
        quantity
        unitAmount
        amount {
          amount
          currency
        }
        periodStart
        periodEnd
        price {
          id
        }
        subscription {
          id
        }
        invoice {
          id
        }
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const UPDATE_ITEM = graphql(`
  mutation InvoiceItemsUpdate($input: UpdateInvoiceItemInput!) {
    updateInvoiceItem(input: $input) {
      __typename
      ... on InvoiceItem {
        id
        description
        amount {
          amount
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const DELETE_ITEM = graphql(`
  mutation InvoiceItemsDelete($id: ID!) {
    deleteInvoiceItem(input: { id: $id }) {
      __typename
      ... on DeletedInvoiceItem {
        id
        deleted
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const ITEM = graphql(`
  query InvoiceItemsOne($id: ID!) {
    invoiceItem(id: $id) {
      id
      pending
      invoice {
        id
        billingReason
      }
    }
    node(id: $id) {
      id
    }
  }
`);

const ITEMS = graphql(`
  query InvoiceItemsList($customerId: ID, $pending: Boolean) {
    invoiceItems(first: 100, customerId: $customerId, pending: $pending) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const INVOICES = graphql(`
  query InvoiceItemsInvoices($customerId: ID!) {
    invoices(first: 100, customerId: $customerId) {
      edges {
        node {
          id
          number
          billingReason
          subscription {
            id
          }
          periodEnd
          lines {
            kind
            description
            quantity
            unitAmount
            amount {
              amount
            }
            price {
              id
            }
          }
          total {
            amount
          }
        }
      }
    }
  }
`);

async function tryItem(input: CreateInvoiceItemInput, key?: string) {
  return (await app.data(CREATE_ITEM, { input }, key)).createInvoiceItem;
}

async function item(input: CreateInvoiceItemInput) {
  const created = await tryItem(input);
  if (created.__typename !== "InvoiceItem") throw new Error(`createInvoiceItem failed: ${JSON.stringify(created)}`);
  return created;
}

/** The customer's invoices, oldest first, with their INVOICE_ITEM lines as "description amount". */
async function invoicesOf(customerId: string) {
  const edges = (await app.data(INVOICES, { customerId })).invoices.edges;
  return edges
    .map((e) => e.node)
    .reverse()
    .map((invoice) => ({
      ...invoice,
      items: invoice.lines.filter((l) => l.kind === "INVOICE_ITEM").map((l) => `${l.description} ${l.amount.amount}`),
    }));
}

/** A customer on a test clock at 2026-01-01 with a 10 usd/month licensed subscription. */
async function subscribed(currency = "usd") {
  const { customerId, clockId } = await c.clockCustomer("2026-01-01T00:00:00Z");
  const price = await c.licensed("10", { currency });
  const subscription = await c.subscribe({ customerId, items: [{ priceId: price.id, quantity: 1 }] });
  return { customerId, clockId, subscriptionId: subscription.id };
}

describe("pending items land on the next invoice", () => {
  it("a subscription's item goes on its next period's invoice, once", async () => {
    const { customerId, clockId, subscriptionId } = await subscribed();
    const setup = await item({ customerId, subscriptionId, amount: "25", description: "Setup fee" });
    expect(setup).toMatchObject({ pending: true, currency: "usd", quantity: "1", unitAmount: "25", invoice: null });
    expect(setup.amount).toEqual({ amount: "25.00", currency: "usd" });
    expect(setup.periodStart).toBe("2026-01-01T00:00:00.000Z");
    const pending = await app.data(ITEMS, { customerId, pending: true });
    expect(pending.invoiceItems.edges.map((e) => e.node.id)).toEqual([setup.id]);

    await c.advance(clockId, "2026-02-01T00:00:00Z");
    await c.advance(clockId, "2026-03-01T00:00:00Z");
    const invoices = await invoicesOf(customerId);
    expect(invoices.map((i) => [i.billingReason, i.items])).toEqual([
      ["SUBSCRIPTION_CREATE", []],
      ["SUBSCRIPTION_CYCLE", ["Setup fee 25.00"]],
      ["SUBSCRIPTION_CYCLE", []],
    ]);
    expect(invoices[1]!.total.amount).toBe("35.00");
    const after = (await app.data(ITEM, { id: setup.id })).invoiceItem;
    expect(after).toEqual({
      id: setup.id,
      pending: false,
      invoice: { id: invoices[1]!.id, billingReason: "SUBSCRIPTION_CYCLE" },
    });
    expect((await app.data(ITEMS, { customerId, pending: true })).invoiceItems.edges).toEqual([]);
    expect((await app.data(ITEMS, { customerId, pending: false })).invoiceItems.edges).toHaveLength(1);
  });

  it("an untied item goes on the first invoice of any subscription in its currency; another currency waits", async () => {
    const { customerId, clockId, subscriptionId: first } = await subscribed();
    await c.advance(clockId, "2026-01-15T00:00:00Z");
    const later = await c.subscribe({
      customerId,
      items: [{ priceId: (await c.licensed("7")).id, quantity: 1 }],
    });
    await item({ customerId, amount: "-5", currency: "usd", description: "Goodwill credit" });
    const euros = await item({ customerId, amount: "3", currency: "EUR", description: "Euro item" });
    await c.advance(clockId, "2026-02-20T00:00:00Z");
    const cycles = (await invoicesOf(customerId)).filter((i) => i.billingReason === "SUBSCRIPTION_CYCLE");
    // The first subscription's period ends first (Feb 1), before the later one's (Feb 15).
    expect(cycles.map((i) => [i.subscription?.id, i.items])).toEqual([
      [first, ["Goodwill credit -5.00"]],
      [later.id, []],
    ]);
    expect((await app.data(ITEM, { id: euros.id })).invoiceItem?.pending).toBe(true);
  });

  it("a price's item bills quantity × unit amount, named after its product", async () => {
    const { customerId, subscriptionId } = await subscribed();
    const price = await c.licensed("19.99", { product: "Onboarding session" });
    const priced = await item({ customerId, subscriptionId, priceId: price.id, quantity: 3 });
    expect(priced).toMatchObject({ description: "Onboarding session", quantity: "3", unitAmount: "19.99" });
    expect(priced.amount.amount).toBe("59.97");
    expect(priced.price?.id).toBe(price.id);
  });
});

describe("refusals store nothing", () => {
  it.each([
    [
      "both amount and a price",
      { amount: "5", priceId: "PRICE", description: "x" },
      "INVALID_INPUT",
      ["input", "amount"],
    ],
    ["neither", { description: "x", currency: "usd" }, "INVALID_INPUT", ["input", "amount"]],
    ["an amount without a currency", { amount: "5", description: "x" }, "INVALID_INPUT", ["input", "currency"]],
    ["an amount without a description", { amount: "5", currency: "usd" }, "INVALID_INPUT", ["input", "description"]],
    ["a zero amount", { amount: "0", currency: "usd", description: "x" }, "INVALID_INPUT", ["input", "amount"]],
    ["yen with decimals", { amount: "5.5", currency: "jpy", description: "x" }, "INVALID_INPUT", ["input", "amount"]],
    ["an unknown currency", { amount: "5", currency: "xyz", description: "x" }, "INVALID_INPUT", ["input", "currency"]],
    ["a metered price", { priceId: "METERED" }, "INVALID_INPUT", ["input", "priceId"]],
    ["a quantity of 0", { priceId: "PRICE", quantity: 0 }, "INVALID_INPUT", ["input", "quantity"]],
    [
      "another currency than the subscription's",
      { amount: "5", currency: "eur", description: "x", subscriptionId: "SUB" },
      "CURRENCY_MISMATCH",
      ["input", "subscriptionId"],
    ],
    [
      "an unknown customer",
      { customerId: "cus_nope", amount: "5", currency: "usd", description: "x" },
      "NOT_FOUND",
      ["input", "customerId"],
    ],
    [
      "an unknown subscription",
      { amount: "5", currency: "usd", description: "x", subscriptionId: "sub_nope" },
      "NOT_FOUND",
      ["input", "subscriptionId"],
    ],
  ])("%s", async (_name, input, code, field) => {
    const { customerId, subscriptionId } = await subscribed();
    const price = await c.licensed("3");
    const metered = await c.metered((await c.freshMeter()).id, { unitAmount: "1" });
    const ids: Record<string, string> = { PRICE: price.id, METERED: metered.id, SUB: subscriptionId };
    const resolved = Object.fromEntries(
      Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? (ids[v] ?? v) : v]),
    );
    const result = await tryItem({ customerId, ...resolved } as CreateInvoiceItemInput);
    expect(result).toMatchObject({ __typename: expect.stringMatching(/Error$/), code, field });
    expect(await app.database.prisma.pendingInvoiceItem.count({ where: { customerId } })).toBe(0);
  });
});

describe("edits while pending", () => {
  it("changes and deletes a pending item; after its invoice, INVOICE_STATE_INVALID", async () => {
    const { customerId, clockId, subscriptionId } = await subscribed();
    const kept = await item({ customerId, subscriptionId, amount: "40", description: "Consulting" });
    const dropped = await item({ customerId, subscriptionId, amount: "9", description: "Dropped" });
    const updated = (
      await app.data(UPDATE_ITEM, { input: { id: kept.id, amount: "42.5", description: "Consulting (2 h)" } })
    ).updateInvoiceItem;
    expect(updated).toMatchObject({ description: "Consulting (2 h)", amount: { amount: "42.50" } });
    expect((await app.data(DELETE_ITEM, { id: dropped.id })).deleteInvoiceItem).toEqual({
      __typename: "DeletedInvoiceItem",
      id: dropped.id,
      deleted: true,
    });
    expect((await app.data(ITEM, { id: dropped.id })).invoiceItem).toBeNull();

    await c.advance(clockId, "2026-02-01T00:00:00Z");
    expect((await invoicesOf(customerId)).at(-1)!.items).toEqual(["Consulting (2 h) 42.50"]);
    const late = (await app.data(UPDATE_ITEM, { input: { id: kept.id, amount: "1" } })).updateInvoiceItem;
    expect(late).toMatchObject({ code: "INVOICE_STATE_INVALID", message: expect.stringContaining("OPEN") });
    const gone = (await app.data(DELETE_ITEM, { id: kept.id })).deleteInvoiceItem;
    expect(gone).toMatchObject({ code: "INVOICE_STATE_INVALID" });
  });
});

describe("exactly once when a period close races the items' creation", () => {
  it("every item is on one invoice, each invoice's lines match its items", async () => {
    const { customerId, clockId, subscriptionId } = await subscribed();
    const creations = Array.from({ length: 12 }, (_, i) =>
      tryItem(
        i % 2 === 0
          ? { customerId, subscriptionId, amount: `${i + 1}`, description: `Item ${i}` }
          : { customerId, amount: `${i + 1}`, currency: "usd", description: `Item ${i}` },
      ),
    );
    // The advance closes January while the items are being created.
    const [advanced, ...created] = await Promise.all([c.advance(clockId, "2026-02-01T00:00:00Z"), ...creations]);
    expect(advanced.id).toBe(clockId);
    const ids = created.map((r) => (r.__typename === "InvoiceItem" ? r.id : `failed: ${JSON.stringify(r)}`));
    await c.advance(clockId, "2026-03-01T00:00:00Z");

    const lines = await app.database.prisma.invoiceLine.findMany({
      where: { invoice: { customerId }, kind: "INVOICE_ITEM" },
      select: { invoiceItemId: true, invoiceId: true },
    });
    expect(lines.map((l) => l.invoiceItemId).sort()).toEqual([...ids].sort());
    const rows = await app.database.prisma.pendingInvoiceItem.findMany({ where: { customerId } });
    for (const row of rows) {
      expect(lines.filter((l) => l.invoiceItemId === row.id).map((l) => l.invoiceId)).toEqual([row.invoiceId]);
    }
    const cycles = (await invoicesOf(customerId)).filter((i) => i.billingReason === "SUBSCRIPTION_CYCLE");
    expect(cycles.flatMap((i) => i.items)).toHaveLength(12);
  });
});

describe("tenancy", () => {
  it("another account or the live mode sees and touches nothing", async () => {
    const { customerId, subscriptionId } = await subscribed();
    const mine = await item({ customerId, subscriptionId, amount: "5", description: "Mine" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const seen = await app.data(ITEM, { id: mine.id }, key);
      expect(seen).toEqual({ invoiceItem: null, node: null });
      expect((await app.data(ITEMS, {}, key)).invoiceItems.edges).toEqual([]);
      const created = await tryItem({ customerId, amount: "5", currency: "usd", description: "x" }, key);
      expect(created).toMatchObject({ code: "NOT_FOUND", field: ["input", "customerId"] });
      const updated = (await app.data(UPDATE_ITEM, { input: { id: mine.id, amount: "1" } }, key)).updateInvoiceItem;
      expect(updated).toMatchObject({ code: "NOT_FOUND" });
      expect((await app.data(DELETE_ITEM, { id: mine.id }, key)).deleteInvoiceItem).toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect((await app.data(ITEM, { id: mine.id })).invoiceItem).toMatchObject({ id: mine.id, pending: true });
  });
});
