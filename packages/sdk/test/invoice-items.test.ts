// invoiceItems and invoices.create/finalize/del against the real server
// (docs/concepts/invoices.md#draft-invoices): a pending item on a draft, edited, the draft
// finalized with its rendered invoice's links, and the typed error of a refused transition.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, type Tally } from "../src/index.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

describe("invoiceItems and draft invoices", () => {
  it("creates, edits and bills an item on a draft, finalizes it, and refuses deleting it after", async () => {
    const customer = await tally.customers.create({ name: "Ada" });
    const item = await tally.invoiceItems.create({
      customerId: customer.id,
      amount: "120",
      currency: "usd",
      description: "Setup",
    });
    expect(item).toMatchObject({ pending: true, amount: { amount: "120.00", currency: "usd" }, invoice: null });
    expect(item.id).toMatch(/^ii_/);
    expect((await tally.invoiceItems.list({ customerId: customer.id, pending: true })).data).toEqual([item]);
    const updated = await tally.invoiceItems.update(item.id, { amount: "150" });
    expect(updated.amount.amount).toBe("150.00");

    const draft = await tally.invoices.create({ customerId: customer.id });
    expect(draft).toMatchObject({ status: "DRAFT", number: null, billingReason: "MANUAL", hostedInvoiceUrl: null });
    expect(draft.total.amount).toBe("150.00");
    expect((await tally.invoiceItems.retrieve(item.id)).invoice).toEqual({ id: draft.id });

    const extra = await tally.invoiceItems.create({
      customerId: customer.id,
      invoiceId: draft.id,
      amount: "5",
      description: "Extra",
    });
    expect(await tally.invoiceItems.del(extra.id)).toEqual({ id: extra.id, deleted: true });

    const open = await tally.invoices.finalize(draft.id);
    expect(open).toMatchObject({ status: "OPEN", number: expect.stringMatching(/^INV-/) });
    expect(open.invoicePdf).toBe(`${open.hostedInvoiceUrl}/pdf`);
    const page = await fetch(open.hostedInvoiceUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(open.number!);

    const refused = await failure(tally.invoices.del(draft.id));
    expect(refused).toBeInstanceOf(TallyInvalidInputError);
    expect(refused).toMatchObject({ code: "INVOICE_STATE_INVALID" });
    const scratch = await tally.invoices.create({ customerId: customer.id, currency: "usd" });
    expect(await tally.invoices.del(scratch.id)).toEqual({ id: scratch.id, deleted: true });
  });
});
