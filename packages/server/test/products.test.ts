import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";

const PRODUCT_FIELDS = "id name description active createdAt";

const CREATE = `mutation($input: CreateProductInput!) {
  createProduct(input: $input) {
    __typename
    ... on Product { ${PRODUCT_FIELDS} }
    ... on Error { code message field }
  }
}`;

const UPDATE = `mutation($input: UpdateProductInput!) {
  updateProduct(input: $input) {
    __typename
    ... on Product { ${PRODUCT_FIELDS} }
    ... on Error { code message field }
  }
}`;

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
    const read = await app.gql(
      `query($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } node(id: $id) { id ... on Product { name } } }`,
      {
        id: product.id,
      },
    );
    expect(read.data).toEqual({ product, node: { id: product.id, name: "Alpaca AI usage" } });
  });

  it("trims the name and treats a blank description as none", async () => {
    const product = await catalog(app).product({ name: "  Alpaca AI license fee  ", description: "   " });
    expect(product).toMatchObject({ name: "Alpaca AI license fee", description: null });
  });

  it("rejects bad input with typed errors and stores nothing", async () => {
    const before = await app.database.prisma.product.count();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ name: "" }, ["input", "name"]],
      [{ name: "   " }, ["input", "name"]],
      [{ name: "x".repeat(251) }, ["input", "name"]],
      [{ name: "ok", description: "d".repeat(5001) }, ["input", "description"]],
    ];
    for (const [input, field] of cases) {
      const res = await app.gql(CREATE, { input });
      expect(res.data.createProduct, JSON.stringify(input).slice(0, 60)).toMatchObject({
        __typename: "InvalidInputError",
        code: "INVALID_INPUT",
        field,
      });
    }
    expect(await app.database.prisma.product.count()).toBe(before);
  });

  it("updates name, description and active; omitted fields stay", async () => {
    const product = await catalog(app).product({ name: "Old name", description: "Old description" });
    const renamed = await app.gql(UPDATE, { input: { id: product.id, name: "New name" } });
    expect(renamed.data.updateProduct).toMatchObject({
      name: "New name",
      description: "Old description",
      active: true,
    });
    const archived = await app.gql(UPDATE, { input: { id: product.id, description: null, active: false } });
    expect(archived.data.updateProduct).toMatchObject({ name: "New name", description: null, active: false });
    const read = await app.gql(`query($id: ID!) { product(id: $id) { name description active } }`, { id: product.id });
    expect(read.data.product).toEqual({ name: "New name", description: null, active: false });
  });

  it("refuses bad updates and changes nothing", async () => {
    const product = await catalog(app).product({ name: "Stable" });
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ id: product.id, name: "" }, "INVALID_INPUT", ["input", "name"]],
      [{ id: product.id, name: null }, "INVALID_INPUT", ["input", "name"]],
      [{ id: product.id, active: null }, "INVALID_INPUT", ["input", "active"]],
      [{ id: product.id, description: "d".repeat(5001) }, "INVALID_INPUT", ["input", "description"]],
      [{ id: "prod_missing", name: "x" }, "NOT_FOUND", ["input", "id"]],
    ];
    for (const [input, code, field] of cases) {
      const res = await app.gql(UPDATE, { input });
      expect(res.data.updateProduct, JSON.stringify(input)).toMatchObject({ code, field });
    }
    const read = await app.gql(`query($id: ID!) { product(id: $id) { name active } }`, { id: product.id });
    expect(read.data.product).toEqual({ name: "Stable", active: true });
  });

  it("pages through products oldest first (ties by ID) and filters by active", async () => {
    const other = await app.createAccount("Catalog pager");
    const key = other.testSecretKey;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await catalog(app, key).product({ name: `Product ${i}` })).id);
    await app.gql(UPDATE, { input: { id: created[1], active: false } }, key);
    // Four products created in the same millisecond: the ID breaks the tie, so paging stays stable.
    const later = new Date(Date.now() + 1000);
    await app.database.prisma.product.updateMany({
      where: { id: { in: created.slice(1) } },
      data: { createdAt: later },
    });
    const expected = [created[0], ...created.slice(1).sort()];

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await app.gql(
        `query($after: String) { products(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        key,
      );
      seen.push(...res.data.products.edges.map((e: any) => e.node.id));
      if (!res.data.products.pageInfo.hasNextPage) break;
      after = res.data.products.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const active = await app.gql(`{ products(first: 10, active: true) { edges { node { id } } } }`, {}, key);
    expect(active.data.products.edges.map((e: any) => e.node.id)).toEqual(expected.filter((id) => id !== created[1]));
    const inactive = await app.gql(`{ products(first: 10, active: false) { edges { node { id } } } }`, {}, key);
    expect(inactive.data.products.edges.map((e: any) => e.node.id)).toEqual([created[1]]);
  });

  it("is invisible to another account and to the other mode", async () => {
    const product = await catalog(app).product({ name: "Private" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const read = await app.gql(
        `query($id: ID!) { product(id: $id) { id } node(id: $id) { id } products(first: 50) { edges { node { id } } } }`,
        { id: product.id },
        key,
      );
      expect(read.data.product).toBeNull();
      expect(read.data.node).toBeNull();
      expect(read.data.products.edges.map((e: any) => e.node.id)).not.toContain(product.id);
      const update = await app.gql(UPDATE, { input: { id: product.id, name: "Stolen" } }, key);
      expect(update.data.updateProduct).toMatchObject({ code: "NOT_FOUND", field: ["input", "id"] });
    }
    const read = await app.gql(`query($id: ID!) { product(id: $id) { name } }`, { id: product.id });
    expect(read.data.product).toEqual({ name: "Private" });
  });
});
