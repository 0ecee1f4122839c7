// The streamed ingest's settings (docs/operations/configuration.md#streamed-ingest): TALLY_INGEST
// chooses it, TALLY_NATS_URL says where JetStream runs.

export interface StreamSettings {
  /** The NATS server (TALLY_NATS_URL). */
  natsUrl: string;
  /** The JetStream stream's name (TALLY_NATS_STREAM), also the first token of its subjects. */
  streamName: string;
  /** Whether this process consumes (TALLY_STREAM_CONSUMER); off, it only publishes. */
  consume: boolean;
  /** How long a read waits for the events it is fenced on (TALLY_STREAM_FENCE_TIMEOUT_MS). */
  fenceTimeoutMs: number;
}

export const DEFAULT_STREAM_NAME = "TALLY_METER_EVENTS";
const DEFAULT_FENCE_TIMEOUT_MS = 5_000;

/** null: the direct ingest (TALLY_INGEST unset or `direct`). */
export function streamSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StreamSettings | null {
  const mode = env.TALLY_INGEST?.trim().toLowerCase() || "direct";
  if (mode === "direct") return null;
  if (mode !== "jetstream") throw new Error(`TALLY_INGEST must be direct or jetstream; got ${env.TALLY_INGEST}`);
  const natsUrl = env.TALLY_NATS_URL?.trim();
  if (!natsUrl) throw new Error("TALLY_INGEST=jetstream needs TALLY_NATS_URL (e.g. nats://127.0.0.1:4222)");
  const streamName = env.TALLY_NATS_STREAM?.trim() || DEFAULT_STREAM_NAME;
  if (!/^[A-Za-z0-9_-]+$/.test(streamName)) {
    throw new Error(`TALLY_NATS_STREAM takes letters, digits, _ and -; got ${streamName}`);
  }
  const consume = (env.TALLY_STREAM_CONSUMER?.trim().toLowerCase() || "on") !== "off";
  const rawTimeout = env.TALLY_STREAM_FENCE_TIMEOUT_MS?.trim();
  const fenceTimeoutMs = rawTimeout ? Number(rawTimeout) : DEFAULT_FENCE_TIMEOUT_MS;
  if (!Number.isInteger(fenceTimeoutMs) || fenceTimeoutMs <= 0) {
    throw new Error(`TALLY_STREAM_FENCE_TIMEOUT_MS must be a positive integer; got ${rawTimeout}`);
  }
  return { natsUrl, streamName, consume, fenceTimeoutMs };
}
