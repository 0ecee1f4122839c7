// sse-frames.ts: an event's chunks leave as one, whatever yoga enqueued (docs/concepts/customer-sessions.md#live-usage).
import { describe, expect, it } from "vitest";
import { wholeEvents } from "../../src/http/sse-frames.js";

async function through(chunks: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  const out: string[] = [];
  const decoder = new TextDecoder();
  const reader = source.pipeThrough(wholeEvents()).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) out.push(decoder.decode(read.value));
  return out;
}

describe("wholeEvents", () => {
  it("joins an event's lines into one chunk and passes pings and whole events as they are", async () => {
    expect(
      await through([
        ":\n\n",
        "event: next\n",
        'data: {"a":1}\n\n',
        "event: next\n",
        'data: {"a":2}\n\n',
        "event: complete\n",
        "data:\n\n",
      ]),
    ).toEqual([
      ":\n\n",
      'event: next\ndata: {"a":1}\n\n',
      'event: next\ndata: {"a":2}\n\n',
      "event: complete\ndata:\n\n",
    ]);
  });

  it("passes on what is held when the stream ends mid-event", async () => {
    expect(await through(["event: next\n", "data: {"])).toEqual(["event: next\ndata: {"]);
  });
});
