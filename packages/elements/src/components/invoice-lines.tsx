// An invoice's lines and totals as one table: the shared body of the upcoming invoice element.
import type { UpcomingInvoiceData } from "../data/types.js";
import { formatMoney, formatPeriod, formatQuantity, formatUnitAmount, isZeroAmount } from "../format.js";

export type InvoiceLinesSource = Pick<
  UpcomingInvoiceData,
  "currency" | "lines" | "subtotal" | "creditsApplied" | "total" | "amountDue"
>;

export function InvoiceLinesTable({
  invoice,
  caption,
  locale,
}: {
  invoice: InvoiceLinesSource;
  caption: string;
  locale?: string;
}) {
  const money = (m: { amount: string; currency: string }) => formatMoney(m.amount, m.currency, locale);
  const credits = invoice.creditsApplied.amount;
  return (
    <table className="tally-invoice-lines">
      <caption className="tally-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Description</th>
          <th scope="col" className="tally-numeric">
            Quantity
          </th>
          <th scope="col" className="tally-numeric">
            Unit price
          </th>
          <th scope="col" className="tally-numeric">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {invoice.lines.map((line, i) => (
          // Lines have no id; their order is the invoice's and does not change between renders.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={i}>
            <th scope="row">
              {line.description}
              <span className="tally-muted tally-line-period">
                {formatPeriod(line.periodStart, line.periodEnd, locale)}
              </span>
            </th>
            <td className="tally-numeric">{formatQuantity(line.quantity, locale)}</td>
            <td className="tally-numeric">{formatUnitAmount(line.unitAmount, line.amount.currency, locale)}</td>
            <td className="tally-numeric">{money(line.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Subtotal
          </th>
          <td className="tally-numeric">{money(invoice.subtotal)}</td>
        </tr>
        {isZeroAmount(credits) ? null : (
          <tr>
            <th scope="row" colSpan={3}>
              Credits applied
            </th>
            <td className="tally-numeric">−{money(invoice.creditsApplied)}</td>
          </tr>
        )}
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="tally-numeric">{money(invoice.total)}</td>
        </tr>
        <tr className="tally-amount-due">
          <th scope="row" colSpan={3}>
            Amount due
          </th>
          <td className="tally-numeric" data-tally="amount-due">
            {money(invoice.amountDue)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
