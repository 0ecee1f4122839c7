// The elements as most pages use them: each reads the session of the <TallyElements> around it.
import type { ReactNode } from "react";
import type { ViewerSnapshot } from "../data/types.js";
import { CreditBalanceView } from "./credit-balance.js";
import { InvoiceListView } from "./invoice-list.js";
import { type ElementsContext, useTallyElements } from "./provider.js";
import { UpcomingInvoiceView } from "./upcoming-invoice.js";
import { UsageChartView } from "./usage-chart.js";

/** The element once the session's data is in; a busy placeholder with the element's name until then. */
function WhenReady(props: {
  label: string;
  render: (snapshot: ViewerSnapshot, context: ElementsContext) => ReactNode;
}) {
  const context = useTallyElements();
  if (context.state.status === "ready") return props.render(context.state.snapshot, context);
  return (
    <section className="tally-element tally-loading" aria-label={props.label} aria-busy="true">
      <p className="tally-muted">Loading…</p>
    </section>
  );
}

export function UsageChart() {
  return (
    <WhenReady
      label="Usage"
      render={({ usage, meters }, { locale, setWindow, setMeter }) =>
        usage ? (
          <UsageChartView
            usage={usage}
            meters={meters}
            locale={locale}
            onWindowChange={setWindow}
            onMeterChange={setMeter}
          />
        ) : (
          <section className="tally-element tally-usage" aria-label="Usage">
            <p className="tally-empty">No usage to show: this session reads no meter.</p>
          </section>
        )
      }
    />
  );
}

export function UpcomingInvoice() {
  return (
    <WhenReady
      label="Upcoming invoice"
      render={(snapshot, { locale }) => <UpcomingInvoiceView invoice={snapshot.upcomingInvoice} locale={locale} />}
    />
  );
}

export function CreditBalance() {
  return (
    <WhenReady
      label="Credits"
      render={(snapshot, { locale }) => <CreditBalanceView balances={snapshot.creditBalance} locale={locale} />}
    />
  );
}

export function InvoiceList() {
  return (
    <WhenReady
      label="Invoices"
      render={(snapshot, { locale }) => <InvoiceListView invoices={snapshot.invoices} locale={locale} />}
    />
  );
}

/** Every element in the portal's order: usage, then the upcoming invoice, credits and past invoices. */
export function CustomerPortal() {
  return (
    <div className="tally-portal-grid">
      <UsageChart />
      <UpcomingInvoice />
      <CreditBalance />
      <InvoiceList />
    </div>
  );
}
