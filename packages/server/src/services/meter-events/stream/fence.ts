// Read fences of the streamed ingest (docs/operations/scaling.md#read-your-writes): a read of
// usage waits until every event of its tenant published up to `after` (every event published
// before the read, when `after` is not given) is stored, and fails with STREAM_FENCE_TIMEOUT past
// the bound rather than answering without them. Without the streamed ingest there is nothing to
// wait for unless `after` names a sequence.
import type { Tenant } from "../../../context.js";
import { InvalidInputError, StreamFenceTimeoutError } from "../../../errors.js";
import type { MeterEventStream } from "./connection.js";
import { pendingPartitions, stillPending } from "./partitions.js";

const POLL_MS = 10;
const DEFAULT_TIMEOUT_MS = 5_000;

export async function awaitStreamFence(
  tenant: Tenant,
  stream: MeterEventStream | null | undefined,
  after: string | null | undefined,
): Promise<void> {
  if (after != null && !/^\d{1,19}$/.test(after)) {
    throw new InvalidInputError(`after takes a stream sequence such as "1024"; got ${JSON.stringify(after)}`, [
      "after",
    ]);
  }
  if (after == null && !stream) return;
  const timeoutMs = stream?.settings.fenceTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let pending = await pendingPartitions(tenant.sql, tenant.scope, after == null ? null : BigInt(after));
  while (pending.length > 0) {
    if (Date.now() >= deadline) {
      throw new StreamFenceTimeoutError(
        `Events streamed up to sequence ${after ?? "now"} were not all stored within ${timeoutMs} ms; retry the read`,
        ["after"],
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    pending = await stillPending(tenant.sql, pending);
  }
}
