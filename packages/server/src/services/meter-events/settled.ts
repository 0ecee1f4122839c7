// When an event's usage is settled: an event may be cancelled within the cancel window of its
// receipt, in the customer's time (docs/concepts/meter-events.md#cancelling-an-event); and an event
// whose period every subscription that bills it has invoiced is refused, on ingest as on
// cancellation, with EVENT_ALREADY_INVOICED (docs/concepts/meter-events.md#already-invoiced). The store decides which
// instants are invoiced (usage-store/postgres/invoiced.ts holds the rule's SQL).
import type { MeterEventError } from "../../errors.js";
import type { UsageStore } from "../../usage-store/index.js";
import { alreadyInvoiced, cancelWindowExpired } from "./errors.js";

const CANCEL_WINDOW_MS = 24 * 3_600_000;

/** CANCEL_WINDOW_EXPIRED if `now` is past the cancel window of an event received at `receivedAt`. */
export function cancelWindowError(receivedAt: Date, now: Date, field: string[]): MeterEventError | null {
  return now.getTime() - receivedAt.getTime() > CANCEL_WINDOW_MS
    ? cancelWindowExpired(receivedAt, CANCEL_WINDOW_MS, field)
    : null;
}

interface EventAt {
  meter: { id: string };
  customer: { id: string };
  timestamp: Date;
}

/**
 * Of the events at positions `among`, those already invoiced, each with its EVENT_ALREADY_INVOICED
 * (`fieldOf` gives the error's field).
 */
export async function invoicedRefusals(
  store: UsageStore,
  events: readonly EventAt[],
  among: readonly number[],
  fieldOf: (index: number) => string[],
): Promise<Map<number, MeterEventError>> {
  if (among.length === 0) return new Map();
  const found = await store.invoiced(
    among.map((i) => ({
      customerId: events[i]!.customer.id,
      meterId: events[i]!.meter.id,
      timestamp: events[i]!.timestamp,
    })),
  );
  return new Map(
    [...found].map((position) => {
      const index = among[position]!;
      return [index, alreadyInvoiced(events[index]!.timestamp, fieldOf(index))];
    }),
  );
}
