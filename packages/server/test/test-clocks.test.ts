import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";

const CREATE = graphql(`
  mutation TestClocksCreate($input: CreateTestClockInput!) {
    createTestClock(input: $input) {
      __typename
      ... on TestClock {
        id
        name
        frozenTime
        status
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const ADVANCE = graphql(`
  mutation TestClocksAdvance($input: AdvanceTestClockInput!) {
    advanceTestClock(input: $input) {
      __typename
      ... on TestClock {
        id
        frozenTime
        status
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const FROZEN_TIME = graphql(`
  query TestClocksFrozenTime($id: ID!) {
    testClock(id: $id) {
      frozenTime
    }
  }
`);

const CLOCK_ID = graphql(`
  query TestClocksId($id: ID!) {
    testClock(id: $id) {
      id
    }
  }
`);

const LIST = graphql(`
  query TestClocksList {
    testClocks(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const DELETE = graphql(`
  mutation TestClocksDelete($input: TestClockIdInput!) {
    deleteTestClock(input: $input) {
      __typename
      ... on DeletedTestClock {
        id
        deleted
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

async function newClock(frozenTime = "2026-01-01T00:00:00Z"): Promise<string> {
  const res = await app.data(CREATE, { input: { frozenTime, name: "Alpaca" } });
  assert(res.createTestClock.__typename === "TestClock");
  return res.createTestClock.id;
}

describe("test clocks", () => {
  it("creates a READY clock at the given time", async () => {
    const res = await app.data(CREATE, { input: { frozenTime: "2026-01-01T00:00:00Z", name: "Alpaca" } });
    expect(res.createTestClock).toMatchObject({
      __typename: "TestClock",
      name: "Alpaca",
      frozenTime: "2026-01-01T00:00:00.000Z",
      status: "READY",
    });
    assert(res.createTestClock.__typename === "TestClock");
    expect(res.createTestClock.id).toMatch(/^clock_/);
  });

  it("advances forward and keeps the new time", async () => {
    const id = await newClock();
    const res = await app.data(ADVANCE, { input: { id, frozenTime: "2026-02-01T00:00:00Z" } });
    expect(res.advanceTestClock).toMatchObject({ id, frozenTime: "2026-02-01T00:00:00.000Z", status: "READY" });
    const read = await app.data(FROZEN_TIME, { id });
    expect(read.testClock!.frozenTime).toBe("2026-02-01T00:00:00.000Z");
  });

  it("refuses to move backwards with TEST_CLOCK_BACKWARDS", async () => {
    const id = await newClock("2026-03-01T00:00:00Z");
    const res = await app.data(ADVANCE, { input: { id, frozenTime: "2026-02-28T23:59:59Z" } });
    expect(res.advanceTestClock).toMatchObject({
      __typename: "InvalidInputError",
      code: "TEST_CLOCK_BACKWARDS",
      field: ["input", "frozenTime"],
    });
    const read = await app.data(FROZEN_TIME, { id });
    expect(read.testClock!.frozenTime).toBe("2026-03-01T00:00:00.000Z");
  });

  it("treats advancing to the current time as a no-op", async () => {
    const id = await newClock("2026-03-01T00:00:00Z");
    const res = await app.data(ADVANCE, { input: { id, frozenTime: "2026-03-01T00:00:00Z" } });
    assert(res.advanceTestClock.__typename === "TestClock");
    expect(res.advanceTestClock.frozenTime).toBe("2026-03-01T00:00:00.000Z");
  });

  it("answers NOT_FOUND for an unknown clock", async () => {
    const res = await app.data(ADVANCE, { input: { id: "clock_nope", frozenTime: "2026-02-01T00:00:00Z" } });
    expect(res.advanceTestClock).toMatchObject({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
  });

  it("refuses live mode keys with TEST_CLOCK_IN_LIVE_MODE and stores nothing", async () => {
    const before = await app.database.prisma.testClock.count();
    const res = await app.data(CREATE, { input: { frozenTime: "2026-01-01T00:00:00Z" } }, app.account.liveSecretKey);
    expect(res.createTestClock).toMatchObject({
      __typename: "InvalidInputError",
      code: "TEST_CLOCK_IN_LIVE_MODE",
    });
    expect(await app.database.prisma.testClock.count()).toBe(before);
  });

  it("rejects a malformed date-time as bad input, not a server error", async () => {
    const res = await app.request(CREATE, { input: { frozenTime: "next tuesday" } });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/ISO-8601/);
  });

  describe("listing and deleting", () => {
    const listed = async (key?: string) => (await app.data(LIST, {}, key)).testClocks.edges.map((e) => e.node.id);

    it("lists the mode's clocks newest first, and no other account's", async () => {
      const first = await newClock();
      const second = await newClock();
      const ids = await listed();
      expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
      const other = await app.createAccount("Other");
      expect(await listed(other.testSecretKey)).toEqual([]);
    });

    it("deletes an unused clock, which is then gone", async () => {
      const id = await newClock();
      const res = await app.data(DELETE, { input: { id } });
      expect(res.deleteTestClock).toEqual({ __typename: "DeletedTestClock", id, deleted: true });
      expect((await app.data(CLOCK_ID, { id })).testClock).toBeNull();
      expect(await listed()).not.toContain(id);
      const again = await app.data(DELETE, { input: { id } });
      expect(again.deleteTestClock).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    });

    it("refuses a clock with customers (TEST_CLOCK_IN_USE) and keeps it", async () => {
      const id = await newClock();
      const customer = await catalog(app).customer({ name: "On the clock", testClockId: id });
      expect(customer.id).toBeTruthy();
      const res = await app.data(DELETE, { input: { id } });
      expect(res.deleteTestClock).toMatchObject({
        __typename: "InvalidInputError",
        code: "TEST_CLOCK_IN_USE",
        field: ["input", "id"],
      });
      expect(await listed()).toContain(id);
    });

    it("does not let another account delete a clock", async () => {
      const id = await newClock();
      const other = await app.createAccount("Other");
      const res = await app.data(DELETE, { input: { id } }, other.testSecretKey);
      expect(res.deleteTestClock).toMatchObject({ __typename: "NotFoundError" });
      expect(await listed()).toContain(id);
    });
  });
});
