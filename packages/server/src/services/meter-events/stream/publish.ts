// recordMeterEventsAsync (docs/concepts/meter-events.md#streamed-ingest): 1–1000 events validated
// as a batch is, then published to JetStream and answered once JetStream has them, before they are
// stored; refusals only storing can find are reported later (meter_event.rejected). The events go
// as one message per partition (message.ts), all published before the acknowledgements are awaited.
// Without the streamed ingest the events are stored at once, as recordMeterEvents does.
import type { Clock } from "../../../clock.js";
import type { Tenant } from "../../../context.js";
import { InvalidInputError } from "../../../errors.js";
import type { AlertsTriggeredListener } from "../../alerts/evaluate.js";
import type { UsageChangedListener } from "../ingest.js";
import { MAX_BATCH_SIZE, recordMeterEvents, type RecordMeterEventsSummary } from "../record-batch.js";
import { type RecordMeterEventInput, type ValidEvent, validateEvents } from "../validate.js";
import { bucketOf, type MeterEventStream, type Partition } from "./connection.js";
import { encodeMessages } from "./message.js";
import { ensurePartitions, markPublished } from "./partitions.js";

export interface RecordMeterEventsAsyncSummary extends RecordMeterEventsSummary {
  /** The highest stream sequence of the accepted events (a decimal string), for read fences; null when stored directly. */
  streamSequence: string | null;
}

/** Partitions known to have their row, per database (tests open several): creating it again is only needed once. */
const knownPartitionsOf = new WeakMap<Tenant["transaction"], Set<string>>();
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

  // One message per partition (split when large), all published before any acknowledgement is awaited.
  const byPartition = new Map<
    string,
    { partition: Partition; events: Array<{ event: ValidEvent; position: number }> }
  >();
  for (const [position, event] of valid.entries()) {
    const partition = { ...tenant.scope, bucket: bucketOf(event.customer.id) };
    const key = partitionKey(partition);
    let group = byPartition.get(key);
    if (!group) byPartition.set(key, (group = { partition, events: [] }));
    group.events.push({ event, position });
  }
  let knownPartitions = knownPartitionsOf.get(tenant.transaction);
  if (!knownPartitions) knownPartitionsOf.set(tenant.transaction, (knownPartitions = new Set()));
  const unknown = [...byPartition.entries()].filter(([k]) => !knownPartitions.has(k));
  if (unknown.length > 0) {
    await ensurePartitions(
      tenant.sql,
      unknown.map(([, g]) => g.partition),
    );
    for (const [k] of unknown) knownPartitions.add(k);
  }
  const { accountId, mode } = tenant.scope;
  const published = await Promise.all(
    [...byPartition.values()].flatMap(({ partition, events: group }) =>
      encodeMessages(group, acceptedAt, `${accountId}.${mode}.${partition.bucket}`).map(async (message) => ({
        partition,
        events: message.positions.length,
        ack: await stream.js.publish(stream.subjectOf(partition), message.data, { msgID: message.id }),
      })),
    ),
  );
  const highest = new Map<string, { partition: Partition; seq: number }>();
  for (const { partition, ack } of published) {
    const k = partitionKey(partition);
    if ((highest.get(k)?.seq ?? 0) < ack.seq) highest.set(k, { partition, seq: ack.seq });
  }
  await markPublished(tenant.sql, [...highest.values()]);
  // A message JetStream already had: a resend of the same events (a retried request).
  const duplicates = published.reduce((n, p) => n + (p.ack.duplicate ? p.events : 0), 0);
  const streamSequence = String(Math.max(...published.map((p) => p.ack.seq)));
  return { accepted: valid.length - duplicates, duplicates, rejected, streamSequence };
}
