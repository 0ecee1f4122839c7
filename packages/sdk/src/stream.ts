// Subscriptions over server-sent events (graphql-yoga's protocol: `event: next` blocks carrying a
// GraphQL result as `data:`, then `event: complete`). The stream is read from the moment it opens,
// so nothing the server sends while the caller is busy is lost.
import { createError, TallyConnectionError, TallyError } from "./errors.js";

export interface Stream<T> extends AsyncIterable<T> {
  /** Resolves once the server is listening (its first bytes arrived): what happens from then on is delivered. */
  ready: Promise<void>;
  /** Ends the subscription; iteration then finishes. Breaking out of a `for await` does too. */
  close(): void;
}

interface Message {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: string; extensions?: { code?: unknown } }>;
}

function messageError(message: Message): TallyError {
  const first = message.errors?.[0];
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : "SUBSCRIPTION_ERROR";
  return createError([code], { code, message: first?.message ?? "The subscription failed." });
}

/** `open` starts the request with the given signal; each `next` message's data goes through `pick`. */
export function stream<T>(open: (signal: AbortSignal) => Promise<Response>, pick: (data: never) => T): Stream<T> {
  const controller = new AbortController();
  const items: T[] = [];
  let failure: unknown;
  let finished = false;
  let wake: () => void = () => {};
  let markReady: () => void = () => {};
  let markFailed: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  // `ready` is also what a caller who only iterates never awaits: its rejection is reported there.
  ready.catch(() => {});

  const finish = (error?: unknown) => {
    if (error !== undefined && !controller.signal.aborted) failure ??= error;
    finished = true;
    markFailed(failure ?? new Error("The subscription ended before it was ready."));
    wake();
  };

  void (async () => {
    try {
      const response = await open(controller.signal);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return finish();
        markReady();
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (block.startsWith("event: complete")) return finish();
          const data = block.split("\n").find((line) => line.startsWith("data:"));
          if (!block.startsWith("event: next") || !data) continue;
          const message = JSON.parse(data.slice(5)) as Message;
          if (message.errors?.length || !message.data) return finish(messageError(message));
          items.push(pick(message.data as never));
          wake();
        }
      }
    } catch (error) {
      finish(
        error instanceof TallyError
          ? error
          : new TallyConnectionError({
              code: "CONNECTION_ERROR",
              message: `The subscription's stream broke: ${(error as Error)?.message ?? String(error)}`,
              requestSent: true,
              cause: error,
            }),
      );
    }
  })();

  const close = () => {
    controller.abort();
    finish();
  };

  async function* iterate(): AsyncGenerator<T> {
    try {
      for (;;) {
        if (items.length > 0) yield items.shift()!;
        else if (finished) {
          if (failure !== undefined) throw failure;
          return;
        } else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      close();
    }
  }

  return { ready, close, [Symbol.asyncIterator]: iterate };
}
