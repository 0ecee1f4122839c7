import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";

const CREATE = `mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) {
    __typename
    ... on Customer { id name email metadata testClock { id frozenTime } }
    ... on Error { code message field }
  }
}`;

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

describe("customers", () => {
  it("creates a customer and reads it back", async () => {
    const res = await app.gql(CREATE, {
      input: { name: "John Doe", email: "john@alpaca.ai", metadata: { plan: "pro" } },
    });
    const customer = res.data.createCustomer;
    expect(customer).toMatchObject({
      __typename: "Customer",
      name: "John Doe",
      email: "john@alpaca.ai",
      metadata: { plan: "pro" },
      testClock: null,
    });
    expect(customer.id).toMatch(/^cus_/);
    const read = await app.gql(`query($id: ID!) { customer(id: $id) { id name } node(id: $id) { id } }`, {
      id: customer.id,
    });
    expect(read.data).toEqual({ customer: { id: customer.id, name: "John Doe" }, node: { id: customer.id } });
  });

  it("attaches a test clock in test mode", async () => {
    const clock = await app.gql(
      `mutation { createTestClock(input: { frozenTime: "2026-01-01T00:00:00Z" }) { ... on TestClock { id } } }`,
    );
    const clockId = clock.data.createTestClock.id;
    const res = await app.gql(CREATE, { input: { name: "Clocked", testClockId: clockId } });
    expect(res.data.createCustomer.testClock).toEqual({ id: clockId, frozenTime: "2026-01-01T00:00:00.000Z" });
  });

  it("rejects bad input with typed errors and stores nothing", async () => {
    const before = await app.database.prisma.customer.count();
    const cases: Array<[Record<string, unknown>, string, string[], string?]> = [
      [{ email: "not-an-email" }, "INVALID_INPUT", ["input", "email"]],
      [{ metadata: { plan: 3 } }, "INVALID_INPUT", ["input", "metadata", "plan"]],
      [
        { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
        "INVALID_INPUT",
        ["input", "metadata"],
      ],
      [{ name: "x".repeat(251) }, "INVALID_INPUT", ["input", "name"]],
      [{ testClockId: "clock_missing" }, "NOT_FOUND", ["input", "testClockId"]],
    ];
    for (const [input, code, field] of cases) {
      const res = await app.gql(CREATE, { input });
      expect(res.data.createCustomer, JSON.stringify(input).slice(0, 60)).toMatchObject({ code, field });
    }
    const live = await app.gql(CREATE, { input: { testClockId: "clock_any" } }, app.account.liveSecretKey);
    expect(live.data.createCustomer).toMatchObject({ code: "TEST_CLOCK_IN_LIVE_MODE" });
    expect(await app.database.prisma.customer.count()).toBe(before);
  });

  it("pages through customers in a stable order, per mode", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.gql(CREATE, { input: { name: `Live ${i}` } }, app.account.liveSecretKey);
      created.push(res.data.createCustomer.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await app.gql(
        `query($after: String) { customers(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        app.account.liveSecretKey,
      );
      seen.push(...res.data.customers.edges.map((e: any) => e.node.id));
      if (!res.data.customers.pageInfo.hasNextPage) break;
      after = res.data.customers.pageInfo.endCursor;
    }
    expect(seen).toEqual([...created].sort());
  });

  it("is invisible to another account and to the other mode", async () => {
    const res = await app.gql(CREATE, { input: { name: "Private" } });
    const id = res.data.createCustomer.id;
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const read = await app.gql(
        `query($id: ID!) { customer(id: $id) { id } node(id: $id) { id } customers(first: 50) { edges { node { id } } } }`,
        { id },
        key,
      );
      expect(read.data.customer).toBeNull();
      expect(read.data.node).toBeNull();
      expect(read.data.customers.edges.map((e: any) => e.node.id)).not.toContain(id);
    }
  });
});
