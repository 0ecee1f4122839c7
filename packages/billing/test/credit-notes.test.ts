import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decimal,
  ZERO,
  creditableAmount,
  planCreditNote,
  sum,
  type CreditNoteRequest,
  type CreditableInvoice,
  type InvoiceStatus,
} from "../src/index.js";
import { d, decimalArb } from "./support.js";

const line = (id: string, quantity: string, unitAmount: string, amount: string, credited = "0") => ({
  id,
  description: `Line ${id}`,
  quantity: d(quantity),
  unitAmount: d(unitAmount),
  amount: d(amount),
  credited: d(credited),
});

const invoice = (overrides: Partial<CreditableInvoice> = {}): CreditableInvoice => ({
  status: "OPEN",
  currency: "usd",
  amountRemaining: d("130"),
  amountPaid: ZERO,
  postPaymentCreditNotesAmount: ZERO,
  lines: [line("il_a", "1", "100", "100"), line("il_b", "3", "10", "30")],
  ...overrides,
});

const outcome = (plan: ReturnType<typeof planCreditNote>) =>
  plan.ok
    ? [plan.type, plan.amount.toFixed(2), plan.lines.map((l) => [l.invoiceLineId, l.amount.toFixed(2)])]
    : [plan.problem, plan.message, plan.field];

describe("creditableAmount (docs/concepts/credit-notes.md#how-much-can-be-credited)", () => {
  it.each<[InvoiceStatus, string]>([
    ["OPEN", "130"],
    ["PAID", "80"],
    ["VOID", "0"],
    ["UNCOLLECTIBLE", "0"],
    ["DRAFT", "0"],
  ])("%s: %s", (status, expected) => {
    const paid = { amountPaid: d("130"), postPaymentCreditNotesAmount: d("50") };
    expect(creditableAmount(invoice({ status, ...paid })).equals(d(expected))).toBe(true);
  });
});

describe("planCreditNote", () => {
  it("one amount on an OPEN invoice is a PRE_PAYMENT note", () => {
    expect(outcome(planCreditNote(invoice(), { amount: d("30") }))).toEqual([
      "PRE_PAYMENT",
      "30.00",
      [[null, "30.00"]],
    ]);
  });

  it("on a PAID invoice a POST_PAYMENT note of at most what was paid less earlier notes", () => {
    const paid = invoice({
      status: "PAID",
      amountRemaining: ZERO,
      amountPaid: d("130"),
      postPaymentCreditNotesAmount: d("100"),
    });
    expect(outcome(planCreditNote(paid, { amount: d("30") }))[0]).toBe("POST_PAYMENT");
    expect(outcome(planCreditNote(paid, { amount: d("30.01") }))).toEqual([
      "EXCEEDS",
      "The credit note's 30.01 is more than the 30.00 usd left to credit on this invoice",
      ["input"],
    ]);
  });

  it("lines by amount and by quantity at the line's unit amount", () => {
    const plan = planCreditNote(invoice(), {
      lines: [
        { invoiceLineId: "il_a", amount: d("25.50") },
        { invoiceLineId: "il_b", quantity: d("2") },
      ],
    });
    expect(outcome(plan)).toEqual([
      "PRE_PAYMENT",
      "45.50",
      [
        ["il_a", "25.50"],
        ["il_b", "20.00"],
      ],
    ]);
    expect(plan.ok && [plan.lines[1]!.quantity?.toString(), plan.lines[1]!.unitAmount?.toString()]).toEqual([
      "2",
      "10",
    ]);
  });

  it("a line at most what it has left, counting earlier notes and the same request", () => {
    const credited = invoice({ lines: [line("il_a", "1", "100", "100", "90")] });
    expect(outcome(planCreditNote(credited, { lines: [{ invoiceLineId: "il_a", amount: d("10.01") }] }))).toEqual([
      "EXCEEDS",
      "Invoice line il_a can be credited at most 10.00 more",
      ["input", "lines", "0"],
    ]);
    const twice = planCreditNote(credited, {
      lines: [
        { invoiceLineId: "il_a", amount: d("6") },
        { invoiceLineId: "il_a", amount: d("6") },
      ],
    });
    expect(outcome(twice)[1]).toBe("Invoice line il_a can be credited at most 4.00 more");
    const negative = invoice({ lines: [line("il_p", "1", "-5", "-5")] });
    expect(outcome(planCreditNote(negative, { lines: [{ invoiceLineId: "il_p", amount: d("1") }] }))[1]).toBe(
      "Invoice line il_p can be credited at most 0.00 more",
    );
  });

  it.each<[string, CreditNoteRequest, string, string[]]>([
    ["a zero amount", { amount: d("0") }, "amount must be positive", ["input", "amount"]],
    ["too many decimals", { amount: d("1.001") }, "amount has more than 2 decimal places for usd", ["input", "amount"]],
    ["no lines", { lines: [] }, "Give at least one line", ["input", "lines"]],
    [
      "an unknown line",
      { lines: [{ invoiceLineId: "il_x", amount: d("1") }] },
      "Invoice line il_x is not on this invoice",
      ["input", "lines", "0", "invoiceLineId"],
    ],
    [
      "both amount and quantity",
      { lines: [{ invoiceLineId: "il_a", amount: d("1"), quantity: d("1") }] },
      "Give exactly one of amount and quantity",
      ["input", "lines", "0"],
    ],
    [
      "neither",
      { lines: [{ invoiceLineId: "il_a" }] },
      "Give exactly one of amount and quantity",
      ["input", "lines", "0"],
    ],
    [
      "a zero quantity",
      { lines: [{ invoiceLineId: "il_a", quantity: d("0") }] },
      "quantity must be positive",
      ["input", "lines", "0", "quantity"],
    ],
    [
      "a negative line amount",
      { lines: [{ invoiceLineId: "il_a", amount: d("-1") }] },
      "amount must be positive",
      ["input", "lines", "0", "amount"],
    ],
  ])("refuses %s", (_name, request, message, field) => {
    expect(outcome(planCreditNote(invoice(), request))).toEqual(["INVALID", message, field]);
  });

  it.each<InvoiceStatus>(["DRAFT", "VOID", "UNCOLLECTIBLE"])("refuses a %s invoice, naming its status", (status) => {
    expect(outcome(planCreditNote(invoice({ status }), { amount: d("1") }))).toEqual([
      "STATE",
      `A credit note needs an OPEN or PAID invoice; this one is ${status}`,
      ["input", "invoiceId"],
    ]);
  });

  it("property: however many notes are asked for, those accepted never exceed the creditable amount nor a line's amount", () => {
    const amountArb = decimalArb({ min: 1n, max: 15_000n, scale: 2 });
    const requestArb = fc.oneof(
      amountArb.map((amount): CreditNoteRequest => ({ amount })),
      fc
        .array(fc.record({ invoiceLineId: fc.constantFrom("il_a", "il_b"), amount: amountArb }), {
          minLength: 1,
          maxLength: 3,
        })
        .map((lines): CreditNoteRequest => ({ lines })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom<InvoiceStatus>("OPEN", "PAID"),
        fc.array(requestArb, { maxLength: 12 }),
        (status, requests) => {
          let state = invoice(status === "PAID" ? { status, amountRemaining: ZERO, amountPaid: d("130") } : { status });
          const start = creditableAmount(state);
          let accepted = ZERO;
          for (const request of requests) {
            const plan = planCreditNote(state, request);
            if (!plan.ok) continue;
            accepted = accepted.plus(plan.amount);
            const onLine = (id: string) => sum(plan.lines.filter((l) => l.invoiceLineId === id).map((l) => l.amount));
            state = {
              ...state,
              amountRemaining: status === "OPEN" ? state.amountRemaining.minus(plan.amount) : state.amountRemaining,
              postPaymentCreditNotesAmount:
                status === "PAID" ? state.postPaymentCreditNotesAmount.plus(plan.amount) : ZERO,
              lines: state.lines.map((l) => ({ ...l, credited: l.credited.plus(onLine(l.id)) })),
            };
          }
          expect(accepted.lessThanOrEqualTo(start)).toBe(true);
          expect(creditableAmount(state).greaterThanOrEqualTo(0)).toBe(true);
          for (const l of state.lines) expect(l.credited.lessThanOrEqualTo(l.amount)).toBe(true);
          expect(Decimal.max(accepted, 0).equals(start.minus(creditableAmount(state)))).toBe(true);
        },
      ),
    );
  });
});
