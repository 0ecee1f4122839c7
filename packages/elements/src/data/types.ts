// What the elements show, in the SDK's generated types: the customer session's view of its customer.
import type { CustomerFieldsFragment, Invoice, InvoicePreview, Meter, UsageWindow } from "@tally/sdk";

export type { Invoice, InvoicePreview, Meter, UsageWindow };

/** One currency's credit balance, as `Customer.creditBalance` lists it. */
export type CreditBalance = CustomerFieldsFragment["creditBalance"][number];

/** One bar of the usage chart: a window's aggregated value, and the dimension value it counts when stacked. */
export interface UsageBucket {
  startTime: string;
  endTime: string;
  aggregatedValue: string;
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
  meters: Meter[];
  usage: MeterUsage | null;
  upcomingInvoice: InvoicePreview | null;
  invoices: Invoice[];
  creditBalance: CreditBalance[];
}
