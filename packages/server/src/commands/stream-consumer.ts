// The streamed ingest's consumer as a process runs it: what its batches fire and change is
// announced to GraphQL subscribers, as a request's events are (schema/meter-event.ts).
import type { AppDeps } from "../context.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { announceUsage } from "../services/live-usage/announce.js";
import type { MeterEventStream } from "../services/meter-events/stream/connection.js";
import { type StreamConsumer, startStreamConsumer } from "../services/meter-events/stream/consume.js";

export function startAnnouncingStreamConsumer(deps: AppDeps, stream: MeterEventStream): StreamConsumer {
  return startStreamConsumer(
    {
      ...deps,
      announce(scope, { triggers, usageChanged }) {
        announceTriggers(deps.pubsub, scope)(triggers);
        if (usageChanged.length > 0) announceUsage(deps.pubsub, scope)(usageChanged);
      },
    },
    stream,
  );
}
