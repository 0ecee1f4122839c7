// DRAFT invoices and the rendered invoice through the API (docs/concepts/invoices.md#draft-invoices,
// #the-rendered-invoice): a draft holds the customer's pending items, is editable until finalized,
// takes its gap-free number then; only drafts can be deleted (their items become pending again);
// the hosted page and the PDF (parsed back) show the number, the lines and the totals, without a key.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";
import type { CreateInvoiceInput, CreateInvoiceItemInput } from "./generated/graphql.js";

let app: TestApp;
let c: Catalog;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
});
afterAll(() => app.close());

// The fields every document below reads of an invoice.
graphql(`
  fragment InvoiceDraftsFields on Invoice {
    id
    number
    status
    billingReason
    currency
    description
    finalizedAt
    hostedInvoiceUrl
    invoicePdf
    subscription {
      id
    }
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
    subtotal {
      amount
    }
    total {
      amount
    }
    amountDue {
      amount
    }
  }
`);

const CREATE = graphql(`
  mutation InvoiceDraftsCreate($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      __typename
      ...InvoiceDraftsFields
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const FINALIZE = graphql(`
  mutation InvoiceDraftsFinalize($id: ID!) {
    finalizeInvoice(input: { id: $id }) {
      __typename
      ...InvoiceDraftsFields
      ... on Error {
        code
        message
      }
    }
  }
`);

const DELETE = graphql(`
  mutation InvoiceDraftsDelete($id: ID!) {
    deleteInvoice(input: { id: $id }) {
      __typename
      ... on DeletedInvoice {
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

const INVOICE = graphql(`
  query InvoiceDraftsOne($id: ID!) {
    invoice(id: $id) {
      ...InvoiceDraftsFields
    }
  }
`);

const ADD_ITEM = graphql(`
  mutation InvoiceDraftsAddItem($input: CreateInvoiceItemInput!) {
    createInvoiceItem(input: $input) {
      __typename
      ... on InvoiceItem {
        id
        pending
        invoice {
          id
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const UPDATE_ITEM = graphql(`
  mutation InvoiceDraftsUpdateItem($id: ID!, $amount: Decimal!) {
    updateInvoiceItem(input: { id: $id, amount: $amount }) {
      __typename
      ... on Error {
        code
        message
      }
    }
  }
`);

const DELETE_ITEM = graphql(`
  mutation InvoiceDraftsDeleteItem($id: ID!) {
    deleteInvoiceItem(input: { id: $id }) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

const ITEM = graphql(`
  query InvoiceDraftsItem($id: ID!) {
    invoiceItem(id: $id) {
      pending
      invoice {
        id
      }
    }
  }
`);

type Invoice = Extract<Awaited<ReturnType<typeof create>>, { __typename: "Invoice" }>;

async function create(input: CreateInvoiceInput, key?: string) {
  return (await app.data(CREATE, { input }, key)).createInvoice;
}

async function draft(input: CreateInvoiceInput) {
  const created = await create(input);
  if (created.__typename !== "Invoice") throw new Error(`createInvoice failed: ${JSON.stringify(created)}`);
  return created;
}

async function addItem(input: CreateInvoiceItemInput) {
  const created = (await app.data(ADD_ITEM, { input })).createInvoiceItem;
  if (created.__typename !== "InvoiceItem") throw new Error(`createInvoiceItem failed: ${JSON.stringify(created)}`);
  return created;
}

async function finalize(id: string): Promise<Invoice> {
  const finalized = (await app.data(FINALIZE, { id })).finalizeInvoice;
  if (finalized.__typename !== "Invoice") throw new Error(`finalizeInvoice failed: ${JSON.stringify(finalized)}`);
  return finalized as Invoice;
}

const lines = (invoice: { lines: Array<{ description: string; amount: { amount: string } }> }) =>
  invoice.lines.map((l) => `${l.description} ${l.amount.amount}`);

const pathOf = (url: string) => new URL(url).pathname;

describe("drafts", () => {
  it("hold the pending items, stay editable until finalized, then are numbered and OPEN", async () => {
    const customer = await c.customer({ name: "Ada Lovelace" });
    const onboarding = await addItem({
      customerId: customer.id,
      amount: "300",
      currency: "usd",
      description: "Onboarding",
    });
    const made = await draft({ customerId: customer.id, description: "Project kickoff" });
    expect(made).toMatchObject({
      status: "DRAFT",
      number: null,
      billingReason: "MANUAL",
      currency: "usd",
      description: "Project kickoff",
      finalizedAt: null,
      hostedInvoiceUrl: null,
      invoicePdf: null,
      subscription: null,
    });
    expect(lines(made)).toEqual(["Onboarding 300.00"]);
    expect((await app.data(ITEM, { id: onboarding.id })).invoiceItem).toEqual({
      pending: false,
      invoice: { id: made.id },
    });

    const price = await c.licensed("49.5", { product: "Training day" });
    const training = await addItem({ customerId: customer.id, invoiceId: made.id, priceId: price.id, quantity: 2 });
    expect(training.invoice?.id).toBe(made.id);
    expect((await app.data(UPDATE_ITEM, { id: onboarding.id, amount: "250" })).updateInvoiceItem.__typename).toBe(
      "InvoiceItem",
    );
    const edited = (await app.data(INVOICE, { id: made.id })).invoice!;
    expect(lines(edited)).toEqual(["Onboarding 250.00", "Training day 99.00"]);
    expect([edited.subtotal.amount, edited.total.amount, edited.amountDue.amount]).toEqual([
      "349.00",
      "349.00",
      "349.00",
    ]);

    const finalized = await finalize(made.id);
    expect(finalized).toMatchObject({ status: "OPEN", number: expect.stringMatching(/^INV-\d{6}$/) });
    expect(finalized.finalizedAt).not.toBeNull();
    expect(finalized.hostedInvoiceUrl).toMatch(/^http:\/\/tally\.test\/invoices\/view\/[0-9A-Za-z]{43}$/);
    expect(finalized.invoicePdf).toBe(`${finalized.hostedInvoiceUrl}/pdf`);
    const events = await app.database.prisma.event.findMany({
      where: { data: { path: ["id"], equals: made.id } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(["invoice.created", "invoice.finalized"]);

    for (const refused of [
      (await app.data(FINALIZE, { id: made.id })).finalizeInvoice,
      (await app.data(DELETE, { id: made.id })).deleteInvoice,
      (await app.data(UPDATE_ITEM, { id: training.id, amount: "1" })).updateInvoiceItem,
      (await app.data(DELETE_ITEM, { id: training.id })).deleteInvoiceItem,
    ]) {
      expect(refused).toMatchObject({ code: "INVOICE_STATE_INVALID" });
    }
    const added = (
      await app.data(ADD_ITEM, {
        input: { customerId: customer.id, invoiceId: made.id, amount: "1", description: "Late" },
      })
    ).createInvoiceItem;
    expect(added).toMatchObject({ code: "INVOICE_STATE_INVALID", message: expect.stringContaining("is OPEN") });
    expect(lines((await app.data(INVOICE, { id: made.id })).invoice!)).toEqual(lines(edited));
  });

  it("deleting a draft makes its items pending again and takes no number", async () => {
    const customer = await c.customer();
    const fee = await addItem({ customerId: customer.id, amount: "10", currency: "eur", description: "Fee" });
    const first = await draft({ customerId: customer.id });
    expect((await app.data(DELETE, { id: first.id })).deleteInvoice).toEqual({
      __typename: "DeletedInvoice",
      id: first.id,
      deleted: true,
    });
    expect((await app.data(INVOICE, { id: first.id })).invoice).toBeNull();
    expect((await app.data(ITEM, { id: fee.id })).invoiceItem).toEqual({ pending: true, invoice: null });
    expect(
      await app.database.prisma.event.count({
        where: { type: "invoice.deleted", data: { path: ["id"], equals: first.id } },
      }),
    ).toBe(1);

    const a = await finalize((await draft({ customerId: customer.id })).id);
    const b = await finalize(
      (await draft({ customerId: customer.id, currency: "eur", pendingInvoiceItemsBehavior: "EXCLUDE" })).id,
    );
    expect(lines(a)).toEqual(["Fee 10.00"]);
    expect(b.lines).toEqual([]);
    expect(Number(b.number!.slice(4))).toBe(Number(a.number!.slice(4)) + 1);
  });

  it("refuses what it cannot make, storing nothing", async () => {
    const customer = await c.customer();
    const before = await app.database.prisma.invoice.count();
    expect(await create({ customerId: customer.id })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "currency"],
    });
    expect(await create({ customerId: "cus_nope", currency: "usd" })).toMatchObject({ code: "NOT_FOUND" });
    expect(await create({ customerId: customer.id, currency: "nope" })).toMatchObject({ code: "INVALID_INPUT" });
    const price = await c.licensed("5");
    const subscription = await c.subscribe({ customerId: customer.id, items: [{ priceId: price.id, quantity: 1 }] });
    expect(await create({ customerId: customer.id, subscriptionId: subscription.id, currency: "eur" })).toMatchObject({
      code: "CURRENCY_MISMATCH",
    });
    // Only the subscription's first invoice was stored.
    expect(await app.database.prisma.invoice.count()).toBe(before + 1);
    const open =
      (await c.subscribe({ customerId: customer.id, items: [{ priceId: price.id, quantity: 1 }] })) &&
      (await app.database.prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } }));
    expect((await app.data(DELETE, { id: open.id })).deleteInvoice).toMatchObject({
      code: "INVOICE_STATE_INVALID",
      message: expect.stringContaining("is OPEN"),
    });
  });

  it("another account or mode sees and touches nothing", async () => {
    const customer = await c.customer();
    const mine = await draft({ customerId: customer.id, currency: "usd" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      expect((await app.data(INVOICE, { id: mine.id }, key)).invoice).toBeNull();
      expect(await create({ customerId: customer.id, currency: "usd" }, key)).toMatchObject({ code: "NOT_FOUND" });
      expect((await app.data(FINALIZE, { id: mine.id }, key)).finalizeInvoice).toMatchObject({ code: "NOT_FOUND" });
      expect((await app.data(DELETE, { id: mine.id }, key)).deleteInvoice).toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await app.data(INVOICE, { id: mine.id })).invoice?.status).toBe("DRAFT");
  });
});

/** pdf.js reads the metrics of the PDF's standard fonts (Helvetica) from its own files. */
const STANDARD_FONTS = join(
  dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")),
  "standard_fonts/",
);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({ data: bytes, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS });
  const pdf = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await task.destroy();
  return pages.join("\n");
}

describe("the rendered invoice", () => {
  it("serves the hosted page and the PDF without a key, escaped, private, stored once", async () => {
    const customer = await c.customer({ name: "<b>Grace</b> & Co", email: "grace@example.com" });
    await addItem({
      customerId: customer.id,
      amount: "1234.5",
      currency: "usd",
      description: "Consulting <script>alert(1)</script>",
    });
    await addItem({
      customerId: customer.id,
      amount: "-34.5",
      currency: "usd",
      description: "Discount for early payment",
    });
    const invoice = await finalize((await draft({ customerId: customer.id })).id);

    const page = await app.fetch(pathOf(invoice.hostedInvoiceUrl!));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toMatch(/^private/);
    const html = await page.text();
    expect(html).toContain(invoice.number!);
    expect(html).toContain("Test account");
    expect(html).toContain("&lt;b&gt;Grace&lt;/b&gt; &amp; Co");
    expect(html).toContain("Consulting &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).toContain("$1,234.50");
    expect(html).toContain("-$34.50");
    expect(html).toContain("$1,200.00 due");
    expect(html).not.toContain(app.account.testSecretKey);

    const pdfResponse = await app.fetch(pathOf(invoice.invoicePdf!));
    expect(pdfResponse.status).toBe(200);
    expect(pdfResponse.headers.get("content-type")).toBe("application/pdf");
    expect(pdfResponse.headers.get("cache-control")).toMatch(/^private/);
    const bytes = new Uint8Array(await pdfResponse.arrayBuffer());
    const text = await pdfText(bytes.slice());
    for (const expected of [
      invoice.number!,
      "Test account",
      "Consulting <script>alert(1)</script>",
      "Discount for early payment",
      "$1,234.50",
      "-$34.50",
      "$1,200.00",
    ]) {
      expect(text).toContain(expected);
    }
    const again = new Uint8Array(await (await app.fetch(pathOf(invoice.invoicePdf!))).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(await app.database.prisma.invoiceDocument.count({ where: { invoiceId: invoice.id } })).toBe(1);
  });

  it("answers 404 for an unknown token and anything else under /invoices/view/", async () => {
    const unknown = `/invoices/view/${"A".repeat(43)}`;
    for (const path of [unknown, `${unknown}/pdf`, "/invoices/view/short", `${unknown}/x`]) {
      const response = await app.fetch(path);
      expect(response.status).toBe(404);
    }
  });
});
