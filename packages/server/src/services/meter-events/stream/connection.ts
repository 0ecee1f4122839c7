// The JetStream stream of meter events (docs/operations/scaling.md#streamed-ingest): one stream,
// one subject per partition — `<stream>.<accountId>.<mode>.<bucket>`, a customer's events always in
// its bucket — and the event's account, mode and identifier as the message id, so that JetStream
// drops a resend within its duplicate window before any database work.
import { createHash } from "node:crypto";
import { connect, type JetStreamClient, type NatsConnection, nanos, RetentionPolicy, StorageType } from "nats";
import type { Scope } from "../../../db/tenant-scope.js";
import type { StreamSettings } from "./settings.js";

/** Buckets per account and mode: a customer's events are consumed in order, by one consumer at a time. */
export const BUCKETS = 6;
/** JetStream's duplicate window; older resends are caught by the identifier rule when stored. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;

export interface Partition extends Scope {
  bucket: number;
}

export interface MeterEventStream {
  settings: StreamSettings;
  nats: NatsConnection;
  js: JetStreamClient;
  subjectOf(partition: Partition): string;
  close(): Promise<void>;
}

export function bucketOf(customerId: string): number {
  return createHash("sha1").update(customerId).digest().readUInt32BE(0) % BUCKETS;
}

/** Connects and creates the stream if it does not exist (every process may: creation is idempotent). */
export async function openMeterEventStream(settings: StreamSettings): Promise<MeterEventStream> {
  const nats = await connect({ servers: settings.natsUrl, maxReconnectAttempts: -1 });
  const jsm = await nats.jetstreamManager();
  const config = {
    name: settings.streamName,
    subjects: [`${settings.streamName}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
  await jsm.streams.info(settings.streamName).catch(() => jsm.streams.add(config));
  return {
    settings,
    nats,
    js: nats.jetstream(),
    subjectOf: (p) => `${settings.streamName}.${p.accountId}.${p.mode}.${p.bucket}`,
    close: () => nats.drain(),
  };
}
