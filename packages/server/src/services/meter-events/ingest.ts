// The ingest pipeline (docs/architecture.md#the-ingest-path), shared by single events (record.ts)
// and batches (record-batch.ts): validated events are stored in one plain SQL transaction
// (Tenant.transaction) — the shared usage locks of their customers, the store's one insert
// statement, the refusals of events not stored, and the usage alerts they cross (which record
// their event-log events) — run again with duplicates skipped if an identifier was taken
// (retryingDuplicates). Who hears the triggers hears them after the commit.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockCustomersUsage } from "../../db/locks.js";
import type { Db } from "../../db/transaction.js";
import type { MeterEventError } from "../../errors.js";
import type { AlertTrigger } from "../../generated/prisma/client.js";
import { MAX_COMBINATIONS_PER_MONTH } from "@tally/billing";
import { type RecordedBatch, type StoredEventWithMeter, type UsageStore, usageStore } from "../../usage-store/index.js";
import { evaluateUsageAlerts } from "../alerts/evaluate.js";
import { cardinalityExceeded, meterInactive } from "./errors.js";
import { retryingDuplicates } from "./identity.js";
import type { OnDuplicate } from "../../usage-store/index.js";
import { invoicedRefusals } from "./settled.js";
import type { ValidEvent } from "./validate.js";

/** A stored event with its meter loaded (the GraphQL MeterEvent's eventName). */
export type RecordedMeterEvent = StoredEventWithMeter;

export interface IngestOptions {
  /** Answer each stored event's row (a single event's response), or only what was not stored (a batch's). */
  rows: boolean;
  /** Event i's input path, for the errors of events refused. */
  fieldOf: (index: number) => string[];
  /**
   * Hears, inside the transaction, whether an active usage alert watches the stored events, once
   * something was stored; throwing rolls the transaction back.
   */
  onAlertsWatch?: (watched: boolean) => void;
  /**
   * Runs last in the transaction, knowing what was not stored: the streamed ingest commits its
   * stream position and reports refusals there (services/meter-events/stream/consume.ts).
   */
  beforeCommit?: (sql: Db, notStored: Ingested["notStored"]) => Promise<void>;
}

/** A customer's usage of a meter that stored events changed (docs/concepts/customer-sessions.md#live-usage). */
export interface UsageChange {
  customerId: string;
  meterId: string;
}

/** Hears, after the commit, whose usage the stored events changed (one entry per customer and meter). */
export type UsageChangedListener = (changes: UsageChange[]) => void;

/** What became of the events. */
export interface Ingested {
  /** With `rows`: each event's stored row (null: not stored), in list order. */
  rows: Array<RecordedMeterEvent | null> | null;
  /** The events not stored, by position: refused (an inactive meter, an invoiced period), or duplicates (error null). */
  notStored: Array<{ index: number; error: MeterEventError | null }>;
  /** The usage alerts the events fired, committed. */
  triggers: AlertTrigger[];
  /** Whose usage changed: the stored events' customers and meters. */
  usageChanged: UsageChange[];
}

function usageChanged(events: readonly ValidEvent[], notStored: ReadonlyArray<{ index: number }>): UsageChange[] {
  const missed = new Set(notStored.map((s) => s.index));
  const changes = new Map<string, UsageChange>();
  for (const [i, e] of events.entries()) {
    if (!missed.has(i))
      changes.set(`${e.customer.id}:${e.meter.id}`, { customerId: e.customer.id, meterId: e.meter.id });
  }
  return [...changes.values()];
}

export async function storeEvents(
  tenant: Tenant,
  clock: Clock,
  events: readonly ValidEvent[],
  options: IngestOptions,
): Promise<Ingested> {
  if (events.length === 0) return { rows: options.rows ? [] : null, notStored: [], triggers: [], usageChanged: [] };
  return retryingDuplicates(events, (onDuplicate) =>
    tenant.transaction(async (sql) => {
      const store = usageStore(sql, tenant.scope);
      // The insert is sent right behind the lock (one round trip), the combinations' statements too.
      const [, { batch, overLimit }] = await Promise.all([
        lockCustomersUsage(
          sql,
          events.map((e) => e.customer.id),
          "shared",
        ),
        recordWithCombinations(store, events, { onDuplicate, rows: options.rows }),
      ]);
      if (batch.notStored.length < events.length) options.onAlertsWatch?.(batch.alertsWatch);
      // Not stored: the meter was deactivated, the event is in an invoiced period, or the identifier is taken.
      const skipped = batch.notStored.filter((s) => s.meterActive && !overLimit.has(s.index)).map((s) => s.index);
      const invoiced = await invoicedRefusals(store, events, skipped, (i) => [...options.fieldOf(i), "timestamp"]);
      const notStored = batch.notStored.map(({ index, meterActive }) => ({
        index,
        error: overLimit.has(index)
          ? cardinalityExceeded(MAX_COMBINATIONS_PER_MONTH, [...options.fieldOf(index), "payload"])
          : meterActive
            ? (invoiced.get(index) ?? null)
            : meterInactive(events[index]!.meter.eventName, [...options.fieldOf(index), "eventName"]),
      }));
      let triggers: AlertTrigger[] = [];
      if (batch.alertsWatch) {
        const missed = new Set(batch.notStored.map((s) => s.index));
        const seqs = batch.seqs!;
        const stored = events.flatMap((e, i) => (missed.has(i) ? [] : [{ ...e, seq: seqs[i]! }]));
        triggers = await evaluateUsageAlerts(sql, tenant.scope, clock, stored);
      }
      await options.beforeCommit?.(sql, notStored);
      return { rows: batch.rows, notStored, triggers, usageChanged: usageChanged(events, batch.notStored) };
    }),
  );
}

/**
 * Gives the events their combinations of dimension values (docs/concepts/meter-events.md#dimensions),
 * then stores them: an event whose combination would exceed its month's limit is not stored and
 * comes back in `overLimit` (and in notStored, as an active meter's). Events without dimension
 * values go straight to the insert.
 */
async function recordWithCombinations(
  store: UsageStore,
  events: readonly ValidEvent[],
  options: { onDuplicate: OnDuplicate; rows: boolean },
): Promise<{ batch: RecordedBatch; overLimit: Set<number> }> {
  if (!events.some((e) => e.dimensions?.some((v) => v !== null))) {
    return { batch: await store.recordEvents(events, options), overLimit: new Set() };
  }
  const ids = await store.recordCombinations(
    events.map((e) => ({
      meterId: e.meter.id,
      customerId: e.customer.id,
      timestamp: e.timestamp,
      values: e.dimensions,
    })),
  );
  const kept = events.flatMap((_, i) => (ids[i] === null ? [] : [i]));
  const overLimit = new Set(events.flatMap((_, i) => (ids[i] === null ? [i] : [])));
  const stored = await store.recordEvents(
    kept.map((i) => ({ ...events[i]!, combinationId: ids[i]! })),
    options,
  );
  if (overLimit.size === 0) return { batch: stored, overLimit };
  // Back to the positions of the whole list.
  const rows: Array<StoredEventWithMeter | null> | null = stored.rows && events.map(() => null);
  const seqs = stored.seqs && events.map(() => 0n);
  kept.forEach((at, i) => {
    if (rows) rows[at] = stored.rows![i]!;
    if (seqs) seqs[at] = stored.seqs![i]!;
  });
  const notStored = [
    ...stored.notStored.map((s) => ({ ...s, index: kept[s.index]! })),
    ...[...overLimit].map((index) => ({ index, meterActive: true })),
  ].sort((a, b) => a.index - b.index);
  return { batch: { ...stored, notStored, rows, seqs }, overLimit };
}
