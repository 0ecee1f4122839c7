// Credit notes and the customer balance through the API (docs/concepts/credit-notes.md,
// docs/concepts/customer-balance.md): notes on OPEN and PAID invoices, the balance credit flowing
// to the next invoice, never more than creditable (also concurrently), gap-free numbers, voiding a
// note, manual adjustments, and tenancy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing, type Obj } from "./support/billing.js";
import { lifecycle } from "./support/invoice-lifecycle.js";

const NOTES = graphql(`
  query CreditNotesList($invoiceId: ID, $customerId: ID) {
    creditNotes(first: 100, invoiceId: $invoiceId, customerId: $customerId) {
      edges {
        node {
          id
          number
        }
      }
    }
  }
`);

const NOTE = graphql(`
  query CreditNotesOne($id: ID!) {
    creditNote(id: $id) {
      id
      number
      status
    }
  }
`);

const EVENTS = graphql(`
  query CreditNotesEvents {
    events(first: 100, type: "credit_note.created") {
      edges {
        node {
          data
        }
      }
    }
  }
`);

let app: TestApp;
let b: Billing;
let l: ReturnType<typeof lifecycle>;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  l = lifecycle(app);
});
afterAll(() => app.close());

/** A customer on a test clock at Jan 1 with 3 seats at 10.00 and a 70.00 licence: its first invoice is OPEN for 100.00. */
async function invoiced(bill: Billing = b) {
  const clock = await bill.clock("2026-01-01T00:00:00Z");
  const seats = await bill.licensed("10", { product: "Seats" });
  const base = await bill.licensed("70", { product: "Base" });
  const customerId = await bill.customer({ testClockId: clock });
  const subscription = await bill.subscribe({
    customerId,
    items: [{ priceId: seats, quantity: 3 }, { priceId: base }],
  });
  const [invoice] = await bill.invoices({ subscriptionId: subscription.id });
  return { clock, customerId, subscription, invoice: invoice! };
}

const reason = "ORDER_CHANGE" as const;

const COUPON = graphql(`
  mutation CreditNotesCoupon($input: CreateCouponInput!) {
    createCoupon(input: $input) {
      ... on Coupon {
        id
      }
    }
  }
`);

const TAX_RATE = graphql(`
  mutation CreditNotesTaxRate($input: CreateTaxRateInput!) {
    createTaxRate(input: $input) {
      ... on TaxRate {
        id
      }
    }
  }
`);

describe("on an OPEN invoice", () => {
  it("a PRE_PAYMENT note by lines lowers amountRemaining; crediting the rest pays the invoice", async () => {
    const { invoice, customerId } = await invoiced();
    const { lines } = await l.state(invoice.id);
    const [seatLine, baseLine] = lines;
    const note = await l.note({
      invoiceId: invoice.id,
      lines: [
        { invoiceLineId: seatLine!.id!, quantity: "1" },
        { invoiceLineId: baseLine!.id!, amount: "5.50" },
      ],
      reason,
      creditToBalance: false,
      memo: "One seat fewer",
    });
    expect(note).toMatchObject({
      __typename: "CreditNote",
      number: expect.stringMatching(/^CN-\d{6}$/),
      type: "PRE_PAYMENT",
      status: "ISSUED",
      memo: "One seat fewer",
      amount: { amount: "15.50", currency: "usd" },
      creditAmount: { amount: "0.00" },
      outOfBandAmount: { amount: "0.00" },
      invoice: { id: invoice.id },
      customer: { id: customerId },
      lines: [
        { invoiceLineId: seatLine!.id, quantity: "1", unitAmount: "10", amount: { amount: "10.00" } },
        { invoiceLineId: baseLine!.id, quantity: null, unitAmount: null, amount: { amount: "5.50" } },
      ],
    });
    expect(await l.state(invoice.id)).toMatchObject({
      status: "OPEN",
      amountRemaining: { amount: "84.50" },
      prePaymentCreditNotesAmount: { amount: "15.50" },
      creditNotes: [{ id: note.id, number: note.number }],
    });
    const { events } = await app.data(EVENTS, {});
    expect(events.edges.some(({ node }) => (node.data as Obj).id === note.id)).toBe(true);
    const line = await l.note({
      invoiceId: invoice.id,
      lines: [{ invoiceLineId: seatLine!.id!, amount: "20.01" }],
      reason,
      creditToBalance: false,
    });
    expect(line).toMatchObject({ code: "CREDIT_NOTE_EXCEEDS_CREDITABLE", field: ["input", "lines", "0"] });

    expect(
      (await l.note({ invoiceId: invoice.id, amount: "84.50", reason: "DUPLICATE", creditToBalance: false })).type,
    ).toBe("PRE_PAYMENT");
    expect(await l.state(invoice.id)).toMatchObject({ status: "PAID", amountRemaining: { amount: "0.00" } });
  });

  it("a line is credited at most what is owed for it: after its discount, with its exclusive tax", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const base = await b.licensed("70", { product: "Base" });
    const coupon = (await app.data(COUPON, { input: { percentOff: "50", duration: "FOREVER" } })).createCoupon;
    const tax = (await app.data(TAX_RATE, { input: { displayName: "VAT", percentage: "10", inclusive: false } }))
      .createTaxRate;
    const customerId = await b.customer({ testClockId: clock });
    const subscription = await b.subscribe({
      customerId,
      items: [{ priceId: base }],
      discounts: [{ coupon: "id" in coupon ? coupon.id : "" }],
      defaultTaxRates: ["id" in tax ? tax.id : ""],
    });
    const [invoice] = await b.invoices({ subscriptionId: subscription.id });
    const [line] = (await l.state(invoice!.id)).lines;
    // 70.00 − 35.00 discount + 3.50 tax.
    const over = await l.note({
      invoiceId: invoice!.id,
      lines: [{ invoiceLineId: line!.id!, amount: "38.51" }],
      reason,
      creditToBalance: false,
    });
    expect(over).toMatchObject({ code: "CREDIT_NOTE_EXCEEDS_CREDITABLE", field: ["input", "lines", "0"] });
    expect(over.message).toContain("38.50");
    const exact = await l.note({
      invoiceId: invoice!.id,
      lines: [{ invoiceLineId: line!.id!, amount: "38.50" }],
      reason,
      creditToBalance: false,
    });
    expect(exact).toMatchObject({ type: "PRE_PAYMENT", amount: { amount: "38.50" } });
    expect(await l.state(invoice!.id)).toMatchObject({ status: "PAID", amountRemaining: { amount: "0.00" } });
  });

  it("concurrent notes never credit more than the invoice has left", async () => {
    const { invoice } = await invoiced();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => l.note({ invoiceId: invoice.id, amount: "30", reason, creditToBalance: false })),
    );
    expect(results.filter((r) => r.__typename === "CreditNote")).toHaveLength(3);
    const refused = results.filter((r) => r.__typename !== "CreditNote");
    expect(refused.map((r) => r.code)).toEqual(["CREDIT_NOTE_EXCEEDS_CREDITABLE", "CREDIT_NOTE_EXCEEDS_CREDITABLE"]);
    expect(refused[0]!.message).toBe(
      "The credit note's 30.00 is more than the 10.00 usd left to credit on this invoice",
    );
    expect((await l.state(invoice.id)).amountRemaining.amount).toBe("10.00");
  });

  it("voiding a note: the invoice owes its amount again; only while the invoice is OPEN", async () => {
    const { invoice } = await invoiced();
    const note = await l.note({ invoiceId: invoice.id, amount: "40", reason, creditToBalance: false });
    expect(await l.voidNote(note.id)).toMatchObject({ status: "VOID", voidedAt: "2026-01-01T00:00:00.000Z" });
    expect(await l.state(invoice.id)).toMatchObject({
      amountRemaining: { amount: "100.00" },
      prePaymentCreditNotesAmount: { amount: "0.00" },
    });
    expect(await l.voidNote(note.id)).toMatchObject({ code: "INVALID_INPUT" });
    const kept = await l.note({ invoiceId: invoice.id, amount: "10", reason, creditToBalance: false });
    await l.pay(invoice.id);
    expect(await l.voidNote(kept.id)).toMatchObject({
      code: "INVOICE_STATE_INVALID",
      message: `Invoice ${invoice.number} is PAID: only an OPEN invoice's credit notes can be voided`,
    });
  });

  it("refuses VOID and UNCOLLECTIBLE invoices, naming the status, and malformed requests", async () => {
    const voided = (await invoiced()).invoice;
    await l.void(voided.id);
    expect(await l.note({ invoiceId: voided.id, amount: "1", reason, creditToBalance: false })).toEqual({
      __typename: "InvalidInputError",
      code: "INVOICE_STATE_INVALID",
      message: "A credit note needs an OPEN or PAID invoice; this one is VOID",
      field: ["input", "invoiceId"],
    });
    const written = (await invoiced()).invoice;
    await l.uncollectible(written.id);
    expect((await l.note({ invoiceId: written.id, amount: "1", reason, creditToBalance: false })).message).toContain(
      "this one is UNCOLLECTIBLE",
    );
    const open = (await invoiced()).invoice;
    expect(await l.note({ invoiceId: open.id, reason, creditToBalance: false })).toMatchObject({
      code: "INVALID_INPUT",
      message: "Give exactly one of lines and amount",
    });
    expect(await l.note({ invoiceId: open.id, amount: "1.001", reason, creditToBalance: false })).toMatchObject({
      code: "INVALID_INPUT",
      field: ["input", "amount"],
    });
    expect(await l.note({ invoiceId: "in_missing", amount: "1", reason, creditToBalance: false })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await app.data(NOTES, { invoiceId: open.id })).creditNotes.edges).toEqual([]);
  });
});

describe("on a PAID invoice", () => {
  it("creditToBalance: the customer balance is credited, and the next invoice uses it", async () => {
    const { invoice, clock, customerId, subscription } = await invoiced();
    await l.pay(invoice.id);
    const note = await l.note({
      invoiceId: invoice.id,
      amount: "25",
      reason: "PRODUCT_UNSATISFACTORY",
      creditToBalance: true,
    });
    expect(note).toMatchObject({
      type: "POST_PAYMENT",
      creditAmount: { amount: "25.00" },
      outOfBandAmount: { amount: "0.00" },
    });
    expect(await l.state(invoice.id)).toMatchObject({
      status: "PAID",
      postPaymentCreditNotesAmount: { amount: "25.00" },
    });
    expect((await l.balance(customerId)).balances).toEqual(["-25.00 usd"]);

    // The preview shows it; the next cycle's invoice applies it after credits.
    const preview = await b.preview(subscription.id);
    expect(preview!.amountDue.amount).toBe("75.00");
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [, february] = await b.invoices({ subscriptionId: subscription.id });
    expect(await l.state(february!.id)).toMatchObject({
      startingBalance: { amount: "-25.00" },
      endingBalance: { amount: "0.00" },
      amountDue: { amount: "75.00" },
    });
    const balance = await l.balance(customerId);
    expect(balance.ledger).toEqual(["CREDIT_NOTE -25.00 → -25.00", "APPLIED_TO_INVOICE 25.00 → 0.00"]);
    expect(balance.nodes[0]!.creditNote).toEqual({ id: note.id });
    expect(balance.nodes[1]!.invoice).toEqual({ id: february!.id });
    expect(balance.balances).toEqual(["0.00 usd"]);
  });

  it("without creditToBalance it is settled out of band; at most what was paid, less earlier notes", async () => {
    const { invoice, customerId } = await invoiced();
    await l.pay(invoice.id);
    const note = await l.note({ invoiceId: invoice.id, amount: "60", reason: "FRAUDULENT", creditToBalance: false });
    expect(note).toMatchObject({ outOfBandAmount: { amount: "60.00" }, creditAmount: { amount: "0.00" } });
    expect(await l.note({ invoiceId: invoice.id, amount: "40.01", reason, creditToBalance: true })).toMatchObject({
      code: "CREDIT_NOTE_EXCEEDS_CREDITABLE",
    });
    expect((await l.balance(customerId)).ledger).toEqual([]);
  });
});

describe("numbers (docs/concepts/credit-notes.md#numbers)", () => {
  it("gap-free per account and mode, also when issued concurrently", async () => {
    const account = await app.createAccount();
    const own = billing(app, account.testSecretKey);
    const notes = lifecycle(app, account.testSecretKey);
    const { invoice } = await invoiced(own);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        notes.note({ invoiceId: invoice.id, amount: "10", reason, creditToBalance: false }),
      ),
    );
    expect(results.map((r) => r.number).sort()).toEqual(["CN-000001", "CN-000002", "CN-000003", "CN-000004"]);
    // A refused note takes no number.
    await notes.note({ invoiceId: invoice.id, amount: "1000", reason, creditToBalance: false });
    expect((await notes.note({ invoiceId: invoice.id, amount: "1", reason, creditToBalance: false })).number).toBe(
      "CN-000005",
    );
    // Live mode has its own series.
    const live = billing(app, account.liveSecretKey);
    const price = await live.licensed("5");
    const liveCustomer = await live.customer();
    const liveSub = await live.subscribe({ customerId: liveCustomer, items: [{ priceId: price }] });
    const [liveInvoice] = await live.invoices({ subscriptionId: liveSub.id });
    const liveNote = await lifecycle(app, account.liveSecretKey).note({
      invoiceId: liveInvoice!.id,
      amount: "1",
      reason,
      creditToBalance: false,
    });
    expect(liveNote.number).toBe("CN-000001");
  });
});

describe("customer balance adjustments (docs/concepts/customer-balance.md#adjustments)", () => {
  it("adds to the ledger with the running balance; refuses bad amounts and unknown customers", async () => {
    const customerId = await b.customer();
    expect(await l.adjust(customerId, "12.50", "usd", "Late fee")).toMatchObject({
      __typename: "CustomerBalanceTransaction",
      type: "ADJUSTMENT",
      amount: { amount: "12.50", currency: "usd" },
      endingBalance: { amount: "12.50" },
    });
    await l.adjust(customerId, "-2.50");
    await l.adjust(customerId, "-300", "jpy");
    expect(await l.balance(customerId)).toMatchObject({
      balances: ["-300 jpy", "10.00 usd"],
      ledger: ["ADJUSTMENT 12.50 → 12.50", "ADJUSTMENT -2.50 → 10.00", "ADJUSTMENT -300 → -300"],
    });
    expect(await l.adjust(customerId, "0")).toMatchObject({ code: "INVALID_INPUT" });
    expect(await l.adjust(customerId, "1.5", "jpy")).toMatchObject({ code: "INVALID_INPUT" });
    expect(await l.adjust(customerId, "1", "xyz")).toMatchObject({ code: "INVALID_INPUT" });
    expect(await l.adjust("cus_missing", "1")).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("tenancy", () => {
  it("another account or the other mode sees no notes or balances and cannot credit the invoice", async () => {
    const { invoice, customerId } = await invoiced();
    const note = await l.note({ invoiceId: invoice.id, amount: "5", reason, creditToBalance: false });
    await l.adjust(customerId, "-5");
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      expect((await app.data(NOTE, { id: note.id }, key)).creditNote).toBeNull();
      expect((await app.data(NOTES, { customerId }, key)).creditNotes.edges).toEqual([]);
      const stranger = lifecycle(app, key);
      expect(await stranger.note({ invoiceId: invoice.id, amount: "1", reason, creditToBalance: false })).toMatchObject(
        {
          code: "NOT_FOUND",
        },
      );
      expect(await stranger.voidNote(note.id)).toMatchObject({ code: "NOT_FOUND" });
      expect((await stranger.balance(customerId)).ledger).toEqual([]);
      expect(await stranger.adjust(customerId, "-1")).toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await app.data(NOTE, { id: note.id })).creditNote).toMatchObject({ status: "ISSUED" });
  });
});
