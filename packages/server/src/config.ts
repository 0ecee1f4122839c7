// The server's abuse limits and HTTP settings, from the environment (docs/api/limits.md and
// docs/operations/security.md list every variable); tests pass their own through AppDeps.config.

export interface GraphqlLimits {
  /** Nesting of fields, fragments flattened (TALLY_MAX_DEPTH). */
  maxDepth: number;
  /** Aliases in one document (TALLY_MAX_ALIASES). */
  maxAliases: number;
  /** Lexical tokens in one document (TALLY_MAX_TOKENS). */
  maxTokens: number;
  /** Directives in one document (TALLY_MAX_DIRECTIVES). */
  maxDirectives: number;
  /** The cost of one operation, lists counted by their size (TALLY_MAX_COST; http/cost-limit.ts). */
  maxCost: number;
}

interface HttpConfig {
  /** Time to receive a request's headers (TALLY_HEADERS_TIMEOUT_SECONDS). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (TALLY_REQUEST_TIMEOUT_SECONDS). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (TALLY_KEEP_ALIVE_TIMEOUT_SECONDS). */
  keepAliveTimeoutMs: number;
  /** Origins allowed to call from a browser (TALLY_CORS_ORIGINS); empty: CORS off. */
  corsOrigins: string[];
  /** Body limit of every request but batch ingest (TALLY_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Body limit of a request whose only field is recordMeterEvents (TALLY_MAX_BATCH_BODY_BYTES). */
  maxBatchBodyBytes: number;
  /** Where clients reach this server (TALLY_PUBLIC_URL), for links such as Invoice.hostedInvoiceUrl; unset: each request's own origin. */
  publicUrl?: string;
}

export interface ServerConfig {
  graphql: GraphqlLimits;
  http: HttpConfig;
  /** TALLY_WEBHOOK_ALLOW_PRIVATE: webhook endpoints may be loopback or private addresses. */
  webhooks: { allowPrivate: boolean };
}

export const DEFAULT_CONFIG: ServerConfig = {
  graphql: { maxDepth: 15, maxAliases: 30, maxTokens: 1_000, maxDirectives: 50, maxCost: 50_000 },
  http: {
    headersTimeoutMs: 20_000,
    requestTimeoutMs: 60_000,
    keepAliveTimeoutMs: 5_000,
    corsOrigins: [],
    maxBodyBytes: 1_000_000,
    maxBatchBodyBytes: 25_000_000,
  },
  webhooks: { allowPrivate: false },
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, scale = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer; got ${raw}`);
  return value * scale;
}

function publicUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.TALLY_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url === null || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new Error(`TALLY_PUBLIC_URL takes a URL such as https://billing.example.com; got ${raw}`);
  }
  return url.href.replace(/\/+$/, "");
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === "false") return false;
  if (raw === "true") return true;
  throw new Error(`${name} must be true or false; got ${raw}`);
}

/** Origins as the browser sends them (scheme://host[:port]); anything else is a configuration mistake. */
function origins(env: NodeJS.ProcessEnv): string[] {
  const raw = env.TALLY_CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(",").map((entry) => {
    const origin = entry.trim();
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || parsed.origin !== origin) {
      throw new Error(`TALLY_CORS_ORIGINS takes origins such as https://app.example.com; got ${origin}`);
    }
    return origin;
  });
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const g = DEFAULT_CONFIG.graphql;
  const h = DEFAULT_CONFIG.http;
  return {
    graphql: {
      maxDepth: positiveInteger(env, "TALLY_MAX_DEPTH", g.maxDepth),
      maxAliases: positiveInteger(env, "TALLY_MAX_ALIASES", g.maxAliases),
      maxTokens: positiveInteger(env, "TALLY_MAX_TOKENS", g.maxTokens),
      maxDirectives: positiveInteger(env, "TALLY_MAX_DIRECTIVES", g.maxDirectives),
      maxCost: positiveInteger(env, "TALLY_MAX_COST", g.maxCost),
    },
    http: {
      headersTimeoutMs: positiveInteger(env, "TALLY_HEADERS_TIMEOUT_SECONDS", h.headersTimeoutMs, 1000),
      requestTimeoutMs: positiveInteger(env, "TALLY_REQUEST_TIMEOUT_SECONDS", h.requestTimeoutMs, 1000),
      keepAliveTimeoutMs: positiveInteger(env, "TALLY_KEEP_ALIVE_TIMEOUT_SECONDS", h.keepAliveTimeoutMs, 1000),
      corsOrigins: origins(env),
      maxBodyBytes: positiveInteger(env, "TALLY_MAX_BODY_BYTES", h.maxBodyBytes),
      maxBatchBodyBytes: positiveInteger(env, "TALLY_MAX_BATCH_BODY_BYTES", h.maxBatchBodyBytes),
      publicUrl: publicUrl(env),
    },
    webhooks: { allowPrivate: flag(env, "TALLY_WEBHOOK_ALLOW_PRIVATE") },
  };
}
