import { minorUnits } from "./currency.js";
import type { InvoiceStatus } from "./invoice-status.js";
import { Decimal, ZERO, roundMoney, sum } from "./money.js";

/** An invoice line as a credit note sees it: what it billed and what issued credit notes already took back. */
export interface CreditNoteInvoiceLine {
  id: string;
  description: string;
  quantity: Decimal;
  unitAmount: Decimal;
  /** What the customer owes for the line: its amount after discounts and exclusive tax (payableAmount). */
  amount: Decimal;
  /** Σ of the issued (not voided) credit note lines on it. */
  credited: Decimal;
}

/** An invoice as a credit note sees it (docs/concepts/credit-notes.md#how-much-can-be-credited). */
export interface CreditableInvoice {
  status: InvoiceStatus;
  currency: string;
  amountRemaining: Decimal;
  amountPaid: Decimal;
  postPaymentCreditNotesAmount: Decimal;
  lines: readonly CreditNoteInvoiceLine[];
}

/** A credit note asked for: one amount, or amounts (or quantities at the line's unit amount) per invoice line. */
export type CreditNoteRequest =
  | { amount: Decimal }
  | { lines: ReadonlyArray<{ invoiceLineId: string; amount?: Decimal; quantity?: Decimal }> };

export interface PlannedCreditNoteLine {
  invoiceLineId: string | null;
  description: string;
  quantity: Decimal | null;
  unitAmount: Decimal | null;
  amount: Decimal;
}

export type CreditNotePlan =
  | { ok: true; type: "PRE_PAYMENT" | "POST_PAYMENT"; amount: Decimal; lines: PlannedCreditNoteLine[] }
  | {
      ok: false;
      /** STATE: the invoice's status takes no credit note; EXCEEDS: more than is creditable; INVALID: a malformed request. */
      problem: "STATE" | "EXCEEDS" | "INVALID";
      message: string;
      field: string[];
    };

/**
 * What credit notes may still take off the invoice: on an OPEN invoice what remains to be paid
 * (a pre-payment note lowers it), on a PAID one what was paid less post-payment notes; nothing otherwise.
 */
export function creditableAmount(invoice: CreditableInvoice): Decimal {
  if (invoice.status === "OPEN") return invoice.amountRemaining;
  if (invoice.status === "PAID") return invoice.amountPaid.minus(invoice.postPaymentCreditNotesAmount);
  return ZERO;
}

type LineOutcome = PlannedCreditNoteLine | { problem: "EXCEEDS" | "INVALID"; message: string; field: string[] };

function invalid(message: string, field: string[]): LineOutcome {
  return { problem: "INVALID", message, field };
}

function positiveMoney(value: Decimal, currency: string, field: string[]): string | null {
  if (!value.greaterThan(0)) return `${field.at(-1)} must be positive`;
  if (value.decimalPlaces() > minorUnits(currency)) {
    return `${field.at(-1)} has more than ${minorUnits(currency)} decimal places for ${currency}`;
  }
  return null;
}

function planLine(
  invoice: CreditableInvoice,
  asked: { invoiceLineId: string; amount?: Decimal; quantity?: Decimal },
  field: string[],
  taken: Map<string, Decimal>,
): LineOutcome {
  const line = invoice.lines.find((candidate) => candidate.id === asked.invoiceLineId);
  if (!line) return invalid(`Invoice line ${asked.invoiceLineId} is not on this invoice`, [...field, "invoiceLineId"]);
  if ((asked.amount === undefined) === (asked.quantity === undefined)) {
    return invalid("Give exactly one of amount and quantity", field);
  }
  let amount: Decimal;
  if (asked.quantity !== undefined) {
    if (!asked.quantity.greaterThan(0)) return invalid("quantity must be positive", [...field, "quantity"]);
    amount = roundMoney(asked.quantity.times(line.unitAmount), invoice.currency);
  } else {
    amount = asked.amount!;
    const problem = positiveMoney(amount, invoice.currency, [...field, "amount"]);
    if (problem) return invalid(problem, [...field, "amount"]);
  }
  const left = line.amount.minus(line.credited).minus(taken.get(line.id) ?? ZERO);
  if (amount.greaterThan(left)) {
    return {
      problem: "EXCEEDS",
      message: `Invoice line ${line.id} can be credited at most ${Decimal.max(left, ZERO).toFixed(minorUnits(invoice.currency))} more`,
      field,
    };
  }
  taken.set(line.id, (taken.get(line.id) ?? ZERO).plus(amount));
  return {
    invoiceLineId: line.id,
    description: line.description,
    quantity: asked.quantity ?? null,
    unitAmount: asked.quantity === undefined ? null : line.unitAmount,
    amount,
  };
}

function planLines(invoice: CreditableInvoice, request: CreditNoteRequest): LineOutcome[] {
  if ("amount" in request) {
    const problem = positiveMoney(request.amount, invoice.currency, ["input", "amount"]);
    if (problem) return [invalid(problem, ["input", "amount"])];
    const line = { invoiceLineId: null, description: "Credit", quantity: null, unitAmount: null };
    return [{ ...line, amount: request.amount }];
  }
  if (request.lines.length === 0) return [invalid("Give at least one line", ["input", "lines"])];
  const taken = new Map<string, Decimal>();
  return request.lines.map((asked, index) => planLine(invoice, asked, ["input", "lines", String(index)], taken));
}

/**
 * Checks a credit note against the invoice (docs/concepts/credit-notes.md): only OPEN and PAID
 * invoices take one; each line at most what its invoice line has left; the total at most
 * creditableAmount. Callers hold the invoice's row lock, so concurrent notes see each other.
 */
export function planCreditNote(invoice: CreditableInvoice, request: CreditNoteRequest): CreditNotePlan {
  if (invoice.status !== "OPEN" && invoice.status !== "PAID") {
    return {
      ok: false,
      problem: "STATE",
      message: `A credit note needs an OPEN or PAID invoice; this one is ${invoice.status}`,
      field: ["input", "invoiceId"],
    };
  }
  const lines: PlannedCreditNoteLine[] = [];
  for (const outcome of planLines(invoice, request)) {
    if ("problem" in outcome) return { ok: false, ...outcome };
    lines.push(outcome);
  }
  const amount = sum(lines.map((line) => line.amount));
  const creditable = creditableAmount(invoice);
  if (amount.greaterThan(creditable)) {
    const digits = minorUnits(invoice.currency);
    return {
      ok: false,
      problem: "EXCEEDS",
      message: `The credit note's ${amount.toFixed(digits)} is more than the ${creditable.toFixed(digits)} ${invoice.currency} left to credit on this invoice`,
      field: ["input"],
    };
  }
  return { ok: true, type: invoice.status === "OPEN" ? "PRE_PAYMENT" : "POST_PAYMENT", amount, lines };
}
