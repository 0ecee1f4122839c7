/** An invoice's status (docs/concepts/invoices.md#status). */
export type InvoiceStatus = "DRAFT" | "OPEN" | "PAID" | "VOID" | "UNCOLLECTIBLE";

/**
 * The only moves an invoice's status makes (Stripe's): a draft is finalized; an open invoice is
 * paid, voided or written off; a written-off one may still be paid or voided. PAID and VOID are final.
 */
const TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  DRAFT: ["OPEN"],
  OPEN: ["PAID", "VOID", "UNCOLLECTIBLE"],
  UNCOLLECTIBLE: ["PAID", "VOID"],
  PAID: [],
  VOID: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
