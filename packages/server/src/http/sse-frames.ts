// Server-sent events written whole: yoga enqueues an event's `event:` line and its `data:` line as
// two chunks, that is two socket writes per message; live usage fans one update out to every
// subscriber of a customer (docs/concepts/customer-sessions.md#live-usage), where those writes
// are most of what a push costs. Chunks are joined up to the blank line that ends an event.
import { isAsyncIterable, type Plugin } from "graphql-yoga";

const LF = 10;

function endsEvent(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[bytes.length - 1] === LF && bytes[bytes.length - 2] === LF;
}

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Holds chunks until one ends an event, then passes them on as one. */
export function wholeEvents(): TransformStream<Uint8Array, Uint8Array> {
  let held: Uint8Array[] = [];
  return new TransformStream({
    transform(chunk, controller) {
      if (!endsEvent(chunk)) {
        held.push(chunk);
        return;
      }
      controller.enqueue(held.length === 0 ? chunk : joined([...held, chunk]));
      held = [];
    },
    flush(controller) {
      if (held.length > 0) controller.enqueue(joined(held));
    },
  });
}

export function useWholeServerSentEvents(): Plugin {
  return {
    onResultProcess({ result, resultProcessor, setResultProcessor }) {
      // Streams only; SSE and multipart, the processors of streams, ignore the media type argument.
      if (!resultProcessor || !isAsyncIterable(result)) return;
      const inner = resultProcessor;
      setResultProcessor(async (result, fetchAPI, accepted) => {
        const response = await inner(result, fetchAPI, accepted);
        if (!response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return response;
        const { status, statusText, headers } = response;
        return new fetchAPI.Response(response.body.pipeThrough(wholeEvents()), { status, statusText, headers });
      }, "text/event-stream");
    },
  };
}
