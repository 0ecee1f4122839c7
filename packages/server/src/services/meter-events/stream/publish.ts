// recordMeterEventsAsync (docs/concepts/meter-events.md#streamed-ingest): 1–1000 events validated
// as a batch is, then published to JetStream and answered once JetStream has them, before they are
// stored; refusals only storing can find are reported later (meter_event.rejected). Every event is
// published without waiting for the one before it, and the acknowledgements are awaited together.
// Without the streamed ingest the events are stored at once, as recordMeterEvents does.
import type { Clock } from "../../../clock.js";
import type { Tenant } from "../../../context.js";
import { InvalidInputError } from "../../../errors.js";
import type { AlertsTriggeredListener } from "../../alerts/evaluate.js";
import type { UsageChangedListener } from "../ingest.js";
import { MAX_BATCH_SIZE, recordMeterEvents, type RecordMeterEventsSummary } from "../record-batch.js";
import { type RecordMeterEventInput, validateEvents } from "../validate.js";
import { bucketOf, type MeterEventStream, type Partition } from "./connection.js";
import { encodeEvent } from "./message.js";
import { ensurePartitions, markPublished } from "./partitions.js";

export interface RecordMeterEventsAsyncSummary extends RecordMeterEventsSummary {
  /** The highest stream sequence of the accepted events (a decimal string), for read fences; null when stored directly. */
  streamSequence: string | null;
}

/** Partitions known to have their row, by process: creating it again is only needed once. */
const knownPartitions = new Set<string>();
const partitionKey = (p: Partition) => `${p.accountId}.${p.mode}.${p.bucket}`;

export async function recordMeterEventsAsync(
  tenant: Tenant,
  clock: Clock,
  stream: MeterEventStream | null | undefined,
  events: RecordMeterEventInput[],
  onAlertsTriggered?: AlertsTriggeredListener,
  onUsageChanged?: UsageChangedListener,
): Promise<RecordMeterEventsAsyncSummary> {
  if (!stream) {
    const stored = await recordMeterEvents(tenant, clock, events, onAlertsTriggered, onUsageChanged);
    return { ...stored, streamSequence: null };
  }
  if (events.length < 1 || events.length > MAX_BATCH_SIZE) {
    throw new InvalidInputError(`Send 1–${MAX_BATCH_SIZE} events per call (got ${events.length})`, ["input", "events"]);
  }
  const acceptedAt = clock.now();
  const checked = await validateEvents(tenant.sql, tenant.scope, clock, events, (i) => ["input", "events", String(i)]);
  const rejected = checked.flatMap((c, index) =>
    c.ok ? [] : [{ index, code: c.error.code, message: c.error.message }],
  );
  const valid = checked.flatMap((c) => (c.ok ? [c.event] : []));
  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected, streamSequence: null };

  const partitions = new Map<string, Partition>();
  const partitionOf = valid.map((e) => {
    const partition = { ...tenant.scope, bucket: bucketOf(e.customer.id) };
    partitions.set(partitionKey(partition), partition);
    return partition;
  });
  const unknown = [...partitions.entries()].filter(([k]) => !knownPartitions.has(k));
  if (unknown.length > 0) {
    await ensurePartitions(
      tenant.sql,
      unknown.map(([, p]) => p),
    );
    for (const [k] of unknown) knownPartitions.add(k);
  }
  const { accountId, mode } = tenant.scope;
  const acks = await Promise.all(
    valid.map((e, i) =>
      stream.js.publish(stream.subjectOf(partitionOf[i]!), encodeEvent(e, acceptedAt), {
        msgID: `${accountId}.${mode}.${e.identifier}`,
      }),
    ),
  );
  const highest = new Map<string, { partition: Partition; seq: number }>();
  for (const [i, ack] of acks.entries()) {
    const k = partitionKey(partitionOf[i]!);
    if ((highest.get(k)?.seq ?? 0) < ack.seq) highest.set(k, { partition: partitionOf[i]!, seq: ack.seq });
  }
  await markPublished(tenant.sql, [...highest.values()]);
  const duplicates = acks.filter((a) => a.duplicate).length;
  const streamSequence = String(Math.max(...acks.map((a) => a.seq)));
  return { accepted: valid.length - duplicates, duplicates, rejected, streamSequence };
}
