// The shared pub/sub (docs/operations/caches.md#invalidation): an invalidation published by one
// process reaches the caches through Redis, and a process whose Redis connection dropped empties
// its caches when it is back, since it may have missed invalidations.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caches, invalidate } from "../../src/caches.js";
import { memoryLogger } from "../../src/logger.js";
import { type OpenPubSub, openPubSub } from "../../src/pubsub-transport.js";
import { eventually, REDIS_URL } from "./support/replicas.js";

const cachedKey = { id: "key_x", accountId: "acct_x", mode: "test" as const, expiresAt: null };
let shared: OpenPubSub;
const logger = memoryLogger();

beforeAll(async () => void (shared = await openPubSub(REDIS_URL, logger)));
afterAll(() => shared.close());

describe("the shared pub/sub", () => {
  it("carries an invalidation through Redis to the caches", async () => {
    caches.apiKeys.set("hash-1", cachedKey);
    // Published without forgetting locally, as another process would.
    const other = await openPubSub(REDIS_URL, logger);
    try {
      await eventually(
        async () => {
          other.pubsub.publish("cacheInvalidated", { cache: "apiKeys", keys: ["hash-1"] });
          return caches.apiKeys.get("hash-1") === undefined;
        },
        10_000,
        "the invalidation",
      );
    } finally {
      await other.close();
    }
    // invalidate() forgets here at once, before any message.
    caches.apiKeys.set("hash-2", cachedKey);
    invalidate(shared.pubsub, "apiKeys", ["hash-2"]);
    expect(caches.apiKeys.get("hash-2")).toBeUndefined();
  });

  it("empties every cache when its subscription comes back after a drop", async () => {
    caches.apiKeys.set("hash-3", cachedKey);
    caches.customerClocks.set("acct_x:test:cus_x", null);
    const admin = new Redis(REDIS_URL);
    try {
      // This process's subscribing connections only: other processes may share this Redis.
      const list = (await admin.client("LIST")) as string;
      const ids = list
        .split("\n")
        .filter((line) => line.includes(` name=tally-subscribe-${process.pid} `))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await admin.client("KILL", "ID", id);
    } finally {
      admin.disconnect();
    }
    await eventually(async () => caches.apiKeys.get("hash-3") === undefined, 20_000, "caches emptied");
    expect(caches.customerClocks.get("acct_x:test:cus_x")).toBeUndefined();
    expect(logger.entries.some((e) => e.message === "pub/sub connection lost; reconnecting")).toBe(true);
  });
});
