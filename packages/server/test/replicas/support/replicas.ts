// Several real `tally serve` processes on one fresh PostgreSQL database (and Redis), as an operator
// runs them: the database is migrated once by `tally migrate`, then the replicas start.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { randomBase62 } from "../../../src/ids.js";

export const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const ADMIN_KEY = "tally_admin_replicas_0123456789";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface Replica {
  url: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  stop(): Promise<void>;
  /** kill -9: no graceful stop, transactions in flight are cut off. */
  kill(): Promise<void>;
}

export interface ScratchDatabase {
  url: string;
  sql: pg.Client;
  drop(): Promise<void>;
}

/** A fresh empty database on the test PostgreSQL server, and a client on it. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `tally_replicas_${randomBase62(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const sql = new pg.Client({ connectionString: url.toString() });
  await sql.connect();
  return {
    url: url.toString(),
    sql,
    async drop() {
      await sql.end();
      const again = new pg.Client({ connectionString: POSTGRES_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

function baseEnv(databaseUrl: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    TALLY_ADMIN_KEY: ADMIN_KEY,
    TALLY_PUBSUB_URL: REDIS_URL,
    TALLY_DB_POOL_SIZE: "4",
    ...env,
  };
}

/** `tally migrate` against the database; resolves with its output. */
export async function migrate(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["bin/tally.js", "migrate"], {
    cwd: serverRoot,
    env: baseEnv(databaseUrl, {}),
  });
  return stdout;
}

/**
 * Starts `tally serve`; resolves once it serves, or rejects with its output when it exits first
 * (`exited` then holds the exit code, for tests of refused starts).
 */
export async function startReplica(databaseUrl: string, env: Record<string, string> = {}): Promise<Replica> {
  const child = spawn(process.execPath, ["bin/tally.js", "serve"], {
    cwd: serverRoot,
    env: baseEnv(databaseUrl, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = once(child, "exit");
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const serving = /"message":"Tally is serving","graphql":"(http:\/\/[^"]+)\/graphql"/.exec(output);
      if (serving) resolve(serving[1]!.replace("localhost", "127.0.0.1"));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(([code]) => reject(new StartRefused(code as number | null, output)));
  });
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

export class StartRefused extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`tally serve exited (${code}) before serving:\n${output}`);
  }
}

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** One GraphQL request to a replica. */
export async function gql<T = any>(
  url: string,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GqlResult<T>, "status">) };
}

/** gql() that must succeed: its data. */
export async function data<T = any>(url: string, key: string, query: string, variables?: Record<string, unknown>) {
  const result = await gql<T>(url, key, query, variables);
  if (result.errors || !result.data) throw new Error(`GraphQL errors from ${url}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** A new account through the operator key; its test-mode secret key. */
export async function newAccount(url: string, name: string): Promise<{ accountId: string; key: string }> {
  const { createAccount } = await data(
    url,
    ADMIN_KEY,
    `mutation ($input: CreateAccountInput!) {
      createAccount(input: $input) { ... on AccountCredentials { account { id } testSecretKey } }
    }`,
    { input: { name } },
  );
  return { accountId: createAccount.account.id, key: createAccount.testSecretKey };
}

/**
 * A GraphQL subscription over server-sent events: `next()` resolves with each message's data.
 * `close()` ends the stream.
 */
export async function subscribe(url: string, key: string, query: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(): Promise<any> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const dataLine = message.split("\n").find((line) => line.startsWith("data:"));
          if (dataLine && message.includes("event: next")) return JSON.parse(dataLine.slice(5)).data;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("subscription ended");
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 100 ms until it returns true, or fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
