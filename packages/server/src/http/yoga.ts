// The GraphQL endpoint: yoga with our schema, key authentication, health routes, error masking and GraphiQL.
import { GraphQLError } from "graphql";
import { type CORSOptions, createYoga, type Plugin } from "graphql-yoga";
import { authenticate } from "../auth/authenticate.js";
import { createContext, type AppDeps, type Context } from "../context.js";
import { TallyError } from "../errors.js";
import { schema } from "../schema/index.js";
import { useBodyLimit } from "./body-limit.js";
import { useCompiledExecution } from "./compiled-execution.js";
import { useJsonBodiesOnly } from "./content-type.js";
import { renderTallyGraphiQL } from "./graphiql.js";
import { useGraphqlLimits } from "./graphql-limits.js";
import { useInvoiceDocuments } from "./invoice-documents.js";
import { useMeterEventStream } from "./meter-event-stream.js";
import { REPLAYED_HEADER, useIdempotencyKeys } from "./idempotency.js";
import { usePortal } from "./portal.js";
import { ParseRefusal } from "./refusal.js";
import { REQUEST_ID_HEADER, useRequestId } from "./request-id.js";
import { useSessionSurface } from "./session-surface.js";

/** `/healthz`: the process is up. `/readyz`: the database answers. */
function useHealthRoutes(deps: AppDeps): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname === "/healthz") endResponse(Response.json({ status: "ok" }));
      if (url.pathname === "/readyz") {
        try {
          await deps.database.prisma.$queryRaw`SELECT 1`;
          endResponse(Response.json({ status: "ready" }));
        } catch (error) {
          deps.logger.error("readiness check failed", { error });
          endResponse(Response.json({ status: "unavailable" }, { status: 503 }));
        }
      }
    },
  };
}

/** Expected errors reach clients as they are; anything else is logged (with the request id) and masked. */
function maskError(deps: AppDeps) {
  return (error: unknown): Error => {
    if (error instanceof ParseRefusal) return error.refusal;
    const original = error instanceof GraphQLError ? error.originalError : error;
    const expected = !original || original instanceof GraphQLError || original instanceof TallyError;
    if (error instanceof GraphQLError && expected) return error;
    deps.logger.error("Unexpected error while executing a request", {
      error: original instanceof Error ? original : new Error(String(original)),
      path: error instanceof GraphQLError ? error.path : undefined,
    });
    return new GraphQLError("Unexpected error.", {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  };
}

/**
 * Off unless origins are configured, and then only for them: another origin's preflight gets no
 * CORS headers (docs/concepts/customer-sessions.md#cors). Never with credentials: tokens travel in
 * a header, not cookies.
 */
function corsOptions(origins: string[]): (request: Request) => CORSOptions {
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get("origin");
    if (!origin || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: false,
      methods: ["GET", "POST"],
      allowedHeaders: ["authorization", "content-type", "accept", "idempotency-key", "x-request-id"],
      exposedHeaders: [REQUEST_ID_HEADER, REPLAYED_HEADER],
    };
  };
}

export function createTallyYoga(deps: AppDeps) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: true,
    renderGraphiQL: renderTallyGraphiQL,
    // Refusals first (request id, CSRF, limits, body size), so a refused request claims no idempotency key.
    plugins: [
      useRequestId(),
      usePortal({ logger: deps.logger }),
      useMeterEventStream(deps),
      useJsonBodiesOnly(),
      useHealthRoutes(deps),
      useInvoiceDocuments(deps),
      ...useGraphqlLimits(deps.config.graphql),
      useBodyLimit(deps.config.http),
      useIdempotencyKeys(deps),
      useSessionSurface(),
      useCompiledExecution(),
    ],
    maxRequestBodySize: false, // useBodyLimit
    cors: corsOptions(deps.config.http.corsOrigins),
    context: async ({ request, params }) => createContext(deps, await authenticate(request, params, deps), request.url),
    maskedErrors: { maskError: maskError(deps) },
    logging: false,
  });
}
