// The elements as most pages use them: each reads the session of the <TallyElements> around it.
import type { ReactNode } from "react";
import type { CustomerSessionScope, ViewerSnapshot } from "../data/types.js";
import { CreditBalanceView } from "./credit-balance.js";
import { InvoiceListView } from "./invoice-list.js";
import { type ElementsContext, useTallyElements } from "./provider.js";
import { UpcomingInvoiceView } from "./upcoming-invoice.js";
import { UsageChartView } from "./usage-chart.js";

/**
 * The element once the session's data is in, or nothing when the session's scopes do not cover it;
 * a busy placeholder with the element's name until then.
 */
function WhenReady(props: {
  label: string;
  scope: CustomerSessionScope;
  render: (snapshot: ViewerSnapshot, context: ElementsContext) => ReactNode;
}) {
  const context = useTallyElements();
  if (context.state.status === "ready") {
    const { snapshot } = context.state;
    return snapshot.scopes.includes(props.scope) ? props.render(snapshot, context) : null;
  }
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
      scope="USAGE_READ"
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
            <p className="tally-empty">No usage to show: there is no active meter.</p>
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
      scope="INVOICES_READ"
      render={(snapshot, { locale }) => <UpcomingInvoiceView invoice={snapshot.upcomingInvoice} locale={locale} />}
    />
  );
}

export function CreditBalance() {
  return (
    <WhenReady
      label="Credits"
      scope="CREDITS_READ"
      render={(snapshot, { locale }) => <CreditBalanceView balances={snapshot.creditBalance} locale={locale} />}
    />
  );
}

export function InvoiceList() {
  return (
    <WhenReady
      label="Invoices"
      scope="INVOICES_READ"
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
