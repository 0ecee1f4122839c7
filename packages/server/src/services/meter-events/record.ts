// recordMeterEvent (docs/concepts/meter-events.md#read-your-writes): one event, validated, stored and counted in one transaction, so it is
// in every summary and preview when the mutation returns (read-your-writes). The transaction is
// plain SQL (Tenant.transaction), not Prisma's: BEGIN with the lock and the insert (pipelined),
// then COMMIT. Events that a tenant's requests record at the same time share that transaction
// (coalesce.ts): most of an event's cost is the database's per transaction (round trips, the
// statement's executor start-up, the commit), and each request still answers only once the
// commit that stored its event is done. Events of a meter that a usage alert watches are stored one
// per transaction, so that each is evaluated on its own, as the crossing request (docs/concepts/alerts.md#alert-crossing).
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { MeterEventError } from "../../errors.js";
import type { Meter } from "../../generated/prisma/client.js";
import { LruCache } from "../../lru.js";
import { evaluateUsageAlerts, type AlertsTriggeredListener } from "../alerts/evaluate.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { checkEvents } from "./check.js";
import { Coalescer } from "./coalesce.js";
import { insertEvents, retryingDuplicates, type OnDuplicate, type StoredEventRow } from "./insert.js";
import { alreadyInvoicedError, invoicedAmong } from "./invoiced.js";
import { meterInactive, type RecordMeterEventInput, type ValidEvent } from "./validate.js";

/** A stored event with its meter loaded (the GraphQL MeterEvent's eventName). */
export type RecordedMeterEvent = StoredEventRow & { meter: Meter };

/** `onAlertsTriggered` hears the usage alerts this event fired, once they are committed. */
export async function recordMeterEvent(
  tenant: Tenant,
  clock: Clock,
  input: RecordMeterEventInput,
  onAlertsTriggered: AlertsTriggeredListener = () => {},
): Promise<RecordedMeterEvent> {
  const [checked] = await checkEvents(tenant.sql, tenant.scope, clock, [input], () => ["input"]);
  if (!checked!.ok) throw checked!.error;
  const { event } = checked!;
  const submitted = { tenant, clock, event, onAlertsTriggered };
  const meterKey = meterKeyOf(tenant, event);
  const stored = alertsWatch.get(meterKey)
    ? (await storeEvents([submitted]))[0]!
    : await coalescerOf(tenant).submit(meterKey, submitted);
  if (stored === "duplicate") throw await duplicateEvent(tenant, event);
  if (stored instanceof MeterEventError) throw stored;
  return stored;
}

interface Submitted {
  tenant: Tenant;
  clock: Clock;
  event: ValidEvent;
  onAlertsTriggered: AlertsTriggeredListener;
}

/** What became of a submitted event: stored, refused, or a duplicate of a stored one. */
type Stored = RecordedMeterEvent | MeterEventError | "duplicate";

/**
 * At most 4 transactions per tenant and meter at once (a few per core of the machines this runs
 * on); the events that arrive meanwhile wait for the next one. Measured at 32 concurrent requests
 * (benchmark figure 2): ~9 events per transaction.
 */
const COALESCING = { maxInFlight: 4, maxItems: 1000 };

/**
 * Meters (by account, mode and id) that an active usage alert watched at their last insert: their
 * events skip coalescing. Only a hint, learnt from inserts: a group that finds an alert it did not
 * expect is rolled back and its events stored one by one.
 */
const alertsWatch = new LruCache<string, boolean>(10_000);

const meterKeyOf = (tenant: Tenant, event: ValidEvent) =>
  `${tenant.scope.accountId}:${tenant.scope.mode}:${event.meter.id}`;

/** A group of events that an alert watches: rolled back, to be stored one per transaction. */
class AlertsWatchGroup extends Error {}

/** One coalescer per database (its transaction function): tests run several in one process. */
const coalescers = new WeakMap<Tenant["transaction"], Coalescer<Submitted, Stored>>();

function coalescerOf(tenant: Tenant): Coalescer<Submitted, Stored> {
  let coalescer = coalescers.get(tenant.transaction);
  if (!coalescer) coalescers.set(tenant.transaction, (coalescer = new Coalescer(storeEvents, COALESCING)));
  return coalescer;
}

/**
 * One transaction for events of one tenant and meter: the shared usage locks of their customers,
 * the insert, and the alerts they cross, which only a transaction of one event evaluates (the
 * others roll back).
 */
async function storeEvents(submitted: Submitted[]): Promise<Stored[]> {
  const [{ tenant, clock, onAlertsTriggered }] = submitted as [Submitted];
  const events = submitted.map((s) => s.event);
  const meterKey = meterKeyOf(tenant, events[0]!);
  const store = (onDuplicate: OnDuplicate) =>
    tenant.transaction(async (sql) => {
      const [, outcomes] = await Promise.all([
        lockCustomersUsage(
          sql,
          events.map((e) => e.customer.id),
          "shared",
        ),
        insertEvents(sql, tenant.scope, events, onDuplicate),
      ]);
      // Not inserted: the meter was deactivated, the event is in an invoiced period, or the identifier is taken.
      const skipped = outcomes.filter((o) => !o.row && o.meter.status === "ACTIVE").map((o) => o.index);
      const refusedAsInvoiced = await invoicedAmong(sql, tenant.scope, events, skipped);
      const stored = outcomes.map(({ index, row, meter }): Stored => {
        if (row) return { ...row, meter };
        if (meter.status !== "ACTIVE") return meterInactive(events[index]!.meter.eventName, ["input", "eventName"]);
        if (refusedAsInvoiced.has(index)) return alreadyInvoicedError(events[index]!.timestamp, ["input", "timestamp"]);
        return "duplicate";
      });
      const inserted = events.flatMap((e, i) => {
        const row = outcomes[i]!.row;
        return row ? [{ ...e, seq: row.seq }] : [];
      });
      const watched = outcomes.some((o) => o.alertsWatch);
      // Nothing inserted tells nothing: alertsWatch looks at the inserted rows' meters.
      if (inserted.length > 0) alertsWatch.set(meterKey, watched);
      if (watched && events.length > 1) throw new AlertsWatchGroup("an alert watches these events: stored one by one");
      return { stored, triggers: watched ? await evaluateUsageAlerts(sql, tenant.scope, clock, inserted) : [] };
    });
  const { stored, triggers } = await retryingDuplicates(events, store);
  onAlertsTriggered(triggers);
  return stored;
}

/** DUPLICATE_EVENT, carrying the stored event (committed, since the unique constraint saw it). */
async function duplicateEvent(tenant: Tenant, event: ValidEvent): Promise<MeterEventError> {
  const existing = await tenant.prisma.meterEvent.findUniqueOrThrow({
    where: { accountId_mode_identifier: { ...tenant.scope, identifier: event.identifier } },
    include: { meter: true },
  });
  return new MeterEventError(
    "DUPLICATE_EVENT",
    `An event with the identifier ${event.identifier} was already recorded; this one is not counted`,
    ["input", "identifier"],
    existing,
  );
}
