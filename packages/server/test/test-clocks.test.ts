import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";

const CREATE = `mutation($input: CreateTestClockInput!) {
  createTestClock(input: $input) { __typename ... on TestClock { id name frozenTime status } ... on Error { code message field } }
}`;
const ADVANCE = `mutation($input: AdvanceTestClockInput!) {
  advanceTestClock(input: $input) { __typename ... on TestClock { id frozenTime status } ... on Error { code message field } }
}`;

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

async function newClock(frozenTime = "2026-01-01T00:00:00Z"): Promise<string> {
  const res = await app.gql(CREATE, { input: { frozenTime, name: "Alpaca" } });
  return res.data.createTestClock.id;
}

describe("test clocks", () => {
  it("creates a READY clock at the given time", async () => {
    const res = await app.gql(CREATE, { input: { frozenTime: "2026-01-01T00:00:00Z", name: "Alpaca" } });
    expect(res.data.createTestClock).toMatchObject({
      __typename: "TestClock",
      name: "Alpaca",
      frozenTime: "2026-01-01T00:00:00.000Z",
      status: "READY",
    });
    expect(res.data.createTestClock.id).toMatch(/^clock_/);
  });

  it("advances forward and keeps the new time", async () => {
    const id = await newClock();
    const res = await app.gql(ADVANCE, { input: { id, frozenTime: "2026-02-01T00:00:00Z" } });
    expect(res.data.advanceTestClock).toMatchObject({ id, frozenTime: "2026-02-01T00:00:00.000Z", status: "READY" });
    const read = await app.gql(`query($id: ID!) { testClock(id: $id) { frozenTime } }`, { id });
    expect(read.data.testClock.frozenTime).toBe("2026-02-01T00:00:00.000Z");
  });

  it("refuses to move backwards with TEST_CLOCK_BACKWARDS", async () => {
    const id = await newClock("2026-03-01T00:00:00Z");
    const res = await app.gql(ADVANCE, { input: { id, frozenTime: "2026-02-28T23:59:59Z" } });
    expect(res.data.advanceTestClock).toMatchObject({
      __typename: "InvalidInputError",
      code: "TEST_CLOCK_BACKWARDS",
      field: ["input", "frozenTime"],
    });
    const read = await app.gql(`query($id: ID!) { testClock(id: $id) { frozenTime } }`, { id });
    expect(read.data.testClock.frozenTime).toBe("2026-03-01T00:00:00.000Z");
  });

  it("treats advancing to the current time as a no-op", async () => {
    const id = await newClock("2026-03-01T00:00:00Z");
    const res = await app.gql(ADVANCE, { input: { id, frozenTime: "2026-03-01T00:00:00Z" } });
    expect(res.data.advanceTestClock.frozenTime).toBe("2026-03-01T00:00:00.000Z");
  });

  it("answers NOT_FOUND for an unknown clock", async () => {
    const res = await app.gql(ADVANCE, { input: { id: "clock_nope", frozenTime: "2026-02-01T00:00:00Z" } });
    expect(res.data.advanceTestClock).toMatchObject({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
  });

  it("refuses live mode keys with TEST_CLOCK_IN_LIVE_MODE and stores nothing", async () => {
    const before = await app.database.prisma.testClock.count();
    const res = await app.gql(CREATE, { input: { frozenTime: "2026-01-01T00:00:00Z" } }, app.account.liveSecretKey);
    expect(res.data.createTestClock).toMatchObject({
      __typename: "InvalidInputError",
      code: "TEST_CLOCK_IN_LIVE_MODE",
    });
    expect(await app.database.prisma.testClock.count()).toBe(before);
  });

  it("rejects a malformed date-time as bad input, not a server error", async () => {
    const res = await app.gql(CREATE, { input: { frozenTime: "next tuesday" } });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/ISO-8601/);
  });

  describe("listing and deleting", () => {
    const LIST = `{ testClocks(first: 100) { edges { node { id } } } }`;
    const DELETE = `mutation($input: TestClockIdInput!) {
      deleteTestClock(input: $input) { __typename ... on DeletedTestClock { id deleted } ... on Error { code message field } }
    }`;
    const listed = async (key?: string) =>
      ((await app.gql(LIST, {}, key)).data.testClocks.edges as Array<{ node: { id: string } }>).map((e) => e.node.id);

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
      const res = await app.gql(DELETE, { input: { id } });
      expect(res.data.deleteTestClock).toEqual({ __typename: "DeletedTestClock", id, deleted: true });
      expect((await app.gql(`query($id: ID!) { testClock(id: $id) { id } }`, { id })).data.testClock).toBeNull();
      expect(await listed()).not.toContain(id);
      const again = await app.gql(DELETE, { input: { id } });
      expect(again.data.deleteTestClock).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    });

    it("refuses a clock with customers (TEST_CLOCK_IN_USE) and keeps it", async () => {
      const id = await newClock();
      const customer = await app.gql(
        `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ... on Customer { id } } }`,
        { input: { name: "On the clock", testClockId: id } },
      );
      expect(customer.data.createCustomer.id).toBeTruthy();
      const res = await app.gql(DELETE, { input: { id } });
      expect(res.data.deleteTestClock).toMatchObject({
        __typename: "InvalidInputError",
        code: "TEST_CLOCK_IN_USE",
        field: ["input", "id"],
      });
      expect(await listed()).toContain(id);
    });

    it("does not let another account delete a clock", async () => {
      const id = await newClock();
      const other = await app.createAccount("Other");
      const res = await app.gql(DELETE, { input: { id } }, other.testSecretKey);
      expect(res.data.deleteTestClock).toMatchObject({ __typename: "NotFoundError" });
      expect(await listed()).toContain(id);
    });
  });
});
