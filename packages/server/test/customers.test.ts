import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";
import type { CreateCustomerInput, CustomersPageQuery } from "./generated/graphql.js";

const CREATE = graphql(`
  mutation CustomersCreate($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      __typename
      ... on Customer {
        id
        name
        email
        metadata
        testClock {
          id
          frozenTime
        }
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const READ = graphql(`
  query CustomersRead($id: ID!) {
    customer(id: $id) {
      id
      name
    }
    node(id: $id) {
      id
    }
  }
`);

const PAGE = graphql(`
  query CustomersPage($after: String) {
    customers(first: 2, after: $after) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const VISIBLE = graphql(`
  query CustomersVisible($id: ID!) {
    customer(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    customers(first: 50) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

describe("customers", () => {
  it("creates a customer and reads it back", async () => {
    const res = await app.data(CREATE, {
      input: { name: "John Doe", email: "john@alpaca.ai", metadata: { plan: "pro" } },
    });
    const customer = res.createCustomer;
    expect(customer).toMatchObject({
      __typename: "Customer",
      name: "John Doe",
      email: "john@alpaca.ai",
      metadata: { plan: "pro" },
      testClock: null,
    });
    assert(customer.__typename === "Customer");
    expect(customer.id).toMatch(/^cus_/);
    const read = await app.data(READ, { id: customer.id });
    expect(read).toEqual({ customer: { id: customer.id, name: "John Doe" }, node: { id: customer.id } });
  });

  it("attaches a test clock in test mode", async () => {
    const clockId = (await catalog(app).clock("2026-01-01T00:00:00Z")).id;
    const { createCustomer } = await app.data(CREATE, { input: { name: "Clocked", testClockId: clockId } });
    assert(createCustomer.__typename === "Customer");
    expect(createCustomer.testClock).toEqual({ id: clockId, frozenTime: "2026-01-01T00:00:00.000Z" });
  });

  it("rejects bad input with typed errors and stores nothing", async () => {
    const before = await app.database.prisma.customer.count();
    const cases: Array<[CreateCustomerInput, string, string[], string?]> = [
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
      const res = await app.data(CREATE, { input });
      expect(res.createCustomer, JSON.stringify(input).slice(0, 60)).toMatchObject({ code, field });
    }
    const live = await app.data(CREATE, { input: { testClockId: "clock_any" } }, app.account.liveSecretKey);
    expect(live.createCustomer).toMatchObject({ code: "TEST_CLOCK_IN_LIVE_MODE" });
    expect(await app.database.prisma.customer.count()).toBe(before);
  });

  it("pages through customers in a stable order, per mode", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push((await catalog(app, app.account.liveSecretKey).customer({ name: `Live ${i}` })).id);
    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 10; page++) {
      const { customers }: CustomersPageQuery = await app.data(PAGE, { after }, app.account.liveSecretKey);
      seen.push(...customers.edges.map((e) => e.node.id));
      if (!customers.pageInfo.hasNextPage) break;
      after = customers.pageInfo.endCursor;
    }
    expect(seen).toEqual([...created].sort());
  });

  it("is invisible to another account and to the other mode", async () => {
    const { id } = await catalog(app).customer({ name: "Private" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const read = await app.data(VISIBLE, { id }, key);
      expect(read.customer).toBeNull();
      expect(read.node).toBeNull();
      expect(read.customers.edges.map((e) => e.node.id)).not.toContain(id);
    }
  });
});
