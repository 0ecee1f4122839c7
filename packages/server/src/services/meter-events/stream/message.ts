// What travels on the stream: one message per request and partition (a few hundred kilobytes at
// most), holding its events as validated when they were accepted (customer resolved, timestamp
// fixed), checked again when they are stored. A message, not an event, is the unit of JetStream's
// acknowledgements, duplicate window and positions: publishing an acknowledged message per event
// would cost a round trip of JetStream's per event.
import { createHash } from "node:crypto";
import type { RecordMeterEventInput, ValidEvent } from "../validate.js";

interface StreamedEvent {
  identifier: string;
  eventName: string;
  customerId: string;
  value: string;
  payload: Record<string, unknown> | null;
  timestamp: string;
}

interface StreamedMessage {
  /** When the events were accepted (the validation clock of their storing). */
  acceptedAt: string;
  events: StreamedEvent[];
}

/** Encoded size a message's events stay under, well below NATS's default 1 MB payload limit. */
const MAX_MESSAGE_BYTES = 512 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface OutgoingMessage {
  data: Uint8Array;
  /** JetStream's message id: the same events again (a retried request) are the same message. */
  id: string;
  /** The positions of its events in the list given to encodeMessages. */
  positions: number[];
}

/** The events (all of one partition) as messages of at most MAX_MESSAGE_BYTES, in order. */
export function encodeMessages(
  events: Array<{ event: ValidEvent; position: number }>,
  acceptedAt: Date,
  idPrefix: string,
): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  let texts: string[] = [];
  let positions: number[] = [];
  let identifiers: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (texts.length === 0) return;
    const body = `{"acceptedAt":${JSON.stringify(acceptedAt.toISOString())},"events":[${texts.join(",")}]}`;
    const digest = createHash("sha1").update(identifiers.join("\n")).digest("hex");
    messages.push({ data: encoder.encode(body), id: `${idPrefix}.${digest}`, positions });
    texts = [];
    positions = [];
    identifiers = [];
    bytes = 0;
  };
  for (const { event, position } of events) {
    const streamed: StreamedEvent = {
      identifier: event.identifier,
      eventName: event.meter.eventName,
      customerId: event.customer.id,
      value: event.value.toString(),
      payload: event.payload,
      timestamp: event.timestamp.toISOString(),
    };
    const text = JSON.stringify(streamed);
    if (bytes + text.length > MAX_MESSAGE_BYTES) flush();
    texts.push(text);
    positions.push(position);
    identifiers.push(event.identifier);
    bytes += Buffer.byteLength(text) + 1;
  }
  flush();
  return messages;
}

export function decodeMessage(data: Uint8Array): { inputs: RecordMeterEventInput[]; acceptedAt: Date } {
  const message = JSON.parse(decoder.decode(data)) as StreamedMessage;
  return {
    inputs: message.events.map((e) => ({
      identifier: e.identifier,
      eventName: e.eventName,
      customerId: e.customerId,
      value: e.value,
      payload: e.payload,
      timestamp: new Date(e.timestamp),
    })),
    acceptedAt: new Date(message.acceptedAt),
  };
}
