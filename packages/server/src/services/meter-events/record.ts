// recordMeterEvent (docs/concepts/meter-events.md#read-your-writes): one event, validated, then
// stored and counted by the ingest pipeline (ingest.ts) as a batch of one, so it is in every
// summary and preview when the mutation returns; its refusal is thrown as the mutation's error.
// Events that a tenant's requests record at the same time share that transaction (coalesce.ts):
// most of an event's cost is the database's per transaction (round trips, the statement's executor
// start-up, the commit), and each request still answers only once the commit that stored its event
// is done. A group is stored as a batch is, a spend cap refusing each of its events on its own
// (SPEND_CAP_EXCEEDED answers that event's request); a group that fires something once per period
// (an alert's trigger, a spend cap reached) is rolled back and its events stored one per
// transaction, so that it fires in the request whose event crossed, with that event's value
// (docs/concepts/alerts.md#alert-crossing).
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { MeterEventError } from "../../errors.js";
import { tenantKey } from "../../caches.js";
import type { AlertsTriggeredListener } from "../alerts/evaluate.js";
import { Coalescer } from "./coalesce.js";
import { duplicateOf } from "./identity.js";
import { type RecordedMeterEvent, storeEvents, type UsageChangedListener } from "./ingest.js";
import { type RecordMeterEventInput, type ValidEvent, validateEvents } from "./validate.js";

const FIELD = ["input"];

/** `onAlertsTriggered` hears the usage alerts this event fired, `onUsageChanged` whose usage it changed, once committed. */
export async function recordMeterEvent(
  tenant: Tenant,
  clock: Clock,
  input: RecordMeterEventInput,
  onAlertsTriggered: AlertsTriggeredListener = () => {},
  onUsageChanged: UsageChangedListener = () => {},
): Promise<RecordedMeterEvent> {
  const [checked] = await validateEvents(tenant.sql, tenant.scope, clock, [input], () => FIELD);
  if (!checked!.ok) throw checked!.error;
  const { event } = checked!;
  const submitted = { tenant, clock, event, onAlertsTriggered, onUsageChanged };
  const stored = await coalescerOf(tenant).submit(tenantKey(tenant.scope, event.meter.id), submitted);
  if (stored === "duplicate") throw await duplicateOf(tenant, event.identifier, [...FIELD, "identifier"]);
  if (stored instanceof MeterEventError) throw stored;
  return stored;
}

interface Submitted {
  tenant: Tenant;
  clock: Clock;
  event: ValidEvent;
  onAlertsTriggered: AlertsTriggeredListener;
  onUsageChanged: UsageChangedListener;
}

/** What became of a submitted event: stored, refused, or a duplicate of a stored one. */
type Stored = RecordedMeterEvent | MeterEventError | "duplicate";

/**
 * At most 4 transactions per tenant and meter at once (a few per core of the machines this runs
 * on); the events that arrive meanwhile wait for the next one, which then stores them together.
 */
const COALESCING = { maxInFlight: 4, maxItems: 1000 };

/** One coalescer per database (its transaction function): tests run several in one process. */
const coalescers = new WeakMap<Tenant["transaction"], Coalescer<Submitted, Stored>>();

function coalescerOf(tenant: Tenant): Coalescer<Submitted, Stored> {
  let coalescer = coalescers.get(tenant.transaction);
  if (!coalescer) coalescers.set(tenant.transaction, (coalescer = new Coalescer(storeGroup, COALESCING)));
  return coalescer;
}

/** A group whose transaction fired something: rolled back, to be stored one per transaction. */
class FiringGroup extends Error {}

/**
 * Stores events of one tenant and meter in one transaction, as a batch (ingest.ts); a group that
 * fires anything throws FiringGroup, and the coalescer retries its events one by one.
 */
async function storeGroup(submitted: Submitted[]): Promise<Stored[]> {
  const [{ tenant, clock, onAlertsTriggered, onUsageChanged }] = submitted as [Submitted];
  const events = submitted.map((s) => s.event);
  const { rows, notStored, triggers, usageChanged } = await storeEvents(tenant, clock, events, {
    rows: true,
    fieldOf: () => FIELD,
    onFiring: () => {
      if (events.length > 1) throw new FiringGroup("these events fire an alert or reach a cap: stored one by one");
    },
  });
  onAlertsTriggered(triggers);
  if (usageChanged.length > 0) onUsageChanged(usageChanged);
  const stored: Stored[] = rows!.map((row) => row ?? "duplicate");
  for (const { index, error } of notStored) if (error) stored[index] = error;
  return stored;
}
