// The streamed ingest's consumer (docs/operations/scaling.md#streamed-ingest), run by every
// process with TALLY_INGEST=jetstream: it leases its fair share of the partitions (partitions.ts)
// and, for each, reads the partition's subject from its stored position in batches of about 1000
// events (whole messages), stores each batch through the ingest pipeline (ingest.ts) and moves the position in the
// same transaction — so a consumer killed at any point neither loses an event nor counts one twice:
// whoever takes the partition next starts where the last commit left it. Refusals only storing can
// find (an invoiced period, a duplicate identifier, a deactivated meter) go to the event log as
// meter_event.rejected, in that transaction too.
import { randomUUID } from "node:crypto";
import { DeliverPolicy } from "nats";
import type { Clock } from "../../../clock.js";
import { type AppDeps, createContext } from "../../../context.js";
import type { Scope } from "../../../db/tenant-scope.js";
import type { Db } from "../../../db/transaction.js";
import type { TallyError } from "../../../errors.js";
import { recordEvents } from "../../event-log/record.js";
import { storeEvents, type Ingested } from "../ingest.js";
import { type RecordMeterEventInput, type ValidEvent, validateEvents } from "../validate.js";
import type { MeterEventStream, Partition } from "./connection.js";
import { decodeMessage } from "./message.js";
import { commitPosition, heartbeat, type HeldPartition, releaseAll } from "./partitions.js";

const HEARTBEAT_MS = 1_000;
/** Events per batch stored, about: messages are taken whole until a batch reaches it. */
const BATCH_EVENTS = 1000;
/** Messages a consumer has pulled ahead of what it stored. */
const PULL_MESSAGES = 64;
/** How long a worker waits for a first event before checking whether it should stop. */
const IDLE_MS = 500;
/** A pause this long between arriving events ends a batch. */
const GAP_MS = 2;

export interface StreamConsumer {
  id: string;
  /** The partitions it reads now, as `account.mode.bucket`. */
  held(): string[];
  stop(): Promise<void>;
}

/** The partition was taken over, or its position moved under us: the batch is rolled back. */
class PartitionLost extends Error {}

const keyOf = (p: Partition) => `${p.accountId}.${p.mode}.${p.bucket}`;

/** The process's deps, and who hears what a stored batch fired and changed (after its commit). */
export type ConsumerDeps = AppDeps & {
  announce(scope: Scope, stored: Pick<Ingested, "triggers" | "usageChanged">): void;
};

export function startStreamConsumer(deps: ConsumerDeps, stream: MeterEventStream): StreamConsumer {
  const id = `consumer_${randomUUID()}`;
  const workers = new Map<string, { stop(): void; done: Promise<void> }>();
  let stopping = false;
  let wake: () => void = () => {};

  const balance = async () => {
    const held = await heartbeat(deps.database.sql, id);
    const keys = new Set(held.map(keyOf));
    for (const [key, worker] of workers) if (!keys.has(key)) worker.stop();
    for (const partition of held) {
      const key = keyOf(partition);
      if (workers.has(key)) continue;
      const worker = readPartition(deps, stream, id, partition);
      workers.set(key, worker);
      void worker.done.finally(() => workers.get(key) === worker && workers.delete(key));
    }
  };
  const loop = (async () => {
    while (!stopping) {
      await balance().catch((error) => deps.logger.error("stream consumer: could not balance partitions", { error }));
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, HEARTBEAT_MS).unref();
      });
    }
  })();
  return {
    id,
    held: () => [...workers.keys()].sort(),
    async stop() {
      stopping = true;
      wake();
      await loop;
      for (const worker of workers.values()) worker.stop();
      await Promise.all([...workers.values()].map((w) => w.done));
      await releaseAll(deps.database.sql, id).catch(() => {});
    },
  };
}

/**
 * Reads one partition from its stored position until stopped or until a batch fails (the next
 * heartbeat restarts it). A batch is what has arrived by the time the previous one is stored, up
 * to 1000 events: one event alone when the stream is quiet, full batches under load.
 */
function readPartition(
  deps: ConsumerDeps,
  stream: MeterEventStream,
  owner: string,
  partition: HeldPartition,
): { stop(): void; done: Promise<void> } {
  let stopped = false;
  const done = (async () => {
    let position = partition.committedSeq;
    const consumer = await stream.js.consumers.get(stream.settings.streamName, {
      filterSubjects: stream.subjectOf(partition),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Number(position) + 1,
    });
    const messages = await consumer.consume({ max_messages: PULL_MESSAGES });
    const iterator = messages[Symbol.asyncIterator]();
    let next = iterator.next();
    try {
      while (!stopped) {
        const batch: Array<{ seq: number; inputs: RecordMeterEventInput[]; acceptedAt: Date }> = [];
        for (let waitMs = IDLE_MS, events = 0; events < BATCH_EVENTS; waitMs = GAP_MS) {
          const result = await within(next, waitMs);
          if (result === null || result.done) break;
          const message = { seq: result.value.seq, ...decodeMessage(result.value.data) };
          batch.push(message);
          events += message.inputs.length;
          next = iterator.next();
        }
        const fresh = batch.filter((m) => BigInt(m.seq) > position);
        if (fresh.length === 0 || stopped) continue;
        await storeBatch(deps, owner, partition, position, fresh);
        position = BigInt(fresh.at(-1)!.seq);
      }
    } finally {
      messages.stop();
    }
  })().catch((error) => {
    if (!(error instanceof PartitionLost)) deps.logger.error("stream consumer: batch not stored", { error });
  });
  return { stop: () => void (stopped = true), done };
}

/** The promise's value, or null when it takes longer than `ms` (the promise stays usable). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, ms, null)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function storeBatch(
  deps: ConsumerDeps,
  owner: string,
  partition: Partition,
  from: bigint,
  messages: Array<{ seq: number; inputs: RecordMeterEventInput[]; acceptedAt: Date }>,
) {
  const scope = { accountId: partition.accountId, mode: partition.mode };
  const tenant = createContext(deps, { kind: "tenant", scope }, "http://stream.internal/").tenant!;
  const inputs = messages.flatMap((m) => m.inputs);
  const seqs = messages.flatMap((m) => m.inputs.map(() => m.seq));
  // Checked again as of when they were accepted: a meter or customer may have gone since.
  const acceptedAt = new Date(Math.max(...messages.map((m) => m.acceptedAt.getTime())));
  const acceptedClock: Clock = { now: () => acceptedAt };
  const fieldOf = (i: number) => ["events", String(i)];
  const checked = await validateEvents(tenant.sql, scope, acceptedClock, inputs, fieldOf);
  const valid: ValidEvent[] = [];
  const positions: number[] = [];
  const refusedEarly: Array<{ index: number; error: TallyError }> = [];
  for (const [index, c] of checked.entries()) {
    if (c.ok) {
      valid.push(c.event);
      positions.push(index);
    } else refusedEarly.push({ index, error: c.error });
  }
  const to = BigInt(messages.at(-1)!.seq);
  const finish = async (sql: Db, notStored: Ingested["notStored"]) => {
    if (!(await commitPosition(sql, owner, partition, from, to))) throw new PartitionLost();
    const refused = [
      ...refusedEarly,
      ...notStored.map(({ index, error }) => ({
        index: positions[index]!,
        error: error ?? duplicate(inputs[positions[index]!]!),
      })),
    ].sort((a, b) => a.index - b.index);
    await recordEvents(
      sql,
      scope,
      "meter_event.rejected",
      refused.map(({ index, error }) => rejectedEventData(inputs[index]!, seqs[index]!, error)),
    );
  };
  if (valid.length === 0) {
    await tenant.transaction((sql) => finish(sql, []));
    return;
  }
  deps.announce(
    scope,
    await storeEvents(tenant, deps.clock, valid, {
      rows: false,
      fieldOf: (i) => fieldOf(positions[i]!),
      beforeCommit: finish,
    }),
  );
}

function duplicate(input: RecordMeterEventInput): Pick<TallyError, "code" | "message"> {
  return {
    code: "DUPLICATE_EVENT",
    message: `An event with identifier "${input.identifier}" was already recorded within the last 35 days`,
  };
}

/** The meter_event.rejected event's data (docs/concepts/webhooks.md#events): the event as accepted, and why it was not stored. */
function rejectedEventData(
  input: RecordMeterEventInput,
  streamSequence: number,
  error: Pick<TallyError, "code" | "message">,
): Record<string, unknown> {
  return {
    object: "meter_event",
    identifier: input.identifier,
    eventName: input.eventName,
    customerId: input.customerId,
    value: String(input.value),
    payload: input.payload ?? null,
    timestamp: input.timestamp?.toISOString() ?? null,
    streamSequence: String(streamSequence),
    error: { code: error.code, message: error.message },
  };
}
