// A customer session's data through the SDK's browser client (@tally/sdk/browser): `viewer` for the
// snapshot (its customer, meters, invoices, credits, and the chosen meter's usage over the current
// period, stacked by a dimension) and `subscribeUsage` for live changes
// (docs/concepts/customer-sessions.md, docs/elements.md#how-it-talks-to-tally). Only what the
// session's scopes cover is read; the elements outside them are left out.
import { TallyAuthenticationError, TallyBrowser } from "@tally/sdk/browser";
import { type SessionProblem, sessionProblem } from "./problem.js";
import type { ViewerQuery, ViewerSource } from "./source.js";
import type { Meter, MeterUsage, ViewerSnapshot } from "./types.js";
import { windowedRange } from "./windows.js";

export interface SessionSourceOptions {
  /** A customer session token, `cs_…`. */
  token: string;
  /** Where Tally answers; the page's own origin by default. */
  baseUrl?: string;
}

/** The invoices element shows the latest page; the hosted pages hold the rest. */
const INVOICES_SHOWN = 24;

/** What a failed call means for the reader: the session is over, or Tally is unreachable for now. */
function problemOf(error: unknown): SessionProblem {
  return error instanceof TallyAuthenticationError ? sessionProblem("expired") : sessionProblem("unavailable");
}

/** The dimension the chart stacks by: `stackBy` if the meter has it, its first dimension when unset, none for null. */
export function stackDimension(meter: Meter, stackBy: string | null | undefined): string | null {
  if (stackBy === undefined) return meter.dimensionPayloadKeys[0] ?? null;
  return stackBy !== null && meter.dimensionPayloadKeys.includes(stackBy) ? stackBy : null;
}

/** A source that can only say why it cannot read anything. */
function failingSource(problem: SessionProblem): ViewerSource {
  return {
    load: () => Promise.reject(problem),
    watchUsage: (_meterId, _onChange, onProblem) => {
      onProblem(problem);
      return () => {};
    },
  };
}

export function createSessionSource(options: SessionSourceOptions): ViewerSource {
  // The client refuses anything but a session token, a secret key above all.
  if (!options.token.startsWith("cs_")) return failingSource(sessionProblem("missing-token"));
  const client = new TallyBrowser({
    sessionToken: options.token,
    url: options.baseUrl ?? (typeof location === "undefined" ? "" : location.origin),
  });

  async function meterUsage(meter: Meter, query: ViewerQuery, signal?: AbortSignal): Promise<MeterUsage> {
    const period = await client.periodUsage(meter.id, { signal });
    const [startTime, endTime] = windowedRange(period.periodStart, period.periodEnd, query.window);
    const groupBy = stackDimension(meter, query.stackBy);
    const rows = await client.usage(
      {
        meterId: meter.id,
        startTime,
        endTime,
        groupingWindow: query.window,
        ...(groupBy ? { groupBy: [groupBy] } : {}),
      },
      { signal },
    );
    return {
      meter,
      startTime: period.periodStart,
      endTime: period.periodEnd,
      window: query.window,
      total: period.usage,
      buckets: rows.map((row) => ({
        startTime: row.startTime,
        endTime: row.endTime,
        aggregatedValue: row.aggregatedValue,
        ...(groupBy ? { group: row.dimensions[0]?.value ?? null } : {}),
      })),
      groupBy,
    };
  }

  async function load(query: ViewerQuery, signal?: AbortSignal): Promise<ViewerSnapshot> {
    const { customer, session } = await client.customer({ signal });
    const may = (scope: (typeof session.scopes)[number]) => session.scopes.includes(scope);
    const [meters, upcoming, invoices, creditBalance] = await Promise.all([
      may("USAGE_READ") ? client.meters({ signal }) : [],
      may("INVOICES_READ") ? client.upcomingInvoice({}, { signal }) : { upcomingInvoice: null },
      may("INVOICES_READ") ? client.invoices({ limit: INVOICES_SHOWN }, { signal }) : { data: [] },
      may("CREDITS_READ") ? client.creditBalance({ signal }) : [],
    ]);
    const meter = meters.find((m) => m.id === query.meterId) ?? meters[0];
    return {
      customerName: customer.name ?? null,
      scopes: session.scopes,
      meters,
      usage: meter ? await meterUsage(meter, query, signal) : null,
      upcomingInvoice: upcoming.upcomingInvoice,
      invoices: invoices.data,
      creditBalance,
    };
  }

  return {
    load: (query, signal) =>
      load(query, signal).catch((error: unknown) => {
        throw signal?.aborted ? error : problemOf(error);
      }),
    watchUsage(meterId, onChange, onProblem) {
      const stream = client.subscribeUsage(meterId);
      let stopped = false;
      void (async () => {
        try {
          for await (const update of stream) onChange({ meterId: update.meterId, total: update.usage });
          // The server ends the stream when the session ends; the reload that follows says why.
          if (!stopped) onProblem(sessionProblem("unavailable"));
        } catch (error) {
          if (!stopped) onProblem(problemOf(error));
        }
      })();
      return () => {
        stopped = true;
        stream.close();
      };
    },
  };
}
