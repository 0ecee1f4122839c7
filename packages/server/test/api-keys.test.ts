// API key management (docs/api/authentication.md#managing-keys): create, roll with a grace period,
// revoke, list; a key manages only its own account and mode; a revoked or expired key is refused
// at once, even by a process that had it cached.
import { afterAll, assert, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.js";
import { createTestApp, type TestApp } from "./support/app.js";

const CREATE = graphql(`
  mutation ApiKeysCreate($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreatedApiKey {
        secret
        apiKey {
          id
          name
          mode
          hint
          createdAt
          expiresAt
          lastUsedAt
          revokedAt
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

const ROLL = graphql(`
  mutation ApiKeysRoll($input: RollApiKeyInput!) {
    rollApiKey(input: $input) {
      __typename
      ... on CreatedApiKey {
        secret
        apiKey {
          id
          name
          expiresAt
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

const REVOKE = graphql(`
  mutation ApiKeysRevoke($input: ApiKeyIdInput!) {
    revokeApiKey(input: $input) {
      __typename
      ... on ApiKey {
        id
        revokedAt
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const LIST = graphql(`
  query ApiKeysList {
    apiKeys(first: 50) {
      edges {
        node {
          id
          name
          mode
          hint
          expiresAt
          lastUsedAt
        }
      }
    }
  }
`);

const PING = graphql(`
  query ApiKeysPing {
    testClocks(first: 1) {
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

async function created(name: string, key = app.account.testSecretKey, expiresAt?: Date) {
  const { createApiKey } = await app.data(
    CREATE,
    {
      input: {
        name,
        mode: key.startsWith("sk_live_") ? "LIVE" : "TEST",
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
      },
    },
    key,
  );
  assert(createApiKey.__typename === "CreatedApiKey");
  return createApiKey;
}

const listed = async (key = app.account.testSecretKey) =>
  (await app.data(LIST, {}, key)).apiKeys.edges.map((e) => e.node);

const status = async (key: string) => (await app.request(PING, {}, key)).status;

describe("API keys", () => {
  it("createApiKey returns the secret once; the key works, and the list shows its hint and last use, never the secret", async () => {
    const { secret, apiKey } = await created("  CI deploys ");
    expect(secret).toMatch(/^sk_test_[0-9A-Za-z]{24}$/);
    expect(apiKey).toMatchObject({
      name: "CI deploys",
      mode: "TEST",
      hint: secret.slice(0, 12),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(await status(secret)).toBe(200);
    const keys = await listed();
    const mine = keys.find((k) => k.id === apiKey.id);
    expect(mine).toMatchObject({ name: "CI deploys", hint: secret.slice(0, 12) });
    expect(mine!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(keys)).not.toContain(secret);
  });

  it("refuses a bad name, another mode and a past expiry, storing nothing", async () => {
    const before = (await listed()).length;
    const cases = [
      [{ name: " ", mode: "TEST" as const }, ["input", "name"]],
      [{ name: "x".repeat(101), mode: "TEST" as const }, ["input", "name"]],
      [{ name: "live from test", mode: "LIVE" as const }, ["input", "mode"]],
      [
        { name: "past", mode: "TEST" as const, expiresAt: new Date(app.clock.now().getTime() - 1000).toISOString() },
        ["input", "expiresAt"],
      ],
    ] as const;
    for (const [input, field] of cases) {
      const { createApiKey } = await app.data(CREATE, { input });
      assert(createApiKey.__typename === "InvalidInputError");
      expect({ code: createApiKey.code, field: createApiKey.field }).toEqual({ code: "INVALID_INPUT", field });
    }
    expect((await listed()).length).toBe(before);
  });

  it("a key created with expiresAt stops working then", async () => {
    const expiresAt = new Date(app.clock.now().getTime() + 3_600_000);
    const { secret } = await created("temporary", app.account.testSecretKey, expiresAt);
    expect(await status(secret)).toBe(200);
    const now = app.clock.now();
    app.clock.set(new Date(expiresAt.getTime() + 1));
    try {
      const refused = await app.request(PING, {}, secret);
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.message).toContain("Expired API key");
    } finally {
      app.clock.set(now);
    }
  });

  it("rollApiKey: a new key at once, the old one working until expiresIn has passed", async () => {
    const old = await created("server");
    expect(await status(old.secret)).toBe(200); // cached from here on
    const { rollApiKey } = await app.data(ROLL, { input: { id: old.apiKey.id, expiresIn: 3600 } });
    assert(rollApiKey.__typename === "CreatedApiKey");
    expect(rollApiKey.secret).not.toBe(old.secret);
    expect(rollApiKey.apiKey).toMatchObject({ name: "server", expiresAt: null });
    expect(await status(rollApiKey.secret)).toBe(200);
    expect(await status(old.secret)).toBe(200);
    const oldListed = (await listed()).find((k) => k.id === old.apiKey.id)!;
    const graceEnd = new Date(oldListed.expiresAt as string);
    expect(graceEnd.getTime() - app.clock.now().getTime()).toBe(3_600_000);

    const now = app.clock.now();
    app.clock.set(graceEnd);
    try {
      expect(await status(old.secret)).toBe(401);
      expect(await status(rollApiKey.secret)).toBe(200);
    } finally {
      app.clock.set(now);
    }
  });

  it("rolling again with expiresIn 0 stops the old key at once; expiresIn out of range and an expired key are refused", async () => {
    const old = await created("rolled now");
    expect(await status(old.secret)).toBe(200);
    // Rolled once with a grace period, then again at once: the grace is cut short, and neither new key expires.
    const first = await app.data(ROLL, { input: { id: old.apiKey.id, expiresIn: 3600 } });
    assert(first.rollApiKey.__typename === "CreatedApiKey");
    const { rollApiKey } = await app.data(ROLL, { input: { id: old.apiKey.id, expiresIn: 0 } });
    assert(rollApiKey.__typename === "CreatedApiKey");
    expect(rollApiKey.apiKey.expiresAt).toBeNull();
    expect(await status(old.secret)).toBe(401);
    expect(await status(first.rollApiKey.secret)).toBe(200);
    expect(await status(rollApiKey.secret)).toBe(200);

    const again = await app.data(ROLL, { input: { id: old.apiKey.id, expiresIn: 60 } });
    assert(again.rollApiKey.__typename === "NotFoundError");
    for (const expiresIn of [-1, 7 * 24 * 3600 + 1]) {
      const { rollApiKey: bad } = await app.data(ROLL, { input: { id: rollApiKey.apiKey.id, expiresIn } });
      assert(bad.__typename === "InvalidInputError");
      expect(bad.field).toEqual(["input", "expiresIn"]);
    }
  });

  it("revokeApiKey refuses the key at once, even though it was cached, and unlists it", async () => {
    const { secret, apiKey } = await created("to revoke");
    expect(await status(secret)).toBe(200);
    const { revokeApiKey } = await app.data(REVOKE, { input: { id: apiKey.id } });
    assert(revokeApiKey.__typename === "ApiKey");
    expect(revokeApiKey.revokedAt).not.toBeNull();
    expect(await status(secret)).toBe(401);
    expect((await listed()).map((k) => k.id)).not.toContain(apiKey.id);
    const twice = await app.data(REVOKE, { input: { id: apiKey.id } });
    assert(twice.revokeApiKey.__typename === "NotFoundError");
  });

  it("a key manages only its own account and mode", async () => {
    const mine = await created("mine");
    const other = await app.createAccount();
    const live = await created("live one", app.account.liveSecretKey);
    expect(live.secret).toMatch(/^sk_live_/);
    // Another account's key and this account's live key neither see nor touch the test key.
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const ids = (await listed(key)).map((k) => k.id);
      expect(ids).not.toContain(mine.apiKey.id);
      const revoke = await app.data(REVOKE, { input: { id: mine.apiKey.id } }, key);
      expect(revoke.revokeApiKey.__typename).toBe("NotFoundError");
      const roll = await app.data(ROLL, { input: { id: mine.apiKey.id, expiresIn: 0 } }, key);
      expect(roll.rollApiKey.__typename).toBe("NotFoundError");
    }
    expect((await listed(app.account.liveSecretKey)).map((k) => k.id)).toContain(live.apiKey.id);
    expect(await status(mine.secret)).toBe(200);
  });
});
