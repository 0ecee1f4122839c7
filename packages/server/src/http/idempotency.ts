// Idempotency keys for mutations (docs/api/idempotency.md). A tenant's mutation sent with an
// `Idempotency-Key` header claims the key before it executes; its response (status, content type,
// body) is stored when execution began and nothing unexpected failed, and every later request with
// that key and the same document, operation name and variables gets that response again, with
// `Idempotent-Replayed: true`, without executing. Resolvers know nothing of it.
import { createHash } from "node:crypto";
import { getOperationAST, GraphQLError } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import type { AppDeps, Context, Tenant } from "../context.js";
import type { ErrorCode } from "../errors.js";
import { claimKey, releaseClaim, storeResponse, type StoredResponse } from "../services/idempotency/keys.js";

const KEY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
/** 1–255 printable ASCII characters, space included. */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
/** What a client waits before retrying a key whose first request is still running. */
const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;
/** The media types a GraphQL result is answered in as one JSON document, the only ones stored. */
const JSON_RESPONSE = /^application\/(graphql-response\+)?json\b/;

type Pending =
  | { kind: "record"; tenant: Tenant; key: string; claimedAt: Date }
  | { kind: "replay"; response: StoredResponse };

const invalidKey = () =>
  new GraphQLError("The Idempotency-Key header must be 1 to 255 printable ASCII characters.", {
    extensions: { code: "INVALID_INPUT" satisfies ErrorCode, http: { status: 400 } },
  });

const keyReused = () =>
  new GraphQLError(
    "This Idempotency-Key was already used for a different request (document, operation name or variables); use a new key for a new request.",
    { extensions: { code: "IDEMPOTENCY_KEY_REUSED" satisfies ErrorCode, http: { status: 400 } } },
  );

/** Nothing ran, so the client may retry: said by the status, `retryable` and Retry-After. */
const keyInUse = () =>
  new GraphQLError("A request with this Idempotency-Key is still running; retry it once that one has finished.", {
    extensions: {
      code: "IDEMPOTENCY_KEY_IN_USE" satisfies ErrorCode,
      retryable: true,
      http: { status: 409, headers: { "retry-after": String(IN_FLIGHT_RETRY_AFTER_SECONDS) } },
    },
  });

/** The request a key stands for: a retry must send the same document, operation and variables. */
export function requestHash(query: string, operationName: string | null | undefined, variables: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([query, operationName ?? null, canonical(variables ?? {})]))
    .digest("hex");
}

/** Objects with their keys sorted, so that the variables' key order does not make a request different. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/**
 * Only a result of an execution that began (it has `data`) and hit no unexpected error is kept:
 * after a 5xx or a masked INTERNAL_SERVER_ERROR the retry runs again.
 */
function storable(response: Response, body: string): StoredResponse | null {
  const contentType = response.headers.get("content-type") ?? "";
  if (response.status >= 500 || !JSON_RESPONSE.test(contentType)) return null;
  let result: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    result = JSON.parse(body);
  } catch {
    return null;
  }
  if (!("data" in result) || result.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) return null;
  return { status: response.status, contentType, body };
}

export function useIdempotencyKeys(deps: Pick<AppDeps, "clock" | "logger">): Plugin {
  const pending = new WeakMap<Request, Pending>();

  const finish = async (claim: Extract<Pending, { kind: "record" }>, response: Response) => {
    const { tenant, key, claimedAt } = claim;
    const stored = storable(response, await response.clone().text());
    if (stored) await storeResponse(tenant.sql, tenant.scope, key, claimedAt, stored);
    else await releaseClaim(tenant.sql, tenant.scope, key, claimedAt);
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Context & YogaInitialContext;
      const key = context.request.headers.get(KEY_HEADER);
      // Unauthenticated requests never get here; the operator's createAccount has no account to keep keys in.
      const tenant = context.tenant;
      if (key === null || !tenant) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== "mutation") return;
      if (!VALID_KEY.test(key)) {
        setResultAndStopExecution({ errors: [invalidKey()] });
        return;
      }
      const { query, operationName, variables } = context.params;
      const hash = requestHash(query ?? "", operationName, variables);
      return claimKey(tenant.sql, tenant.scope, key, hash, deps.clock.now()).then((claim) => {
        switch (claim.kind) {
          case "claimed":
            pending.set(context.request, { kind: "record", tenant, key, claimedAt: claim.claimedAt });
            return;
          case "replay":
            pending.set(context.request, claim);
            setResultAndStopExecution(JSON.parse(claim.response.body));
            return;
          case "reused":
            setResultAndStopExecution({ errors: [keyReused()] });
            return;
          case "in_flight":
            setResultAndStopExecution({ errors: [keyInUse()] });
        }
      });
    },

    async onResponse({ request, response, setResponse, fetchAPI }) {
      const claim = pending.get(request);
      if (!claim) return;
      pending.delete(request);
      if (claim.kind === "replay") {
        // Headers of this response (request id, CORS) stay; the stored status and body replace the rest.
        const headers = new fetchAPI.Headers(response.headers);
        headers.delete("content-length");
        headers.set("content-type", claim.response.contentType);
        headers.set(REPLAYED_HEADER, "true");
        setResponse(new fetchAPI.Response(claim.response.body, { status: claim.response.status, headers }));
        return;
      }
      // Awaited before the response is sent: a client that got it and retries finds it stored.
      await finish(claim, response).catch((error: unknown) =>
        deps.logger.error("storing an idempotency key's response failed", {
          error: error instanceof Error ? error : new Error(String(error)),
        }),
      );
    },
  };
}
