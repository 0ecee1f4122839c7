// A published event as it travels on the stream: what was validated when it was accepted (its
// customer resolved, its timestamp fixed), checked again when it is stored.
import type { RecordMeterEventInput, ValidEvent } from "../validate.js";

interface StreamedEvent {
  identifier: string;
  eventName: string;
  customerId: string;
  value: string;
  payload: Record<string, unknown> | null;
  timestamp: string;
  /** When the event was accepted (the validation clock of its storing). */
  acceptedAt: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEvent(event: ValidEvent, acceptedAt: Date): Uint8Array {
  const streamed: StreamedEvent = {
    identifier: event.identifier,
    eventName: event.meter.eventName,
    customerId: event.customer.id,
    value: event.value.toString(),
    payload: event.payload,
    timestamp: event.timestamp.toISOString(),
    acceptedAt: acceptedAt.toISOString(),
  };
  return encoder.encode(JSON.stringify(streamed));
}

export function decodeEvent(data: Uint8Array): { input: RecordMeterEventInput; acceptedAt: Date } {
  const e = JSON.parse(decoder.decode(data)) as StreamedEvent;
  return {
    input: {
      identifier: e.identifier,
      eventName: e.eventName,
      customerId: e.customerId,
      value: e.value,
      payload: e.payload,
      timestamp: new Date(e.timestamp),
    },
    acceptedAt: new Date(e.acceptedAt),
  };
}
