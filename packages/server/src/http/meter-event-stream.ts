// POST /v1/meter_event_stream (docs/concepts/meter-events.md#streamed-ingest): newline-delimited
// JSON events (application/x-ndjson) with a secret key, accepted in chunks of 1000 by
// recordMeterEventsAsync; the answer is the same summary, `rejected` indexed by line (from 0).
import type { Plugin } from "graphql-yoga";
import { authenticate } from "../auth/authenticate.js";
import { type AppDeps, createContext } from "../context.js";
import { TallyError } from "../errors.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { announceUsage } from "../services/live-usage/announce.js";
import { MAX_BATCH_SIZE } from "../services/meter-events/record-batch.js";
import { recordMeterEventsAsync } from "../services/meter-events/stream/publish.js";
import type { RecordMeterEventInput } from "../services/meter-events/validate.js";

export const STREAM_PATH = "/v1/meter_event_stream";
const MAX_LINES = 10_000;

const failure = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status });

export function useMeterEventStream(deps: AppDeps): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== STREAM_PATH) return;
      endResponse(await accept(deps, request));
    },
  };
}

async function accept(deps: AppDeps, request: Request): Promise<Response> {
  if (request.method !== "POST")
    return failure(405, "METHOD_NOT_ALLOWED", `POST newline-delimited JSON events to ${STREAM_PATH}.`);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-ndjson") {
    return failure(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the events as application/x-ndjson; got ${type || "no Content-Type"}.`,
    );
  }
  let auth: Awaited<ReturnType<typeof authenticate>>;
  try {
    auth = await authenticate(request, {}, deps);
  } catch (error) {
    return failure(401, "UNAUTHENTICATED", (error as Error).message);
  }
  if (auth.kind !== "tenant") return failure(403, "FORBIDDEN", "Streaming events takes a secret key.");
  const body = await request.text();
  if (Buffer.byteLength(body) > deps.config.http.maxBatchBodyBytes) {
    return failure(413, "REQUEST_ENTITY_TOO_LARGE", `The body exceeds ${deps.config.http.maxBatchBodyBytes} bytes.`);
  }
  const lines = body.split("\n").filter((line) => line.trim() !== "");
  if (lines.length === 0 || lines.length > MAX_LINES) {
    return failure(400, "INVALID_INPUT", `Send 1–${MAX_LINES} events, one JSON object a line (got ${lines.length}).`);
  }
  const rejected: Array<{ index: number; code: string; message: string }> = [];
  const events: Array<{ line: number; input: RecordMeterEventInput }> = [];
  for (const [line, text] of lines.entries()) {
    const input = parseLine(text);
    if (typeof input === "string") rejected.push({ index: line, code: "INVALID_INPUT", message: input });
    else events.push({ line, input });
  }
  const tenant = createContext(deps, auth, request.url).tenant!;
  let accepted = 0;
  let duplicates = 0;
  let streamSequence: string | null = null;
  try {
    for (let start = 0; start < events.length; start += MAX_BATCH_SIZE) {
      const chunk = events.slice(start, start + MAX_BATCH_SIZE);
      const summary = await recordMeterEventsAsync(
        tenant,
        deps.clock,
        deps.stream,
        chunk.map((e) => e.input),
        announceTriggers(deps.pubsub, auth.scope),
        announceUsage(deps.pubsub, auth.scope),
      );
      accepted += summary.accepted;
      duplicates += summary.duplicates;
      streamSequence = summary.streamSequence ?? streamSequence;
      for (const r of summary.rejected) rejected.push({ ...r, index: chunk[r.index]!.line });
    }
  } catch (error) {
    if (error instanceof TallyError) return failure(400, error.code, error.message);
    deps.logger.error("meter event stream failed", { error });
    return failure(500, "INTERNAL_SERVER_ERROR", "Unexpected error.");
  }
  rejected.sort((a, b) => a.index - b.index);
  return Response.json({ accepted, duplicates, rejected, streamSequence });
}

/** A line's event, or why it is not one. */
function parseLine(text: string): RecordMeterEventInput | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "The line is not JSON.";
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "The line is not a JSON object.";
  const e = value as Record<string, unknown>;
  if (typeof e.eventName !== "string") return "eventName is required (a string).";
  for (const field of ["customerId", "identifier", "timestamp"] as const) {
    if (e[field] != null && typeof e[field] !== "string") return `${field} must be a string.`;
  }
  if (e.payload != null && (typeof e.payload !== "object" || Array.isArray(e.payload)))
    return "payload must be a JSON object.";
  const timestamp = e.timestamp == null ? null : new Date(e.timestamp as string);
  if (timestamp && Number.isNaN(timestamp.getTime())) return "timestamp must be an ISO 8601 date-time.";
  return {
    eventName: e.eventName,
    customerId: (e.customerId as string | undefined) ?? null,
    identifier: (e.identifier as string | undefined) ?? null,
    value: e.value,
    payload: (e.payload as Record<string, unknown> | undefined) ?? null,
    timestamp,
  };
}
