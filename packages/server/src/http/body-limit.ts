// The request body limit, in place of yoga's own (maxRequestBodySize), which pipes every body
// through a TransformStream to count it: about 3 % of the server's CPU per small request, an
// AbortController and a DOMException with its stack included. A Content-Length header is checked
// once: node's HTTP parser never reads a body past it. Only a body without one is counted as it
// arrives.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/** Yoga's default: far above the largest batch of meter events. */
export const MAX_REQUEST_BODY_BYTES = 25_000_000;

const tooLarge = () =>
  new GraphQLError(`Request body too large: at most ${MAX_REQUEST_BODY_BYTES} bytes`, {
    extensions: { http: { status: 413 }, code: "REQUEST_ENTITY_TOO_LARGE" },
  });

export function useBodyLimit(limit = MAX_REQUEST_BODY_BYTES): Plugin {
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
        if (Number(length) > limit) throw tooLarge();
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
          if (size > limit) {
            // Released, not cancelled: cancelling would destroy the socket before the 413 is sent.
            reader.releaseLock();
            throw tooLarge();
          }
          chunks.push(read.value);
        }
        return parse(
          new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) }),
        );
      });
    },
  };
}
