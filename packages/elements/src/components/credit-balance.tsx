// The credit balance element: per currency, what the customer's grants have left and what current usage would leave.
import { useId } from "react";
import type { CreditBalance } from "../data/types.js";
import { formatMoney } from "../format.js";

export function CreditBalanceView({ balances, locale }: { balances: CreditBalance[]; locale?: string }) {
  const headingId = useId();
  return (
    <section className="tally-element tally-credit-balance" aria-labelledby={headingId}>
      <header className="tally-element-header">
        <h2 id={headingId}>Credits</h2>
      </header>
      {balances.length === 0 ? (
        <p className="tally-empty">No credits.</p>
      ) : (
        balances.map((b) => (
          <dl key={b.currency} className="tally-balance">
            <div>
              <dt>Available</dt>
              <dd data-tally="credits-available">{formatMoney(b.available, b.currency, locale)}</dd>
            </div>
            <div>
              <dt>After this period's usage</dt>
              <dd>{formatMoney(b.projectedAvailable, b.currency, locale)}</dd>
            </div>
          </dl>
        ))
      )}
    </section>
  );
}
