// A customer session's data: `viewer` for the snapshot (its customer, meters, invoices, credits, and
// the chosen meter's usage over the current period) and `viewerUsageUpdated` for live changes
// (docs/concepts/customer-sessions.md). Fields outside the session's scopes come back null and their
// elements say so.
import { endpointOf, request, subscribe } from "./graphql.js";
import type { ViewerQuery, ViewerSource } from "./source.js";
import type {
  CreditBalance,
  CustomerSessionScope,
  InvoiceListItem,
  Meter,
  MeterUsage,
  UpcomingInvoiceData,
  ViewerSnapshot,
} from "./types.js";

export interface SessionSourceOptions {
  /** A customer session token, `cs_…`. */
  token: string;
  /** Where Tally answers; the page's own origin by default. */
  baseUrl?: string;
}

/** The invoices element shows the latest page; the hosted pages hold the rest. */
const INVOICES_SHOWN = 24;

// The customer's own selections: a session may not reach the full Customer, so invoices leave it out.
const MONEY = "{ amount currency }";
const LINES = `lines { kind description quantity unitAmount periodStart periodEnd amount ${MONEY} }`;
const TOTALS = `subtotal ${MONEY} creditsApplied ${MONEY} total ${MONEY} amountDue ${MONEY}`;

const VIEWER = `query ElementsViewer($invoices: Int!) {
  viewer {
    customer { name }
    session { scopes }
    meters { id displayName eventName aggregation customerPayloadKey valuePayloadKey status createdAt }
    upcomingInvoice { currency periodStart periodEnd ${LINES} ${TOTALS} }
    invoices(first: $invoices) {
      edges { node { id number status currency periodStart periodEnd createdAt finalizedAt total ${MONEY} amountDue ${MONEY} } }
    }
    creditBalance { currency available projectedAvailable }
  }
}`;

const PERIOD_USAGE = `query ElementsPeriodUsage($meterId: ID!) {
  viewer { periodUsage(meterId: $meterId) { periodStart periodEnd usage } }
}`;

const USAGE_SERIES = `query ElementsUsageSeries($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!, $window: UsageWindow!) {
  viewer { usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupingWindow: $window) { startTime endTime aggregatedValue } }
}`;

const USAGE_UPDATED = `subscription ElementsUsageUpdated($meterId: ID!) {
  viewerUsageUpdated(meterId: $meterId) { meterId usage }
}`;

interface ViewerData {
  viewer: {
    customer: { name: string | null };
    session: { scopes: CustomerSessionScope[] };
    meters: Meter[] | null;
    upcomingInvoice: UpcomingInvoiceData | null;
    invoices: { edges: { node: InvoiceListItem }[] } | null;
    creditBalance: CreditBalance[] | null;
  };
}

interface PeriodUsageData {
  viewer: { periodUsage: { periodStart: string; periodEnd: string; usage: string } | null };
}

interface UsageSeriesData {
  viewer: { usage: { startTime: string; endTime: string; aggregatedValue: string }[] | null };
}

interface UsageUpdatedData {
  viewerUsageUpdated: { meterId: string; usage: string };
}

const WINDOW_MS = { HOUR: 3_600_000, DAY: 86_400_000 } as const;

/** The period widened to whole UTC windows, the edges the server's hourly and daily summaries fall on. */
function windowedRange(startIso: string, endIso: string, window: keyof typeof WINDOW_MS): [string, string] {
  const unit = WINDOW_MS[window];
  const start = Math.floor(Date.parse(startIso) / unit) * unit;
  const end = Math.ceil(Date.parse(endIso) / unit) * unit;
  return [new Date(start).toISOString(), new Date(end).toISOString()];
}

export function createSessionSource(options: SessionSourceOptions): ViewerSource {
  const endpoint = endpointOf(options.token, options.baseUrl);

  async function meterUsage(meter: Meter, query: ViewerQuery, signal?: AbortSignal): Promise<MeterUsage | null> {
    const { viewer } = await request<PeriodUsageData>(endpoint, PERIOD_USAGE, { meterId: meter.id }, signal);
    const period = viewer.periodUsage;
    if (!period) return null;
    const [startTime, endTime] = windowedRange(period.periodStart, period.periodEnd, query.window);
    const series = await request<UsageSeriesData>(
      endpoint,
      USAGE_SERIES,
      { meterId: meter.id, startTime, endTime, window: query.window },
      signal,
    );
    return {
      meter,
      startTime: period.periodStart,
      endTime: period.periodEnd,
      window: query.window,
      total: period.usage,
      buckets: series.viewer.usage ?? [],
      groupBy: null,
    };
  }

  return {
    async load(query, signal): Promise<ViewerSnapshot> {
      const { viewer } = await request<ViewerData>(endpoint, VIEWER, { invoices: INVOICES_SHOWN }, signal);
      const meters = viewer.meters ?? [];
      const meter = meters.find((m) => m.id === query.meterId) ?? meters[0];
      return {
        customerName: viewer.customer.name,
        scopes: viewer.session.scopes,
        meters,
        usage: meter ? await meterUsage(meter, query, signal) : null,
        upcomingInvoice: viewer.upcomingInvoice,
        invoices: viewer.invoices?.edges.map((e) => e.node) ?? [],
        creditBalance: viewer.creditBalance ?? [],
      };
    },
    watchUsage: (meterId, onChange, onProblem) =>
      subscribe<UsageUpdatedData>(
        endpoint,
        USAGE_UPDATED,
        { meterId },
        ({ viewerUsageUpdated: u }) => onChange({ meterId: u.meterId, total: u.usage }),
        onProblem,
      ),
  };
}
