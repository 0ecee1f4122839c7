// Invoices (docs/concepts/prices.md, docs/concepts/invoices.md) through the API: every pricing scheme and aggregation on a real invoice,
// rounding per currency, numbering, listing and filters, node lookup, isolation, and the database
// constraint that forbids a second invoice for one subscription period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "../src/db/errors.js";
import { newId } from "../src/ids.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, summary, type Billing, type Obj } from "./support/billing.js";
import { graphql } from "./generated/gql.js";

const LIST = graphql(`
  query InvoicesList($c: ID, $s: ID, $st: InvoiceStatus, $first: Int, $after: String) {
    invoices(customerId: $c, subscriptionId: $s, status: $st, first: $first, after: $after) {
      edges {
        node {
          id
          number
          createdAt
          subscription {
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

const ONE = graphql(`
  query InvoicesOne($id: ID!) {
    invoice(id: $id) {
      ...BillingInvoice
    }
    node(id: $id) {
      __typename
      id
      ... on Invoice {
        number
      }
    }
  }
`);

const INVOICE_ID = graphql(`
  query InvoicesId($id: ID!) {
    invoice(id: $id) {
      id
    }
  }
`);

const CUSTOMER_INVOICES = graphql(`
  query InvoicesOfCustomer($id: ID!) {
    customer(id: $id) {
      invoices(first: 2) {
        edges {
          node {
            id
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

const VISIBLE = graphql(`
  query InvoicesVisible($id: ID!, $c: ID!, $s: ID!) {
    invoice(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    all: invoices {
      edges {
        node {
          id
        }
      }
    }
    byCustomer: invoices(customerId: $c) {
      edges {
        node {
          id
        }
      }
    }
    bySub: invoices(subscriptionId: $s) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

let meters = 0;
const eventNameOf = () => `usage_${(meters += 1)}`;

/**
 * One month of usage on a metered price: a customer on a clock at 2026-01-01 subscribes to the
 * price, the events are recorded on Jan 10, the clock reaches Feb 1; returns the period-end invoice.
 */
async function invoiceFor(
  pricing: Obj,
  values: string[],
  options: { aggregation?: "SUM" | "COUNT" | "LAST" | "MAX"; currency?: string } = {},
) {
  const eventName = eventNameOf();
  const meter = await b.meter(eventName, options.aggregation ?? "SUM");
  const price = await b.metered(meter, pricing, { currency: options.currency ?? "usd" });
  const clock = await b.clock("2026-01-01T00:00:00Z");
  const customer = await b.customer({ testClockId: clock });
  const sub = await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
  await b.advance(clock, "2026-01-10T00:00:00Z");
  for (const [i, value] of values.entries()) {
    await b.record({
      eventName,
      customerId: customer,
      value,
      timestamp: new Date(Date.UTC(2026, 0, 9, 0, i)).toISOString(),
    });
  }
  await b.advance(clock, "2026-02-01T00:00:00Z");
  const invoices = await b.invoices({ subscriptionId: sub.id });
  expect(invoices).toHaveLength(1);
  return invoices[0]!;
}

const TIERS = [
  { upTo: "5", unitAmount: "5" },
  { upTo: "10", unitAmount: "4" },
  { upTo: "15", unitAmount: "3" },
  { upTo: "20", unitAmount: "2" },
  { upTo: null, unitAmount: "1" },
];

describe("pricing on invoices (docs/concepts/prices.md#worked-example)", () => {
  it.each([
    ["VOLUME q=6", "VOLUME", "6", { total: "24.00", lines: ["USAGE 2 6 × 4 = 24.00"] }],
    ["VOLUME q=20", "VOLUME", "20", { total: "40.00", lines: ["USAGE 4 20 × 2 = 40.00"] }],
    ["VOLUME q=25", "VOLUME", "25", { total: "25.00", lines: ["USAGE 5 25 × 1 = 25.00"] }],
    ["GRADUATED q=6", "GRADUATED", "6", { total: "29.00", lines: ["USAGE 1 5 × 5 = 25.00", "USAGE 2 1 × 4 = 4.00"] }],
    [
      "GRADUATED q=25",
      "GRADUATED",
      "25",
      {
        total: "75.00",
        lines: [
          "USAGE 1 5 × 5 = 25.00",
          "USAGE 2 5 × 4 = 20.00",
          "USAGE 3 5 × 3 = 15.00",
          "USAGE 4 5 × 2 = 10.00",
          "USAGE 5 5 × 1 = 5.00",
        ],
      },
    ],
  ])("%s", async (_name, tiersMode, quantity, expected) => {
    const invoice = await invoiceFor({ billingScheme: "TIERED", tiersMode, tiers: TIERS }, [quantity]);
    expect(summary(invoice)).toEqual(expected);
  });

  it("includes a tier's flat amount in that tier's line", async () => {
    const tiers = [
      { upTo: "10", unitAmount: "1", flatAmount: "5" },
      { upTo: null, unitAmount: "0.5", flatAmount: "20" },
    ];
    const invoice = await invoiceFor({ billingScheme: "TIERED", tiersMode: "GRADUATED", tiers }, ["12"]);
    expect(summary(invoice)).toEqual({ total: "36.00", lines: ["USAGE 1 10 × 1 = 15.00", "USAGE 2 2 × 0.5 = 21.00"] });
    expect(invoice.lines.map((l: Obj) => l.description)).toEqual([
      "Usage — tier 1 (up to 10)",
      "Usage — tier 2 (above 10)",
    ]);
  });

  it("bills package pricing: 150 minutes at 10 per started hour → 30.00", async () => {
    const invoice = await invoiceFor({ unitAmount: "10", transformQuantity: { divideBy: 60, round: "UP" } }, [
      "100",
      "50",
    ]);
    expect(summary(invoice)).toEqual({ total: "30.00", lines: ["USAGE - 3 × 10 = 30.00"] });
  });

  it("rounds each line half away from zero to the currency's minor unit", async () => {
    // 3 × 0.005 = 0.015 → 0.02 (usd); 25 × 0.3 jpy = 7.5 → 8; 1 × 0.0005 kwd → 0.001.
    expect(summary(await invoiceFor({ unitAmount: "0.005" }, ["3"]))).toEqual({
      total: "0.02",
      lines: ["USAGE - 3 × 0.005 = 0.02"],
    });
    const jpy = await invoiceFor({ unitAmount: "0.3" }, ["25"], { currency: "jpy" });
    expect(jpy).toMatchObject({
      currency: "jpy",
      total: { amount: "8", currency: "jpy" },
      subtotal: { amount: "8" },
      creditsApplied: { amount: "0" },
    });
    const kwd = await invoiceFor({ unitAmount: "0.0005" }, ["1"], { currency: "kwd" });
    expect(kwd.total).toEqual({ amount: "0.001", currency: "kwd" });
  });

  it.each([
    ["SUM", ["3", "4", "-2"], "5"],
    ["COUNT", ["3", "4", "-2"], "3"],
    ["LAST", ["3", "9", "4"], "4"],
    ["MAX", ["3", "9", "4"], "9"],
  ] as const)("bills a %s meter's aggregate", async (aggregation, values, quantity) => {
    const invoice = await invoiceFor({ unitAmount: "1" }, [...values], { aggregation });
    expect(invoice.lines).toMatchObject([{ kind: "USAGE", quantity, amount: { amount: `${quantity}.00` } }]);
  });

  it("bills a negative period total as zero", async () => {
    const invoice = await invoiceFor({ unitAmount: "1" }, ["-5"]);
    expect(invoice.total.amount).toBe("0.00");
  });
});

describe("numbers, lists and lookups", () => {
  it("numbers invoices INV-000001, INV-000002, … per account and mode, without gaps", async () => {
    const account = await app.createAccount("Numbers");
    for (const key of [account.testSecretKey, account.liveSecretKey]) {
      const own = billing(app, key);
      const customer = await own.customer();
      const price = await own.licensed("1");
      for (let i = 0; i < 3; i += 1) await own.subscribe({ customerId: customer, items: [{ priceId: price }] });
      expect((await own.invoices()).map((i) => i.number)).toEqual(["INV-000001", "INV-000002", "INV-000003"]);
    }
  });

  it("lists newest first, filters by customer, subscription and status, and pages", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const customer = await b.customer({ testClockId: clock });
    const price = await b.licensed("10");
    const a = await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
    await b.advance(clock, "2026-01-15T00:00:00Z");
    const c = await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
    await b.advance(clock, "2026-03-01T00:00:00Z");
    // a: Jan 1, Feb 1, Mar 1; c: Jan 15, Feb 15.
    const all = (await app.data(LIST, { c: customer })).invoices.edges.map((e) => e.node);
    expect(all.map((i) => [i.createdAt.slice(0, 10), i.subscription?.id])).toEqual([
      ["2026-03-01", a.id],
      ["2026-02-15", c.id],
      ["2026-02-01", a.id],
      ["2026-01-15", c.id],
      ["2026-01-01", a.id],
    ]);
    const numbers = all.map((i) => Number(i.number.slice(4)));
    expect(numbers).toEqual([...numbers].sort((x, y) => y - x));
    expect((await app.data(LIST, { s: c.id })).invoices.edges).toHaveLength(2);
    expect((await app.data(LIST, { c: customer, st: "OPEN" })).invoices.edges).toHaveLength(5);
    expect((await app.data(LIST, { c: customer, st: "PAID" })).invoices.edges).toHaveLength(0);
    const page1 = (await app.data(LIST, { c: customer, first: 3 })).invoices;
    const page2 = (await app.data(LIST, { c: customer, first: 3, after: page1.pageInfo.endCursor })).invoices;
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual(all.map((i) => i.id));

    const newest = all[0]!;
    const one = await app.data(ONE, { id: newest.id });
    expect(one.invoice).toMatchObject({
      id: newest.id,
      number: newest.number,
      customer: { id: customer },
      status: "OPEN",
    });
    expect(one.node).toEqual({ __typename: "Invoice", id: newest.id, number: newest.number });
    expect(newest.id).toMatch(/^in_/);
    expect((await app.data(INVOICE_ID, { id: "in_nope" })).invoice).toBeNull();

    const viaCustomer = await app.data(CUSTOMER_INVOICES, { id: customer });
    expect(viaCustomer.customer?.invoices).toEqual({
      edges: all.slice(0, 2).map((i) => ({ node: { id: i.id } })),
      pageInfo: { hasNextPage: true },
    });
  });

  it("hides invoices from other accounts and modes", async () => {
    const customer = await b.customer();
    const price = await b.licensed("1");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
    const [invoice] = await b.invoices({ subscriptionId: sub.id });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, other.liveSecretKey, app.account.liveSecretKey]) {
      const res = await app.data(VISIBLE, { id: invoice!.id, c: customer, s: sub.id }, key);
      expect(res).toEqual({
        invoice: null,
        node: null,
        all: { edges: [] },
        byCustomer: { edges: [] },
        bySub: { edges: [] },
      });
    }
  });
});

describe("the one-invoice-per-period constraint", () => {
  it("refuses a second invoice for the same subscription, reason and period end", async () => {
    const customer = await b.customer();
    const price = await b.licensed("1");
    const sub = await b.subscribe({ customerId: customer, items: [{ priceId: price }] });
    const stored = await app.database.prisma.invoice.findFirstOrThrow({ where: { subscriptionId: sub.id } });
    const { id: _id, number: _number, ...copy } = stored;
    const error = await app.database.prisma.invoice
      .create({ data: { ...copy, id: newId("Invoice"), number: "INV-DUPLICATE" } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error)).toBe(true);
  });
});
