// recordMeterEventsAsync (docs/concepts/meter-events.md#streamed-ingest): a batch accepted onto the
// streamed ingest, answered before it is stored.
import { InvalidInputError } from "../errors.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { announceUsage } from "../services/live-usage/announce.js";
import { type RecordMeterEventsAsyncSummary, recordMeterEventsAsync } from "../services/meter-events/stream/publish.js";
import { builder } from "./builder.js";
import { RecordMeterEventsInput, RejectedMeterEventRef, toServiceInput } from "./meter-event.js";
import { CHECKS_OWN_TEXT } from "./storable-text-plugin.js";
import { requireTenant } from "./tenant.js";

const RecordMeterEventsAsyncSummaryRef = builder
  .objectRef<RecordMeterEventsAsyncSummary>("RecordMeterEventsAsyncSummary")
  .implement({
    fields: (t) => ({
      accepted: t.exposeInt("accepted", { description: "Events accepted, to be stored." }),
      duplicates: t.exposeInt("duplicates", { description: "Events the stream already had under that identifier." }),
      rejected: t.field({
        type: [RejectedMeterEventRef],
        description: "Events refused when accepted; refusals found when storing arrive as meter_event.rejected events.",
        resolve: (s) => s.rejected,
      }),
      streamSequence: t.exposeString("streamSequence", {
        nullable: true,
        description:
          "The stream position of the accepted events: pass it as `after` to a usage read to see them. Null when nothing was streamed (none accepted, or the server stores events directly).",
      }),
    }),
  });

builder.mutationField("recordMeterEventsAsync", (t) =>
  t.field({
    type: RecordMeterEventsAsyncSummaryRef,
    errors: { types: [InvalidInputError] },
    extensions: { [CHECKS_OWN_TEXT]: true },
    args: { input: t.arg({ type: RecordMeterEventsInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      return recordMeterEventsAsync(
        tenant,
        ctx.deps.clock,
        ctx.deps.stream,
        input.events.map(toServiceInput),
        announceTriggers(ctx.pubsub, tenant.scope),
        announceUsage(ctx.pubsub, tenant.scope),
      );
    },
  }),
);
