import { getIntrospectionQuery } from "graphql";
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "../src/auth/keys.js";
import { ADMIN_KEY, createTestApp, type TestApp } from "./support/app.js";
import { graphql } from "./generated/gql.js";

const CREATE_ACCOUNT = graphql(`
  mutation AuthCreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      __typename
      ... on AccountCredentials {
        account {
          id
          name
        }
        testSecretKey
        liveSecretKey
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const CLOCK = graphql(`
  query AuthClock($id: ID!) {
    testClock(id: $id) {
      id
    }
  }
`);

const METER_FIELDS = graphql(`
  query AuthMeterFields {
    __typename
    __type(name: "Meter") {
      fields {
        name
      }
    }
  }
`);

const TYPENAME = graphql(`
  query AuthTypename {
    __typename
  }
`);

const ACCOUNT_NODE = graphql(`
  query AuthAccountNode($id: ID!) {
    node(id: $id) {
      id
      ... on Account {
        name
      }
    }
  }
`);

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

describe("API keys", () => {
  it("answers 401 UNAUTHENTICATED without a key", async () => {
    const res = await app.request(CLOCK, { id: "clock_x" }, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data ?? null).toBeNull();
  });

  it("answers 401 for an unknown key and for a malformed header", async () => {
    for (const key of ["sk_test_notarealkey000000000000", `${app.account.testSecretKey}x`]) {
      const res = await app.request(CLOCK, { id: "clock_x" }, key);
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const res = await app.fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: app.account.testSecretKey },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(401);
  });

  it("accepts both keys of an account", async () => {
    for (const key of [app.account.testSecretKey, app.account.liveSecretKey]) {
      const res = await app.request(CLOCK, { id: "clock_missing" }, key);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ testClock: null });
    }
  });

  it("issues keys with the mode prefix and at least 128 bits of randomness, stored only hashed", async () => {
    const { testSecretKey, liveSecretKey, account } = app.account;
    expect(testSecretKey).toMatch(/^sk_test_[0-9A-Za-z]{22,}$/);
    expect(liveSecretKey).toMatch(/^sk_live_[0-9A-Za-z]{22,}$/);
    // 62^22 ≈ 2^131.
    expect(testSecretKey.length - "sk_test_".length).toBeGreaterThanOrEqual(22);
    const rows = await app.database.prisma.apiKey.findMany({ where: { accountId: account.id } });
    expect(rows.map((r) => r.mode).sort()).toEqual(["live", "test"]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(testSecretKey);
    expect(stored).not.toContain(liveSecretKey);
    expect(rows.map((r) => r.keyHash).sort()).toEqual([hashKey(liveSecretKey), hashKey(testSecretKey)].sort());
  });
});

describe("introspection without a key", () => {
  it("answers a request that only reads the schema, as GraphiQL sends it", async () => {
    // graphql-js's own introspection query, exactly as GraphiQL sends it.
    const res = await app.gql(getIntrospectionQuery(), undefined, null);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.__schema.queryType.name).toBe("Query");
    expect(res.data.__schema.types.map((t: { name: string }) => t.name)).toContain("Meter");
    const typed = await app.request(METER_FIELDS, {}, null);
    expect(typed.status).toBe(200);
    expect(typed.data?.__typename).toBe("Query");
    expect(typed.data?.__type?.fields?.map((f) => f.name)).toContain("eventName");
  });

  it("still answers 401 UNAUTHENTICATED when the operation also selects a real field", async () => {
    const mixed = [
      `{ __schema { queryType { name } } meters(first: 1) { edges { node { id } } } }`,
      // Hidden behind a fragment spread or an inline fragment at the top level.
      `{ ...Sneaky } fragment Sneaky on Query { __typename meters(first: 1) { edges { node { id } } } }`,
      `{ __typename ... on Query { testClock(id: "clock_x") { id } } }`,
      // Introspection-only mutations are not schema reads either.
      `mutation { __typename }`,
    ];
    for (const query of mixed) {
      // Hand-written on purpose: each hides a real field in a different shape of document.
      const res = await app.gql(query, undefined, null);
      expect(res.status, query).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(res.data ?? null).toBeNull();
    }
  });

  it("judges the operation that runs, not the first one of the document", async () => {
    const document = `query Schema { __schema { queryType { name } } } query Clock { testClock(id: "clock_x") { id } }`;
    const res = await app.fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document, operationName: "Clock" }),
    });
    expect(res.status).toBe(401);
    const schemaOnly = await app.fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document, operationName: "Schema" }),
    });
    expect(schemaOnly.status).toBe(200);
  });

  it("refuses an unknown key even for introspection", async () => {
    const res = await app.request(TYPENAME, {}, "sk_test_notarealkey000000000000");
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("createAccount", () => {
  it("creates an account with working keys for the operator key", async () => {
    const res = await app.request(CREATE_ACCOUNT, { input: { name: "Alpaca AI" } }, ADMIN_KEY);
    const created = res.data?.createAccount;
    expect(created?.__typename).toBe("AccountCredentials");
    assert(created?.__typename === "AccountCredentials");
    expect(created.account.id).toMatch(/^acct_/);
    expect(created.account.name).toBe("Alpaca AI");
    const own = await app.data(ACCOUNT_NODE, { id: created.account.id }, created.testSecretKey);
    expect(own.node).toEqual({ id: created.account.id, name: "Alpaca AI" });
  });

  it("is refused to tenant keys, which never get credentials", async () => {
    const before = await app.database.prisma.account.count();
    for (const key of [app.account.testSecretKey, app.account.liveSecretKey]) {
      const res = await app.request(CREATE_ACCOUNT, { input: { name: "Sneaky" } }, key);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(res.data?.createAccount ?? null).toBeNull();
      expect(JSON.stringify(res)).not.toMatch(/sk_(test|live)_/);
    }
    expect(await app.database.prisma.account.count()).toBe(before);
  });

  it("rejects a blank name with a typed error and stores nothing", async () => {
    const before = await app.database.prisma.account.count();
    const res = await app.request(CREATE_ACCOUNT, { input: { name: "   " } }, ADMIN_KEY);
    expect(res.data?.createAccount).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "name"],
    });
    expect(await app.database.prisma.account.count()).toBe(before);
  });

  it("does not let the operator key read tenant data", async () => {
    const res = await app.request(CLOCK, { id: "clock_x" }, ADMIN_KEY);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
