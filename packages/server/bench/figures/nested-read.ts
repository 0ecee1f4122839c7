// Nested read (figure id nested-read): 50 subscriptions with their customer, items and prices (products,
// meters) in one query → req/s, and the SQL statements one request sends. Reference (same run):
// the same query and response from the same schema with the data in memory (memory-server.ts).
import { serverConfigFromEnv } from "../../src/config.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/db/client.js";
import { databaseConfigFromEnv } from "../../src/db/config.js";
import { createTallyYoga } from "../../src/http/yoga.js";
import { createTallyPubSub } from "../../src/pubsub.js";
import { memoryLogger } from "../../src/logger.js";
import { countingDatabase } from "../../test/support/counting-database.js";
import { meteredPrice, type Api } from "../lib/api.js";
import { combine, runLoad, type LoadResult } from "../lib/load.js";
import { startServer } from "../lib/server.js";
import { withDatabase, type Session } from "../lib/session.js";

export const SUBSCRIPTIONS = `{
  subscriptions(first: 50) { edges { node {
    id status currentPeriodStart currentPeriodEnd
    customer { id name email testClock { id frozenTime } }
    items { id quantity price { id currency unitAmount billingScheme recurring { interval usageType meter { id eventName } } product { id name } } }
  } } }
}`;

export interface NestedReadResult {
  server: LoadResult;
  memory: LoadResult;
  statements: number;
}

/** 50 subscriptions of 10 customers (2 of them on test clocks), each with a metered and a licensed item. */
async function fixture(a: Api): Promise<void> {
  const meter = await a.mutate(
    "createMeter",
    "CreateMeterInput",
    { displayName: "Reads", eventName: "bench_reads", aggregation: "SUM" },
    "Meter",
  );
  const metered = await meteredPrice(a, meter.id, "0.01");
  const product = await a.mutate("createProduct", "CreateProductInput", { name: "Seats" }, "Product");
  const licensed = await Promise.all(
    ["10", "20"].map(
      async (unitAmount) =>
        (
          await a.mutate(
            "createPrice",
            "CreatePriceInput",
            {
              productId: product.id,
              currency: "usd",
              unitAmount,
              recurring: { interval: "MONTH", usageType: "LICENSED" },
            },
            "Price",
          )
        ).id,
    ),
  );
  const clock = await a.mutate(
    "createTestClock",
    "CreateTestClockInput",
    { frozenTime: "2026-01-01T00:00:00Z" },
    "TestClock",
  );
  const customers: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const input = { name: `Reader ${i}`, email: `reader${i}@example.com`, ...(i < 2 ? { testClockId: clock.id } : {}) };
    customers.push((await a.mutate("createCustomer", "CreateCustomerInput", input, "Customer")).id);
  }
  for (let i = 0; i < 50; i += 1) {
    const items = [{ priceId: metered }, { priceId: licensed[i % 2], quantity: 1 + (i % 3) }];
    await a.mutate(
      "createSubscription",
      "CreateSubscriptionInput",
      { customerId: customers[i % 10], items },
      "Subscription",
    );
  }
}

/** SQL statements of one request, counted by the bench over the same database (Prisma's and direct). */
async function statementsPerRequest(session: Session): Promise<number> {
  return withDatabase(session, async () => {
    const database = await openDatabase(databaseConfigFromEnv(session.target.serverEnv));
    const counting = countingDatabase(database);
    const yoga = createTallyYoga({
      database: counting.database,
      config: serverConfigFromEnv(session.target.serverEnv),
      clock: { now: () => new Date() },
      logger: memoryLogger(),
      adminKey: undefined,
      pubsub: createTallyPubSub(),
    });
    const request = () =>
      yoga.fetch("http://bench/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session.api.key}` },
        body: JSON.stringify({ query: SUBSCRIPTIONS }),
      });
    try {
      await request(); // authentication (then cached) is not the read's
      counting.reset();
      const body = (await (await request()).json()) as { data?: { subscriptions: { edges: unknown[] } } };
      if (body.data?.subscriptions.edges.length !== 50)
        throw new Error(`nested-read: unexpected answer ${JSON.stringify(body).slice(0, 300)}`);
      return counting.statements();
    } finally {
      await counting.close();
      await database.close();
    }
  });
}

export async function nestedRead(
  session: Session,
  options: { connections: number; seconds: number },
): Promise<NestedReadResult> {
  await fixture(session.api);
  const data = await session.api.gql<{ subscriptions: { edges: unknown[] } }>(SUBSCRIPTIONS);
  if (data.subscriptions.edges.length !== 50) throw new Error("nested-read: expected 50 subscriptions");
  const expected = JSON.stringify({ data });
  const load = (url: string, key: string | undefined, seconds: number) =>
    runLoad({
      url,
      ...(key ? { key } : {}),
      connections: options.connections,
      duration: seconds,
      body: () => JSON.stringify({ query: SUBSCRIPTIONS }),
      check: (text) => {
        if (text !== expected)
          throw new Error(`nested-read: the answer differs from the first one: ${text.slice(0, 300)}`);
      },
    });

  const dir = mkdtempSync(join(tmpdir(), "tally-bench-memory-"));
  writeFileSync(join(dir, "data.json"), JSON.stringify(data));
  const memoryServer = await startServer(
    { BENCH_DATA: join(dir, "data.json") },
    { command: ["--import", "tsx", "bench/memory-server.ts"] },
  );
  try {
    // Warm-up of both, then alternating rounds, so that both see the same share of the machine's
    // noise (background work of PostgreSQL after the usage-at-scale seeding, other processes).
    await load(memoryServer.url, undefined, options.seconds / 2);
    await load(session.server.url, session.api.key, options.seconds / 2);
    const rounds = 3;
    const memory: LoadResult[] = [];
    const server: LoadResult[] = [];
    session.server.resetPeakRss();
    for (let round = 0; round < rounds; round += 1) {
      memory.push(await load(memoryServer.url, undefined, options.seconds / rounds));
      server.push(await load(session.server.url, session.api.key, options.seconds / rounds));
    }
    session.peakRss.push({ figure: "nested-read", database: session.target.kind, bytes: session.server.peakRss() });
    return { server: combine(server), memory: combine(memory), statements: await statementsPerRequest(session) };
  } finally {
    await memoryServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
