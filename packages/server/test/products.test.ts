import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";
import type { CreateProductInput, ProductsPageQuery, UpdateProductInput } from "./generated/graphql.js";

const CREATE = graphql(`
  mutation ProductsCreate($input: CreateProductInput!) {
    createProduct(input: $input) {
      __typename
      ... on Product {
        id
        name
        description
        active
        createdAt
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation ProductsUpdate($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      __typename
      ... on Product {
        id
        name
        description
        active
        createdAt
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
  query ProductsRead($id: ID!) {
    product(id: $id) {
      id
      name
      description
      active
      createdAt
    }
    node(id: $id) {
      id
      ... on Product {
        name
      }
    }
  }
`);

const STATE = graphql(`
  query ProductsState($id: ID!) {
    product(id: $id) {
      name
      description
      active
    }
  }
`);

const NAME_ACTIVE = graphql(`
  query ProductsNameActive($id: ID!) {
    product(id: $id) {
      name
      active
    }
  }
`);

const NAME = graphql(`
  query ProductsName($id: ID!) {
    product(id: $id) {
      name
    }
  }
`);

const PAGE = graphql(`
  query ProductsPage($after: String) {
    products(first: 2, after: $after) {
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

const LIST = graphql(`
  query ProductsList($active: Boolean) {
    products(first: 10, active: $active) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const VISIBLE = graphql(`
  query ProductsVisible($id: ID!) {
    product(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    products(first: 50) {
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

describe("products", () => {
  it("creates a product and reads it back", async () => {
    const { __typename, ...product } = await catalog(app).product({
      name: "Alpaca AI usage",
      description: "Tokens consumed by the Alpaca model",
    });
    expect(product).toMatchObject({
      name: "Alpaca AI usage",
      description: "Tokens consumed by the Alpaca model",
      active: true,
    });
    expect(product.id).toMatch(/^prod_/);
    const read = await app.data(READ, { id: product.id });
    expect(read).toEqual({ product, node: { id: product.id, name: "Alpaca AI usage" } });
  });

  it("trims the name and treats a blank description as none", async () => {
    const product = await catalog(app).product({ name: "  Alpaca AI license fee  ", description: "   " });
    expect(product).toMatchObject({ name: "Alpaca AI license fee", description: null });
  });

  it("rejects bad input with typed errors and stores nothing", async () => {
    const before = await app.database.prisma.product.count();
    const cases: Array<[CreateProductInput, string[]]> = [
      [{ name: "" }, ["input", "name"]],
      [{ name: "   " }, ["input", "name"]],
      [{ name: "x".repeat(251) }, ["input", "name"]],
      [{ name: "ok", description: "d".repeat(5001) }, ["input", "description"]],
    ];
    for (const [input, field] of cases) {
      const res = await app.data(CREATE, { input });
      expect(res.createProduct, JSON.stringify(input).slice(0, 60)).toMatchObject({
        __typename: "InvalidInputError",
        code: "INVALID_INPUT",
        field,
      });
    }
    expect(await app.database.prisma.product.count()).toBe(before);
  });

  it("updates name, description and active; omitted fields stay", async () => {
    const product = await catalog(app).product({ name: "Old name", description: "Old description" });
    const renamed = await app.data(UPDATE, { input: { id: product.id, name: "New name" } });
    expect(renamed.updateProduct).toMatchObject({
      name: "New name",
      description: "Old description",
      active: true,
    });
    const archived = await app.data(UPDATE, { input: { id: product.id, description: null, active: false } });
    expect(archived.updateProduct).toMatchObject({ name: "New name", description: null, active: false });
    const read = await app.data(STATE, { id: product.id });
    expect(read.product).toEqual({ name: "New name", description: null, active: false });
  });

  it("refuses bad updates and changes nothing", async () => {
    const product = await catalog(app).product({ name: "Stable" });
    const cases: Array<[UpdateProductInput, string, string[]]> = [
      [{ id: product.id, name: "" }, "INVALID_INPUT", ["input", "name"]],
      [{ id: product.id, name: null }, "INVALID_INPUT", ["input", "name"]],
      [{ id: product.id, active: null }, "INVALID_INPUT", ["input", "active"]],
      [{ id: product.id, description: "d".repeat(5001) }, "INVALID_INPUT", ["input", "description"]],
      [{ id: "prod_missing", name: "x" }, "NOT_FOUND", ["input", "id"]],
    ];
    for (const [input, code, field] of cases) {
      const res = await app.data(UPDATE, { input });
      expect(res.updateProduct, JSON.stringify(input)).toMatchObject({ code, field });
    }
    const read = await app.data(NAME_ACTIVE, { id: product.id });
    expect(read.product).toEqual({ name: "Stable", active: true });
  });

  it("pages through products oldest first (ties by ID) and filters by active", async () => {
    const other = await app.createAccount("Catalog pager");
    const key = other.testSecretKey;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await catalog(app, key).product({ name: `Product ${i}` })).id);
    await app.data(UPDATE, { input: { id: created[1]!, active: false } }, key);
    // Four products created in the same millisecond: the ID breaks the tie, so paging stays stable.
    const later = new Date(Date.now() + 1000);
    await app.database.prisma.product.updateMany({
      where: { id: { in: created.slice(1) } },
      data: { createdAt: later },
    });
    const expected = [created[0], ...created.slice(1).sort()];

    const seen: string[] = [];
    let after: string | null | undefined = null;
    for (let page = 0; page < 10; page++) {
      const { products }: ProductsPageQuery = await app.data(PAGE, { after }, key);
      seen.push(...products.edges.map((e) => e.node.id));
      if (!products.pageInfo.hasNextPage) break;
      after = products.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const active = await app.data(LIST, { active: true }, key);
    expect(active.products.edges.map((e) => e.node.id)).toEqual(expected.filter((id) => id !== created[1]));
    const inactive = await app.data(LIST, { active: false }, key);
    expect(inactive.products.edges.map((e) => e.node.id)).toEqual([created[1]]);
  });

  it("is invisible to another account and to the other mode", async () => {
    const product = await catalog(app).product({ name: "Private" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const read = await app.data(VISIBLE, { id: product.id }, key);
      expect(read.product).toBeNull();
      expect(read.node).toBeNull();
      expect(read.products.edges.map((e) => e.node.id)).not.toContain(product.id);
      const update = await app.data(UPDATE, { input: { id: product.id, name: "Stolen" } }, key);
      expect(update.updateProduct).toMatchObject({ code: "NOT_FOUND", field: ["input", "id"] });
    }
    const read = await app.data(NAME, { id: product.id });
    expect(read.product).toEqual({ name: "Private" });
  });
});
