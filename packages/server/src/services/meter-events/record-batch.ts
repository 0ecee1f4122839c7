// recordMeterEvents (docs/concepts/meter-events.md#batches): 1–1000 events, each accepted or
// rejected on its own, validated together and stored by the ingest pipeline (ingest.ts) in one
// transaction; a refusal is one entry of the summary's `rejected`.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { InvalidInputError } from "../../errors.js";
import type { AlertsTriggeredListener } from "../alerts/evaluate.js";
import { storeEvents, type UsageChangedListener } from "./ingest.js";
import { type RecordMeterEventInput, type ValidEvent, validateEvents } from "./validate.js";

export const MAX_BATCH_SIZE = 1000;

export interface RejectedMeterEvent {
  index: number;
  code: string;
  message: string;
}

export interface RecordMeterEventsSummary {
  accepted: number;
  /** Events whose identifier was already stored, or used by an earlier event of the batch. */
  duplicates: number;
  rejected: RejectedMeterEvent[];
}

/** `onAlertsTriggered` hears the usage alerts the batch fired, `onUsageChanged` whose usage it changed, once committed. */
export async function recordMeterEvents(
  tenant: Tenant,
  clock: Clock,
  events: RecordMeterEventInput[],
  onAlertsTriggered: AlertsTriggeredListener = () => {},
  onUsageChanged: UsageChangedListener = () => {},
): Promise<RecordMeterEventsSummary> {
  if (events.length < 1 || events.length > MAX_BATCH_SIZE) {
    throw new InvalidInputError(`Send 1–${MAX_BATCH_SIZE} events per call (got ${events.length})`, ["input", "events"]);
  }
  const fieldOf = (i: number) => ["input", "events", String(i)];
  const checked = await validateEvents(tenant.sql, tenant.scope, clock, events, fieldOf);
  const rejected: RejectedMeterEvent[] = [];
  const valid: ValidEvent[] = [];
  /** Each valid event's position in the request. */
  const positions: number[] = [];
  for (const [index, c] of checked.entries()) {
    if (!c.ok) {
      rejected.push({ index, code: c.error.code, message: c.error.message });
      continue;
    }
    valid.push(c.event);
    positions.push(index);
  }

  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const { notStored, triggers, usageChanged } = await storeEvents(tenant, clock, valid, {
    rows: false,
    fieldOf: (i) => fieldOf(positions[i]!),
  });
  onAlertsTriggered(triggers);
  if (usageChanged.length > 0) onUsageChanged(usageChanged);
  let duplicates = 0;
  for (const { index, error } of notStored) {
    if (error) rejected.push({ index: positions[index]!, code: error.code, message: error.message });
    else duplicates += 1;
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: valid.length - notStored.length, duplicates, rejected };
}
