// The rendered invoice's content (docs/concepts/invoices.md#the-rendered-invoice): one view model
// of a finalized invoice, read from its stored rows, that both renderers (render-html.ts,
// render-pdf.ts) lay out. Every amount is formatted here, in the invoice's currency by
// Intl.NumberFormat from decimal strings (never floats); rows added to an invoice (discounts, taxes,
// credit notes) are added here once and appear in both.
import { exclusiveTax, formatMoney, inclusiveTax, minorUnits } from "@tally/billing";
import type { Account, Customer, Invoice, InvoiceLine } from "../../generated/prisma/client.js";
import { taxAmountsOf } from "./adjustment-json.js";

export type StoredInvoice = Invoice & { lines: InvoiceLine[]; customer: Customer };

export interface DocumentFact {
  label: string;
  value: string;
}

export interface DocumentLine {
  description: string;
  /** The service period, e.g. "Mar 1, 2026 – Apr 1, 2026"; a single date for an instant. */
  period: string;
  quantity: string;
  unitAmount: string;
  amount: string;
}

export interface DocumentSection {
  title: string;
  lines: DocumentLine[];
}

export interface DocumentTotal {
  label: string;
  value: string;
  /** The amount the customer is asked to pay: shown larger. */
  emphasis?: boolean;
}

export interface InvoiceDocumentView {
  title: string;
  /** Who issues the invoice: the account's name. */
  issuer: string;
  /** Who is billed: the customer's name, email and id, those present. */
  billTo: string[];
  facts: DocumentFact[];
  description: string | null;
  sections: DocumentSection[];
  totals: DocumentTotal[];
  amountDue: string;
  /** Shown in the footer and the PDF's metadata. */
  finalizedAt: Date;
}

const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** An amount of the invoice's currency, e.g. "$1,234.50", "¥1,235", "KWD 1.250". */
export function moneyFormatter(currency: string) {
  const digits = minorUnits(currency);
  const exact = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Unit amounts carry up to 12 decimals (a price of $0.0004 per request).
  const unit = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: 12,
  });
  type Exact = Intl.StringNumericLiteral;
  return {
    amount: (value: { toFixed(): string }) => exact.format(formatMoney(value.toFixed(), currency) as Exact),
    unitAmount: (value: { toFixed(): string }) => unit.format(value.toFixed() as Exact),
  };
}

function period(start: Date, end: Date): string {
  return start.getTime() === end.getTime() ? DATE.format(start) : DATE.formatRange(start, end);
}

function line(row: InvoiceLine, money: ReturnType<typeof moneyFormatter>): DocumentLine {
  return {
    description: row.description,
    period: period(row.periodStart, row.periodEnd),
    // Exact: quantities carry up to 30 decimals, more than Intl formats.
    quantity: row.quantity.toFixed(),
    unitAmount: money.unitAmount(row.unitAmount),
    amount: money.amount(row.amount),
  };
}

/** The view of a finalized invoice: everything either rendering shows, formatted. */
export function invoiceDocumentView(invoice: StoredInvoice, account: Pick<Account, "name">): InvoiceDocumentView {
  if (invoice.number === null || invoice.finalizedAt === null) {
    throw new Error(`Invoice ${invoice.id} is not finalized: it has no rendered document`);
  }
  const money = moneyFormatter(invoice.currency);
  const lines = [...invoice.lines].sort((a, b) => a.position - b.position).map((row) => line(row, money));
  const facts: DocumentFact[] = [
    { label: "Invoice number", value: invoice.number },
    { label: "Date of issue", value: DATE.format(invoice.createdAt) },
    { label: "Finalized", value: DATE.format(invoice.finalizedAt) },
  ];
  if (invoice.dueDate !== null) facts.push({ label: "Due date", value: DATE.format(invoice.dueDate) });
  if (invoice.subscriptionId !== null) {
    facts.push({ label: "Billing period", value: period(invoice.periodStart, invoice.periodEnd) });
  }
  // The steps in their order (docs/concepts/discounts.md#the-order-of-the-steps); a step that changed nothing is left out.
  const totals: DocumentTotal[] = [{ label: "Subtotal", value: money.amount(invoice.subtotal) }];
  const taxes = taxAmountsOf(invoice.totalTaxAmounts);
  const steps = [
    { label: "Discounts", amount: invoice.totalDiscountAmount.negated() },
    { label: "Tax", amount: exclusiveTax(taxes) },
    // Inclusive tax is part of the lines' amounts: shown, not added.
    { label: "Includes tax", amount: inclusiveTax(taxes) },
    { label: "Credits applied", amount: invoice.creditsApplied.negated() },
  ];
  for (const step of steps)
    if (!step.amount.isZero()) totals.push({ label: step.label, value: money.amount(step.amount) });
  totals.push({ label: "Total", value: money.amount(invoice.total) });
  // What the balance took off (a credit, negative) or added (a debit) between the total and the amount due.
  const balanceApplied = invoice.startingBalance.minus(invoice.endingBalance);
  if (!balanceApplied.isZero()) totals.push({ label: "Customer balance applied", value: money.amount(balanceApplied) });
  totals.push({ label: "Amount due", value: money.amount(invoice.amountDue), emphasis: true });
  const { customer } = invoice;
  return {
    title: `Invoice ${invoice.number}`,
    issuer: account.name,
    billTo: [customer.name, customer.email, customer.id].filter((part): part is string => Boolean(part)),
    facts,
    description: invoice.description,
    sections: [{ title: "Lines", lines }],
    totals,
    amountDue: money.amount(invoice.amountDue),
    finalizedAt: invoice.finalizedAt,
  };
}
