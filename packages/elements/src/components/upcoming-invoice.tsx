// The upcoming invoice element: what the current period would be billed if it ended now, line by line.
import { useId } from "react";
import type { UpcomingInvoiceData } from "../data/types.js";
import { formatDate, formatPeriod } from "../format.js";
import { InvoiceLinesTable } from "./invoice-lines.js";

export function UpcomingInvoiceView({ invoice, locale }: { invoice: UpcomingInvoiceData | null; locale?: string }) {
  const headingId = useId();
  return (
    <section className="tally-element tally-upcoming-invoice" aria-labelledby={headingId}>
      <header className="tally-element-header">
        <h2 id={headingId}>Upcoming invoice</h2>
      </header>
      {invoice ? (
        <>
          <p className="tally-muted">
            {formatPeriod(invoice.periodStart, invoice.periodEnd, locale)} · billed on{" "}
            {formatDate(invoice.periodEnd, locale)}, with the usage recorded so far
          </p>
          <InvoiceLinesTable invoice={invoice} caption="Lines of the upcoming invoice" locale={locale} />
        </>
      ) : (
        <p className="tally-empty">No upcoming invoice: there is no active subscription.</p>
      )}
    </section>
  );
}
