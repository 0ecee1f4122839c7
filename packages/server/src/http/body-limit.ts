// The request body limits (docs/api/limits.md): 1 MB for a request, more for a batch of meter
// events, whose 1000 events with their payloads need it. The larger limit is enforced as the body
// arrives; the smaller one once the operation is known, before it runs.
//
// They replace yoga's own (maxRequestBodySize), which pipes every body through a TransformStream, an
// AbortController and a DOMException with its stack, a visible cost on every small request. A
// Content-Length header is checked once: node's HTTP parser never reads a body past it. Only a body
// without one is counted as it arrives.
import { type ExecutionArgs, GraphQLError, getOperationAST, Kind } from "graphql";
import type { Plugin } from "graphql-yoga";

interface BodyLimits {
  maxBodyBytes: number;
  /** For a mutation of recordMeterEvents alone. */
  maxBatchBodyBytes: number;
}

const tooLarge = (limit: number) =>
  new GraphQLError(`Request body too large: at most ${limit} bytes`, {
    extensions: { http: { status: 413 }, code: "REQUEST_ENTITY_TOO_LARGE" },
  });

/** A mutation whose every field is recordMeterEvents (batch ingest). */
function isBatchIngest(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  return (
    operation?.operation === "mutation" &&
    operation.selectionSet.selections.every(
      (s) =>
        s.kind === Kind.FIELD && ["recordMeterEvents", "recordMeterEventsAsync", "__typename"].includes(s.name.value),
    )
  );
}

export function useBodyLimit(limits: BodyLimits): Plugin {
  const arrival = Math.max(limits.maxBodyBytes, limits.maxBatchBodyBytes);
  const sizes = new WeakMap<Request, number>();
  const check = (args: ExecutionArgs, refuse: (result: { errors: GraphQLError[] }) => void) => {
    const size = sizes.get((args.contextValue as { request: Request }).request) ?? 0;
    if (size > limits.maxBodyBytes && !isBatchIngest(args)) refuse({ errors: [tooLarge(limits.maxBodyBytes)] });
  };
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get("content-length");
      if (length !== null) {
        // One non-negative integer; anything else (e.g. "10, 10") is a smuggling attempt.
        if (!/^\d+$/.test(length)) {
          throw new GraphQLError("Content-Length header is invalid.", {
            extensions: { http: { status: 400 }, code: "BAD_REQUEST" },
          });
        }
        if (Number(length) > arrival) throw tooLarge(arrival);
        sizes.set(request, Number(length));
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        const chunks: Uint8Array[] = [];
        let size = 0;
        const reader = req.body!.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          size += read.value.byteLength;
          if (size > arrival) {
            // Released, not cancelled: cancelling would destroy the socket before the 413 is sent.
            reader.releaseLock();
            throw tooLarge(arrival);
          }
          chunks.push(read.value);
        }
        sizes.set(request, size);
        return parse(
          new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) }),
        );
      });
    },
    onExecute: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
  };
}
