import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRowLoaders } from "../src/schema/loaders/row-loaders.js";
import { scopedClient } from "../src/db/tenant-scope.js";
import { newId } from "../src/ids.js";
import type { AccountCredentials } from "../src/services/accounts.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";

let app: TestApp;
let other: AccountCredentials;
let clockId: string;

const READ = graphql(`
  query TenancyRead($id: ID!) {
    testClock(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
  }
`);

const NODE = graphql(`
  query TenancyNode($id: ID!) {
    node(id: $id) {
      id
    }
  }
`);

const ADVANCE = graphql(`
  mutation TenancyAdvance($id: ID!) {
    advanceTestClock(input: { id: $id, frozenTime: "2027-01-01T00:00:00Z" }) {
      __typename
      ... on Error {
        code
      }
    }
  }
`);

beforeAll(async () => {
  app = await createTestApp();
  other = await app.createAccount();
  clockId = (await catalog(app).clock("2026-01-01T00:00:00Z")).id;
});
afterAll(() => app.close());

describe("tenancy", () => {
  it("lets the owning key read its object", async () => {
    const res = await app.data(READ, { id: clockId });
    expect(res).toEqual({ testClock: { id: clockId }, node: { id: clockId } });
  });

  it("hides test-mode objects from the same account's live key", async () => {
    const res = await app.data(READ, { id: clockId }, app.account.liveSecretKey);
    expect(res).toEqual({ testClock: null, node: null });
  });

  it("hides them from another account's keys", async () => {
    for (const key of [other.testSecretKey, other.liveSecretKey]) {
      const res = await app.data(READ, { id: clockId }, key);
      expect(res).toEqual({ testClock: null, node: null });
    }
  });

  it("does not let another key write to the object", async () => {
    const res = await app.data(ADVANCE, { id: clockId }, other.testSecretKey);
    expect(res.advanceTestClock).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const clock = await app.database.prisma.testClock.findFirstOrThrow({ where: { id: clockId } });
    expect(clock.frozenTime.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("answers node(id) with null, not an error, for IDs this key cannot see", async () => {
    for (const id of ["cus_missing", "clock_missing", "key_anything", "xyz_unknown", "not-an-id", clockId]) {
      const res = await app.request(NODE, { id }, other.testSecretKey);
      expect(res.errors, id).toBeUndefined();
      expect(res.data?.node, id).toBeNull();
    }
  });

  it("shows an account only to its own keys", async () => {
    const res = await app.data(NODE, { id: app.account.account.id }, other.testSecretKey);
    expect(res.node).toBeNull();
  });

  it("refuses writes whose data names another tenant, at the client level", async () => {
    const db = scopedClient(app.database.prisma, { accountId: app.account.account.id, mode: "test" });
    await expect(
      db.testClock.create({
        data: { id: newId("TestClock"), accountId: other.account.id, mode: "test", frozenTime: new Date() },
      }),
    ).rejects.toThrow(/Tenancy violation/);
    await expect(
      db.testClock.create({
        data: { id: newId("TestClock"), accountId: app.account.account.id, mode: "live", frozenTime: new Date() },
      }),
    ).rejects.toThrow(/Tenancy violation/);
    // A scoped read cannot widen its own filter either.
    const liveDb = scopedClient(app.database.prisma, { accountId: app.account.account.id, mode: "live" });
    expect(await liveDb.testClock.findMany({ where: { mode: "test" } })).toEqual([]);
  });

  it("loads rows by id for nested reads only within the key's account and mode", async () => {
    const mine = createRowLoaders(app.database.sql, { accountId: app.account.account.id, mode: "test" });
    expect((await mine.referenced("TestClock", clockId)).frozenTime.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    for (const scope of [
      { accountId: app.account.account.id, mode: "live" as const },
      { accountId: other.account.id, mode: "test" as const },
    ]) {
      await expect(createRowLoaders(app.database.sql, scope).referenced("TestClock", clockId)).rejects.toThrow(
        /not found in the tenant's scope/,
      );
    }
  });

  it("refuses, in the database, a row that names another tenant's object", async () => {
    // The foreign keys carry the account and mode (docs/operations/scaling.md#past-one-postgresql):
    // my customer on another account's test clock, or my price of another account's product, cannot be stored.
    const mine = { accountId: app.account.account.id, mode: "test" as const };
    const theirs = { accountId: other.account.id, mode: "test" as const };
    const db = app.database.prisma;
    const theirClock = await db.testClock.create({
      data: { id: newId("TestClock"), ...theirs, frozenTime: new Date("2026-01-01T00:00:00Z") },
    });
    const theirProduct = await db.product.create({ data: { id: newId("Product"), ...theirs, name: "Theirs" } });
    await expect(
      db.customer.create({ data: { id: newId("Customer"), ...mine, testClockId: theirClock.id } }),
    ).rejects.toThrow(/Customer_testClockId_fkey/);
    const price = {
      id: newId("Price"),
      productId: theirProduct.id,
      currency: "usd",
      interval: "MONTH",
      intervalCount: 1,
      usageType: "LICENSED",
      billingScheme: "PER_UNIT",
    } as const;
    await expect(db.price.create({ data: { ...price, ...mine } })).rejects.toThrow(/Price_productId_fkey/);
    // In the product's own account and mode, the same row is stored.
    await expect(db.price.create({ data: { ...price, ...theirs } })).resolves.toMatchObject({
      productId: theirProduct.id,
    });
  });

  it("keeps the relations joined to a row loaded by id for their own loads", async () => {
    const mine = { accountId: app.account.account.id, mode: "test" as const };
    const customer = await app.database.prisma.customer.create({
      data: { id: newId("Customer"), ...mine, testClockId: clockId },
    });
    const rows = createRowLoaders(app.database.sql, mine);
    await rows.referenced("Customer", customer.id);
    // Read with the customer: no statement of its own, not even a promise.
    const clock = rows.referenced("TestClock", clockId);
    expect(clock).not.toBeInstanceOf(Promise);
    expect(clock).toEqual(await app.database.prisma.testClock.findFirstOrThrow({ where: { id: clockId } }));
  });
});
