// @tally/elements: usage, invoice and credit components for a customer session (docs/elements.md).
import "./styles.css";

export { TallyElements, type TallyElementsProps, SessionMessage, useTallyElements } from "./components/provider.js";
export { UsageChart, UpcomingInvoice, CreditBalance, InvoiceList, CustomerPortal } from "./components/connected.js";
export { UsageChartView, type UsageChartViewProps } from "./components/usage-chart.js";
export { UpcomingInvoiceView } from "./components/upcoming-invoice.js";
export { CreditBalanceView } from "./components/credit-balance.js";
export { InvoiceListView } from "./components/invoice-list.js";
export { createSessionSource, type SessionSourceOptions } from "./data/session-source.js";
export type { ViewerSource, ViewerQuery } from "./data/source.js";
export type { SessionProblem, SessionProblemKind } from "./data/problem.js";
export type * from "./data/types.js";
export {
  formatMoney,
  formatUnitAmount,
  formatQuantity,
  formatDate,
  formatPeriod,
  formatBucket,
} from "./format.js";
