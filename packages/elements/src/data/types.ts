// What the elements show, in the SDK's generated types, narrowed to what a customer session may select
// (a session never reaches the full Customer, so invoices here leave it out).
import type {
  CustomerFieldsFragment,
  Invoice,
  InvoiceLine,
  InvoicePreview,
  Meter as SdkMeter,
  UsageWindow,
} from "@tally/sdk";

export type { UsageWindow };

/** A meter as `viewer.meters` lists it: what the chart names, and the dimensions it can stack by. */
export type Meter = Pick<SdkMeter, "id" | "eventName" | "displayName" | "aggregation" | "dimensionPayloadKeys">;

export type CustomerSessionScope = "USAGE_READ" | "INVOICES_READ" | "CREDITS_READ" | "ALERTS_READ";

/** One currency's credit balance, as `Customer.creditBalance` lists it. */
export type CreditBalance = CustomerFieldsFragment["creditBalance"][number];

/** One line as the elements show it. */
export type InvoiceLineData = Pick<
  InvoiceLine,
  "kind" | "description" | "quantity" | "unitAmount" | "periodStart" | "periodEnd" | "amount"
>;

/** The upcoming invoice: its period, lines and totals. */
export type UpcomingInvoiceData = Pick<
  InvoicePreview,
  "currency" | "periodStart" | "periodEnd" | "subtotal" | "creditsApplied" | "total" | "amountDue"
> & { lines: InvoiceLineData[] };

/** A past invoice as the list shows it; `hostedInvoiceUrl` where the server has hosted invoice pages. */
export type InvoiceListItem = Pick<
  Invoice,
  | "id"
  | "number"
  | "status"
  | "currency"
  | "periodStart"
  | "periodEnd"
  | "createdAt"
  | "finalizedAt"
  | "total"
  | "amountDue"
> & { hostedInvoiceUrl?: string | null };

/** One bar of the usage chart: a window's aggregated value, and the dimension value it counts when stacked. */
export interface UsageBucket {
  startTime: string;
  endTime: string;
  aggregatedValue: string;
  /** When stacked: the window's events with this value of the dimension (null: those without one). */
  group?: string | null;
}

/** The meter's usage over the current period: the exact total and the windows of the chart. */
export interface MeterUsage {
  meter: Meter;
  startTime: string;
  endTime: string;
  window: UsageWindow;
  total: string;
  buckets: UsageBucket[];
  /** The dimension the buckets are stacked by, when the meter has dimensions. */
  groupBy: string | null;
}

export interface ViewerSnapshot {
  customerName: string | null;
  /** What the session may read: an element outside them is left out. */
  scopes: CustomerSessionScope[];
  meters: Meter[];
  usage: MeterUsage | null;
  upcomingInvoice: UpcomingInvoiceData | null;
  invoices: InvoiceListItem[];
  creditBalance: CreditBalance[];
}
