// The `after` argument of usage reads (docs/operations/scaling.md#read-your-writes): a read waits
// for the streamed ingest to store the events it names.
import type { Context, Tenant } from "../context.js";
import { TallyError } from "../errors.js";
import { awaitStreamFence } from "../services/meter-events/stream/fence.js";
import { typedGraphQLError } from "./typed-error.js";

export const STREAM_FENCE_ARG = {
  description:
    "A streamSequence from recordMeterEventsAsync: answer only once every event streamed up to it is stored. Unset with the streamed ingest: every event accepted before this read. STREAM_FENCE_TIMEOUT past the server's bound.",
};

export async function fenceRead(tenant: Tenant, ctx: Context, after: string | null | undefined): Promise<void> {
  try {
    await awaitStreamFence(tenant, ctx.deps.stream, after);
  } catch (error) {
    if (error instanceof TallyError) throw typedGraphQLError(error);
    throw error;
  }
}
