// invoices.pay / void / markUncollectible, creditNotes and the customer balance methods against the
// real server: the status moves, a credit note to the balance used by the next invoice, and the
// error classes of refused calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, TallyNotFoundError, type Tally } from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

const usd = (amount: string) => ({ amount, currency: "usd" });

describe("invoices: pay, void, markUncollectible (docs/concepts/invoices.md#status)", () => {
  it("moves the status and refuses what the machine forbids", async () => {
    const { subscription } = await alpaca(tally);
    const [first] = (await tally.invoices.list({ subscriptionId: subscription.id })).data;
    const written = await tally.invoices.markUncollectible(first!.id);
    expect(written).toMatchObject({ status: "UNCOLLECTIBLE", markedUncollectibleAt: "2026-01-01T00:00:00.000Z" });
    const paid = await tally.invoices.pay(first!.id, { paidOutOfBand: true });
    expect(paid).toMatchObject({ status: "PAID", amountPaid: usd("100.00"), amountRemaining: usd("0.00") });
    const refused = await failure(tally.invoices.void(first!.id));
    expect(refused).toBeInstanceOf(TallyInvalidInputError);
    expect(refused).toMatchObject({
      code: "INVOICE_STATE_INVALID",
      message: `Invoice ${first!.number} is PAID: it cannot be voided`,
    });
    expect(await failure(tally.invoices.void("in_missing"))).toBeInstanceOf(TallyNotFoundError);
  });
});

describe("creditNotes and the customer balance (docs/concepts/credit-notes.md)", () => {
  it("a note on a paid invoice credited to the balance; the balance ledger; voiding a note", async () => {
    const { customer, subscription } = await alpaca(tally);
    const [first] = (await tally.invoices.list({ subscriptionId: subscription.id })).data;
    await tally.invoices.pay(first!.id, { paidOutOfBand: true });
    const note = await tally.creditNotes.create({
      invoiceId: first!.id,
      amount: "20",
      reason: "PRODUCT_UNSATISFACTORY",
      creditToBalance: true,
    });
    expect(note).toMatchObject({ type: "POST_PAYMENT", status: "ISSUED", creditAmount: usd("20.00") });
    expect(note.number).toMatch(/^CN-\d{6}$/);
    expect(await tally.creditNotes.retrieve(note.id)).toEqual(note);
    expect((await tally.creditNotes.list({ invoiceId: first!.id })).data.map((n) => n.id)).toEqual([note.id]);
    const adjustment = await tally.customers.createBalanceTransaction(customer.id, {
      amount: usd("5"),
      description: "Late fee",
    });
    expect(adjustment).toMatchObject({ type: "ADJUSTMENT", endingBalance: usd("-15.00") });
    const ledger = (await tally.customers.listBalanceTransactions(customer.id)).data;
    expect(ledger.map((entry) => [entry.type, entry.amount.amount, entry.creditNote?.id ?? null])).toEqual([
      ["ADJUSTMENT", "5.00", null],
      ["CREDIT_NOTE", "-20.00", note.id],
    ]);
    expect((await tally.customers.retrieve(customer.id)).balances).toEqual([usd("-15.00")]);
    const refused = await failure(tally.creditNotes.void(note.id));
    expect(refused).toMatchObject({ code: "INVOICE_STATE_INVALID" });
    const exceeded = await failure(
      tally.creditNotes.create({ invoiceId: first!.id, amount: "80.01", reason: "DUPLICATE", creditToBalance: false }),
    );
    expect(exceeded).toMatchObject({ code: "CREDIT_NOTE_EXCEEDS_CREDITABLE" });
  });
});
