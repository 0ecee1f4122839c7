// The invoices element: the customer's finalized invoices, newest first, each linking to its hosted page when it has one.
import { useId } from "react";
import type { InvoiceListItem } from "../data/types.js";
import { formatDate, formatMoney, formatPeriod } from "../format.js";

const STATUS_LABELS: Record<string, string> = {
  DRAFT: "Draft",
  OPEN: "Open",
  PAID: "Paid",
  VOID: "Void",
  UNCOLLECTIBLE: "Uncollectible",
};

export function InvoiceListView({ invoices, locale }: { invoices: InvoiceListItem[]; locale?: string }) {
  const headingId = useId();
  return (
    <section className="tally-element tally-invoices" aria-labelledby={headingId}>
      <header className="tally-element-header">
        <h2 id={headingId}>Invoices</h2>
      </header>
      {invoices.length === 0 ? (
        <p className="tally-empty">No invoices yet.</p>
      ) : (
        <table>
          <caption className="tally-visually-hidden">Invoices, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Date</th>
              <th scope="col">Period</th>
              <th scope="col">Status</th>
              <th scope="col" className="tally-numeric">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                <th scope="row">
                  {invoice.hostedInvoiceUrl ? (
                    <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
                      {invoice.number}
                      <span className="tally-visually-hidden"> (opens the invoice in a new tab)</span>
                    </a>
                  ) : (
                    invoice.number
                  )}
                </th>
                <td className="tally-nowrap">{formatDate(invoice.finalizedAt ?? invoice.createdAt, locale)}</td>
                <td className="tally-nowrap">{formatPeriod(invoice.periodStart, invoice.periodEnd, locale)}</td>
                <td>
                  <span className={`tally-status tally-status-${invoice.status.toLowerCase()}`}>
                    {STATUS_LABELS[invoice.status] ?? invoice.status}
                  </span>
                </td>
                <td className="tally-numeric">{formatMoney(invoice.total.amount, invoice.total.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
