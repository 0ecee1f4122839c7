// The ingest pipeline (docs/architecture.md#the-ingest-path), shared by single events (record.ts)
// and batches (record-batch.ts): validated events are stored in one plain SQL transaction
// (Tenant.transaction) — the shared usage locks of their customers, the store's one insert
// statement, the refusals of events not stored (spend caps refuse theirs before the insert:
// spend-caps/enforce.ts), and the usage alerts they cross (which record their event-log events) — run again with duplicates skipped if an identifier was taken
// (retryingDuplicates). Who hears the triggers hears them after the commit.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockCustomersUsage, lockCustomersUsageMixed } from "../../db/locks.js";
import type { Db } from "../../db/transaction.js";
import type { MeterEventError } from "../../errors.js";
import type { AlertTrigger, UsageAlert } from "../../generated/prisma/client.js";
import { MAX_COMBINATIONS_PER_MONTH, type PeriodEndSnapshot } from "@tally/billing";
import { type RecordedBatch, type StoredEventWithMeter, type UsageStore, usageStore } from "../../usage-store/index.js";
import { evaluateUsageAlerts, watchingAlerts } from "../alerts/evaluate.js";
import { type CapCheck, checkSpendCaps } from "../spend-caps/enforce.js";
import { EarlyInsertRefused, insertsEarly, refusedEarly } from "../spend-caps/early-insert.js";
import { checkWatch, type SpendWatch, StaleWatch, spendWatch } from "../spend-caps/watch.js";
import { type PricedAtCommit, rechargeCrossed } from "../credit-purchases/auto-recharge.js";
import { previewOrder } from "../invoices/credit-balance.js";
import { billThresholds } from "../thresholds/bill.js";
import { cardinalityExceeded, meterInactive, spendCapExceeded } from "./errors.js";
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
   * Hears, inside the transaction, that it fired something once per period (a usage alert's
   * trigger, a spend cap's reached record); throwing rolls the transaction back.
   */
  onFiring?: () => void;
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
  let watch = await spendWatch(tenant, events);
  let early = insertsEarly(watch);
  let fresh = false;
  let committed: Committed | undefined;
  while (committed === undefined) {
    try {
      committed = await storeWatched(tenant, clock, events, options, watch, early);
    } catch (error) {
      if (error instanceof EarlyInsertRefused) {
        early = false;
      } else if (error instanceof StaleWatch && !fresh) {
        // Subscriptions kept from earlier requests changed: once more on subscriptions loaded now, which need no check.
        watch = await spendWatch(tenant, events, true);
        early = early && insertsEarly(watch);
        fresh = true;
      } else throw error;
    }
  }
  const { ingested, priced } = committed;
  // In the same request, once the events are committed: thresholds (thresholds/bill.ts), then the
  // auto-recharges the usage (and a threshold invoice's credits) made due (credit-purchases/auto-recharge.ts).
  const changed = ingested.usageChanged.map((c) => c.customerId);
  const billed = changed.filter((id) => watch.thresholds.has(id));
  if (billed.length > 0) await billThresholds(tenant, clock, [...new Set(billed)]);
  await rechargeCrossed(tenant, clock, changed, priced);
  return ingested;
}

/** What the ingest transaction committed, with the previews auto-recharge's pre-check can use. */
interface Committed {
  ingested: Ingested;
  priced: ReadonlyMap<string, PricedAtCommit>;
}

/**
 * The capped customers whose every billing subscription the cap priced with exactly the events
 * stored (none of theirs skipped, `missed`), for auto-recharge's pre-check (credit-purchases/auto-recharge.ts).
 */
function pricedAtCommit(
  watch: SpendWatch,
  previews: ReadonlyMap<string, PeriodEndSnapshot>,
  events: readonly ValidEvent[],
  missed: readonly number[],
): Map<string, PricedAtCommit> {
  const skipped = new Set(missed.map((i) => events[i]!.customer.id));
  // The events' customers, whose test clock's time is read with them (the kept subscriptions' may be older).
  const customers = new Map(events.map((e) => [e.customer.id, e.customer]));
  const priced = new Map<string, PricedAtCommit>();
  for (const customerId of watch.capped) {
    const mine = watch.subscriptions.filter((s) => s.customerId === customerId);
    if (skipped.has(customerId) || mine.length === 0 || !mine.every((s) => previews.has(s.id))) continue;
    const ordered = [...mine].sort(previewOrder);
    priced.set(customerId, {
      customer: customers.get(customerId)!,
      previews: ordered.map((s) => previews.get(s.id)!),
    });
  }
  return priced;
}

/**
 * The ingest transaction (run again if an identifier was taken) with the spend watch `watch`;
 * `early`: the insert goes right behind the caps' reads (spend-caps/early-insert.ts).
 */
function storeWatched(
  tenant: Tenant,
  clock: Clock,
  events: readonly ValidEvent[],
  options: IngestOptions,
  watch: SpendWatch,
  early: boolean,
): Promise<Committed> {
  return retryingDuplicates(events, (onDuplicate) =>
    tenant.transaction(async (sql) => {
      const store = usageStore(sql, tenant.scope);
      const customerIds = events.map((e) => e.customer.id);
      let recorded: { batch: RecordedBatch; overLimit: Set<number> };
      let caps: CapCheck | null = null;
      let alertsSent: Promise<UsageAlert[]> | undefined;
      if (watch.subscriptions.length === 0) {
        // The insert is sent right behind the lock (one round trip), the combinations' statements too.
        [, recorded] = await Promise.all([
          lockCustomersUsage(sql, customerIds, "shared"),
          recordWithCombinations(store, events, { onDuplicate, rows: options.rows }),
        ]);
      } else {
        // Priced before the insert, on the usage of every transaction that committed before this one:
        // the preview's reads are sent right behind the lock, so they run once it is granted (one round trip).
        const checked = Promise.all([
          lockCustomersUsageMixed(sql, customerIds, watch.capped),
          checkSpendCaps(sql, tenant.scope, clock, watch, events),
          checkWatch(sql, tenant.scope, watch),
        ]);
        // Sent after the reads, so they do not see it, with the money alerts' lookup: the whole
        // transaction but its commit in one round trip. Heard when the decision needs it, or not at all.
        const sentEarly = early
          ? recordWithCombinations(store, events, { onDuplicate, rows: options.rows })
          : undefined;
        sentEarly?.catch(() => {});
        if (sentEarly && watch.alerted) (alertsSent = watchingAlerts(sql, tenant.scope, events)).catch(() => {});
        let current: boolean;
        [, caps, current] = await checked;
        if (!current) throw new StaleWatch("the watched customers' subscriptions changed");
        if (sentEarly && caps.refused.length > 0) {
          refusedEarly([...new Set(caps.refused.map((r) => r.subscription.id))]);
          throw new EarlyInsertRefused("a spend cap refused events inserted early");
        }
        const insert =
          sentEarly ??
          recordAdmitted(store, events, new Set(caps.refused.map((r) => r.index)), {
            onDuplicate,
            rows: options.rows,
          });
        // The money alerts' lookup goes with the insert (one round trip less); a failed insert fails it too, unheard.
        if (!sentEarly && watch.alerted) (alertsSent = watchingAlerts(sql, tenant.scope, events)).catch(() => {});
        recorded = await insert;
      }
      const { batch, overLimit } = recorded;
      const capRefused = new Map((caps?.refused ?? []).map((r) => [r.index, r.subscription]));
      // Not stored: the meter was deactivated, the event is in an invoiced period, or the identifier is taken.
      const skipped = batch.notStored
        .filter((s) => s.meterActive && !overLimit.has(s.index) && !capRefused.has(s.index))
        .map((s) => s.index);
      const invoiced = await invoicedRefusals(store, events, skipped, (i) => [...options.fieldOf(i), "timestamp"]);
      const notStored = batch.notStored.map(({ index, meterActive }) => {
        const capped = capRefused.get(index);
        return {
          index,
          error: capped
            ? spendCapExceeded(capped.id, capped.spendCapAmount!.toFixed(), capped.currency, options.fieldOf(index))
            : overLimit.has(index)
              ? cardinalityExceeded(MAX_COMBINATIONS_PER_MONTH, [...options.fieldOf(index), "payload"])
              : meterActive
                ? (invoiced.get(index) ?? null)
                : meterInactive(events[index]!.meter.eventName, [...options.fieldOf(index), "eventName"]),
        };
      });
      let triggers: AlertTrigger[] = [];
      if (batch.alertsWatch) {
        const missed = new Set(batch.notStored.map((s) => s.index));
        const seqs = batch.seqs!;
        const stored = events.flatMap((e, i) => (missed.has(i) ? [] : [{ ...e, seq: seqs[i]! }]));
        triggers = await evaluateUsageAlerts(
          sql,
          tenant.scope,
          clock,
          stored,
          watch.subscriptions,
          caps?.previews,
          watch.watched,
          alertsSent,
        );
      }
      const capReached = (await caps?.recordReached(sql)) ?? false;
      if (triggers.length > 0 || capReached) options.onFiring?.();
      await options.beforeCommit?.(sql, notStored);
      const missed = batch.notStored.filter((s) => !capRefused.has(s.index)).map((s) => s.index);
      return {
        ingested: { rows: batch.rows, notStored, triggers, usageChanged: usageChanged(events, batch.notStored) },
        priced: caps ? pricedAtCommit(watch, caps.previews, events, missed) : new Map(),
      };
    }),
  );
}

/**
 * Stores the events a spend cap did not refuse (recordWithCombinations); the refused come back as
 * not stored, at their positions in the whole list.
 */
async function recordAdmitted(
  store: UsageStore,
  events: readonly ValidEvent[],
  refused: ReadonlySet<number>,
  options: { onDuplicate: OnDuplicate; rows: boolean },
): Promise<{ batch: RecordedBatch; overLimit: Set<number> }> {
  if (refused.size === 0) return recordWithCombinations(store, events, options);
  const kept = events.flatMap((_, i) => (refused.has(i) ? [] : [i]));
  if (kept.length === 0) {
    const none: RecordedBatch = { notStored: [], alertsWatch: false, seqs: null, rows: options.rows ? [] : null };
    return { batch: atPositions(none, kept, events.length, [...refused]), overLimit: new Set() };
  }
  const { batch, overLimit } = await recordWithCombinations(
    store,
    kept.map((i) => events[i]!),
    options,
  );
  return {
    batch: atPositions(batch, kept, events.length, [...refused]),
    overLimit: new Set([...overLimit].map((i) => kept[i]!)),
  };
}

/** A batch recorded from the events at `kept` of a list of `length`, back to the whole list's positions; `missing` were not sent. */
function atPositions(batch: RecordedBatch, kept: readonly number[], length: number, missing: number[]): RecordedBatch {
  const rows: Array<StoredEventWithMeter | null> | null = batch.rows && Array.from({ length }, () => null);
  const seqs = batch.seqs && Array.from({ length }, () => 0n);
  kept.forEach((at, i) => {
    if (rows) rows[at] = batch.rows![i]!;
    if (seqs) seqs[at] = batch.seqs![i]!;
  });
  const notStored = [
    ...batch.notStored.map((s) => ({ ...s, index: kept[s.index]! })),
    ...missing.map((index) => ({ index, meterActive: true })),
  ].sort((a, b) => a.index - b.index);
  return { ...batch, notStored, rows, seqs };
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
  return { batch: atPositions(stored, kept, events.length, [...overLimit]), overLimit };
}
