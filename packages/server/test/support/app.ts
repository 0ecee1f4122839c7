// The app under test, driven through HTTP semantics with yoga.fetch (no port, no network).
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { DEFAULT_CONFIG, type ServerConfig } from "../../src/config.js";
import type { AppDeps } from "../../src/context.js";
import type { Clock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { createTallyYoga } from "../../src/http/yoga.js";
import { createTallyPubSub } from "../../src/pubsub.js";
import { memoryLogger } from "../../src/logger.js";
import { createAccount, type AccountCredentials } from "../../src/services/accounts.js";
import { createTestDatabase } from "./database.js";

export const ADMIN_KEY = "tally_admin_test_key_0123456789";

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestApp {
  database: Database;
  deps: AppDeps;
  logger: ReturnType<typeof memoryLogger>;
  clock: Clock & { set(date: Date): void };
  /** The account every test starts with. */
  account: AccountCredentials;
  createAccount(name?: string): Promise<AccountCredentials>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GqlResponse<T>>;
  /** gql() with a typed document (`graphql(...)` from test/generated): typed variables and result. */
  request<R, V>(document: TypedDocumentNode<R, V>, variables: V, key?: string | null): Promise<GqlResponse<R>>;
  /** request() that must answer without GraphQL errors: its typed data. */
  data<R, V>(document: TypedDocumentNode<R, V>, variables: V, key?: string | null): Promise<R>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export function settableClock(start = new Date()): Clock & { set(date: Date): void } {
  let now = start;
  return { now: () => now, set: (date) => void (now = date) };
}

/**
 * The server's defaults, except that webhooks may go to loopback receivers: the tests' own
 * (docs/operations/security.md; webhook-urls.test.ts checks the default refuses them).
 */
export const TEST_CONFIG: ServerConfig = { ...DEFAULT_CONFIG, webhooks: { allowPrivate: true } };

export async function createTestApp(options: { config?: ServerConfig } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logger = memoryLogger();
  const clock = settableClock();
  const deps: AppDeps = {
    database,
    config: options.config ?? TEST_CONFIG,
    clock,
    logger,
    adminKey: ADMIN_KEY,
    pubsub: createTallyPubSub(),
  };
  const yoga = createTallyYoga(deps);
  const account = await createAccount(database.prisma, "Test account");
  const fetch = (path: string, init?: RequestInit) =>
    Promise.resolve(yoga.fetch(new Request(`http://tally.test${path}`, init)));
  const app: TestApp = {
    database,
    deps,
    logger,
    clock,
    account,
    createAccount: (name = "Another account") => createAccount(database.prisma, name),
    fetch,
    async gql(query, variables, key = account.testSecretKey) {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GqlResponse;
      // A masked internal error is a bug wherever it appears; tests that want one use fetch().
      const internal = body.errors?.find((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
      if (internal)
        throw new Error(
          `Internal server error at ${internal.path?.join(".")}: ${JSON.stringify(app.logger.entries.filter((e) => e.level === "error").at(-1))}`,
        );
      return { ...body, status: response.status };
    },
    request: (document, variables, key) => app.gql(print(document), variables as Record<string, unknown>, key),
    async data(document, variables, key) {
      const res = await app.request(document, variables, key);
      if (res.errors || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data;
    },
    close: () => database.close(),
  };
  return app;
}
