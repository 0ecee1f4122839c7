// The streamed ingest for tests: a JetStream stream of the tests' own (a fresh name on the local
// NATS server, TEST_NATS_URL), attached to a test app, with consumers started and stopped at will.
import { connect } from "nats";
import { randomBase62 } from "../../src/ids.js";
import { startAnnouncingStreamConsumer } from "../../src/commands/stream-consumer.js";
import type { StreamConsumer } from "../../src/services/meter-events/stream/consume.js";
import { type MeterEventStream, openMeterEventStream } from "../../src/services/meter-events/stream/connection.js";
import type { TestApp } from "./app.js";

export const NATS_URL = process.env.TEST_NATS_URL ?? "nats://127.0.0.1:4222";

export interface TestStream {
  stream: MeterEventStream;
  startConsumer(): StreamConsumer;
  close(): Promise<void>;
}

export async function attachStream(app: TestApp, options: { fenceTimeoutMs?: number } = {}): Promise<TestStream> {
  const streamName = `TALLY_TEST_${randomBase62(10)}`;
  const stream = await openMeterEventStream({
    natsUrl: NATS_URL,
    streamName,
    consume: false,
    fenceTimeoutMs: options.fenceTimeoutMs ?? 20_000,
  });
  app.deps.stream = stream;
  const consumers: StreamConsumer[] = [];
  return {
    stream,
    startConsumer() {
      const consumer = startAnnouncingStreamConsumer(app.deps, stream);
      consumers.push(consumer);
      return consumer;
    },
    async close() {
      await Promise.all(consumers.map((c) => c.stop()));
      await stream.close();
      await deleteStream(streamName);
    },
  };
}

export async function deleteStream(streamName: string): Promise<void> {
  const nats = await connect({ servers: NATS_URL });
  await (await nats.jetstreamManager()).streams.delete(streamName).catch(() => {});
  await nats.close();
}
