// CSRF: a browser sends a cross-site form (urlencoded, multipart, text/plain) without asking the
// server first, so only JSON bodies, which it never sends cross-site unasked, are executed. Yoga's
// own CSRF prevention asks for a header instead; this rule needs none of the clients to change.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { refusal } from "./refusal.js";

const JSON_TYPE = "application/json";
/** The GraphQL-over-HTTP response type, which some clients also send their JSON body as. */
const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

export function useJsonBodiesOnly(): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== "POST") return;
      const type = mediaType(request);
      if (type === JSON_TYPE || type === GRAPHQL_RESPONSE_JSON) return;
      const error = refusal(
        "UNSUPPORTED_MEDIA_TYPE",
        `POST bodies must be ${JSON_TYPE} or ${GRAPHQL_RESPONSE_JSON}; got ${type || "no Content-Type"}.`,
        415,
      );
      endResponse(Response.json({ errors: [error.toJSON()] }, { status: 415 }));
    },
    onRequestParse({ request, setRequestParser }) {
      // Yoga parses application/json only; the same body under the other type is parsed alike.
      if (mediaType(request) !== GRAPHQL_RESPONSE_JSON) return;
      setRequestParser(async (req) => {
        const body: unknown = await req.json().catch(() => null);
        if (body === null || typeof body !== "object") {
          throw new GraphQLError("The POST body is not a JSON object.", {
            extensions: { http: { status: 400 }, code: "BAD_REQUEST" },
          });
        }
        return body;
      });
    },
  };
}
