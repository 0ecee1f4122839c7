// updateCustomer and deleteCustomer (docs/concepts/subscriptions.md#customers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { billing, type Billing } from "./support/billing.js";
import { graphql } from "./generated/gql.js";
import type { UpdateCustomerInput } from "./generated/graphql.js";

const UPDATE = graphql(`
  mutation CustomerChangesUpdate($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) {
      __typename
      ... on Customer {
        id
        name
        email
        metadata
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

const DELETE = graphql(`
  mutation CustomerChangesDelete($input: CustomerIdInput!) {
    deleteCustomer(input: $input) {
      __typename
      ... on Customer {
        id
        name
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

const READ = graphql(`
  query CustomerChangesRead($id: ID!) {
    customer(id: $id) {
      id
      deleted
    }
    customers(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

let app: TestApp;
let b: Billing;
beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app.close());

async function lastEvent(type: string) {
  return app.database.prisma.event.findFirst({ where: { type }, orderBy: { seq: "desc" } });
}

describe("updateCustomer", () => {
  it("changes only the given fields, merges metadata, and records customer.updated with the earlier values", async () => {
    const id = await b.customer({ name: "Jane", email: "jane@alpaca.ai", metadata: { plan: "pro", region: "eu" } });
    const res = await app.data(UPDATE, {
      input: { id, email: "jane@llama.ai", metadata: { region: "", tier: "gold" } },
    });
    expect(res.updateCustomer).toEqual({
      __typename: "Customer",
      id,
      name: "Jane",
      email: "jane@llama.ai",
      metadata: { plan: "pro", tier: "gold" },
      deleted: false,
    });
    const event = await lastEvent("customer.updated");
    expect(event?.data).toMatchObject({ id, email: "jane@llama.ai" });
    expect(event?.previousAttributes).toEqual({ email: "jane@alpaca.ai", metadata: { plan: "pro", region: "eu" } });
  });

  it("null clears a field; a change to nothing records no event", async () => {
    const id = await b.customer({ name: "Jane", email: "jane@alpaca.ai", metadata: { plan: "pro" } });
    const cleared = await app.data(UPDATE, { input: { id, name: null, metadata: null } });
    expect(cleared.updateCustomer).toMatchObject({ name: null, email: "jane@alpaca.ai", metadata: null });
    const events = await app.database.prisma.event.count({ where: { type: "customer.updated" } });
    await app.data(UPDATE, { input: { id, email: "jane@alpaca.ai" } });
    expect(await app.database.prisma.event.count({ where: { type: "customer.updated" } })).toBe(events);
  });

  it("refuses bad input and unknown customers, storing nothing", async () => {
    const id = await b.customer({ name: "Jane", email: "jane@alpaca.ai" });
    const cases: Array<[UpdateCustomerInput, string, string[]]> = [
      [{ id, email: "nope" }, "INVALID_INPUT", ["input", "email"]],
      [{ id, metadata: { n: 3 } }, "INVALID_INPUT", ["input", "metadata", "n"]],
      [{ id: "cus_missing", name: "x" }, "NOT_FOUND", ["input", "id"]],
    ];
    for (const [input, code, field] of cases) {
      expect((await app.data(UPDATE, { input })).updateCustomer).toMatchObject({ code, field });
    }
    expect(await app.database.prisma.customer.findFirst({ where: { id } })).toMatchObject({
      email: "jane@alpaca.ai",
      metadata: null,
    });
  });

  it("does not reach another account's customer", async () => {
    const other = await app.createAccount();
    const id = await b.customer({ name: "Mine" });
    const res = await app.data(UPDATE, { input: { id, name: "Theirs" } }, other.testSecretKey);
    expect(res.updateCustomer).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("deleteCustomer", () => {
  it("refuses a customer with a subscription that is not canceled, then deletes once it is", async () => {
    const id = await b.customer({ name: "Subscribed" });
    const price = await b.licensed("10");
    const subscription = await b.subscribe({ customerId: id, items: [{ priceId: price }] });
    const refused = await app.data(DELETE, { input: { id } });
    expect(refused.deleteCustomer).toMatchObject({
      code: "CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS",
      field: ["input", "id"],
    });
    expect(await app.database.prisma.customer.findFirst({ where: { id } })).toMatchObject({ deletedAt: null });

    await b.cancel(subscription.id, false);
    const deleted = await app.data(DELETE, { input: { id } });
    expect(deleted.deleteCustomer).toEqual({ __typename: "Customer", id, name: "Subscribed", deleted: true });
    expect((await lastEvent("customer.deleted"))?.data).toMatchObject({ id });
    // Still readable, left out of the list, and takes no new subscription.
    const read = await app.data(READ, { id });
    expect(read.customer).toEqual({ id, deleted: true });
    expect(read.customers.edges.map((e) => e.node.id)).not.toContain(id);
    expect(await b.trySubscribe({ customerId: id, items: [{ priceId: price }] })).toMatchObject({
      code: "NOT_FOUND",
      field: ["input", "customerId"],
    });
    expect((await app.data(DELETE, { input: { id } })).deleteCustomer).toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes a customer that never subscribed", async () => {
    const id = await b.customer({ name: "Idle" });
    expect((await app.data(DELETE, { input: { id } })).deleteCustomer).toMatchObject({ deleted: true });
  });
});
