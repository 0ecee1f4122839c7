// Idempotency keys (http/idempotency.ts, docs/api/idempotency.md) through the API: a key's first
// response is replayed unchanged and nothing runs twice; other requests with the key are refused;
// unexpected failures are not kept; keys belong to one account and mode and expire after 24 hours.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestHash } from "../../src/http/idempotency.js";
import type { AccountCredentials } from "../../src/services/accounts.js";
import { CLAIM_LEASE_MS, claimKey, KEY_LIFETIME_MS, purgeExpiredKeys } from "../../src/services/idempotency/keys.js";
import { startIdempotencyKeyPurge } from "../../src/services/idempotency/purge-job.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing } from "../support/billing.js";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

interface Answer {
  status: number;
  text: string;
  body: any;
  headers: Headers;
}

/** POSTs a GraphQL request with an optional Idempotency-Key, returning the raw response too. */
async function post(
  query: string,
  variables: Record<string, unknown>,
  options: { key?: string; apiKey?: string | null } = {},
): Promise<Answer> {
  const { key, apiKey = app.account.testSecretKey } = options;
  const response = await app.fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...(key === undefined ? {} : { "idempotency-key": key }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
}

const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) { __typename ... on Customer { id name } ... on Error { code message } }
}`;
const CREATE_SUBSCRIPTION = `mutation($input: CreateSubscriptionInput!) {
  createSubscription(input: $input) { __typename ... on Subscription { id status } ... on Error { code message } }
}`;
const RECORD_EVENT = `mutation($input: RecordMeterEventInput!) {
  recordMeterEvent(input: $input) { __typename ... on MeterEvent { identifier } ... on Error { code message } }
}`;

const customersNamed = (name: string) => app.database.prisma.customer.count({ where: { name } });
const storedKeys = (key: string) => app.database.prisma.idempotencyKey.count({ where: { key } });
let keys = 0;
const newKey = () => `key-${++keys}-${Date.now()}`;

/** A customer with a licensed price to subscribe to. */
async function subscribable(key?: string) {
  const b = billing(app, key);
  const priceId = await b.licensed("100");
  const customerId = await b.customer();
  return { customerId, items: [{ priceId }] };
}

describe("a key's first response", () => {
  it("is replayed unchanged, with Idempotent-Replayed: true, and nothing runs again", async () => {
    const input = await subscribable();
    const key = newKey();
    const first = await post(CREATE_SUBSCRIPTION, { input }, { key });
    expect(first.status).toBe(200);
    expect(first.body.data.createSubscription.__typename).toBe("Subscription");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const counts = async () => ({
      subscriptions: await app.database.prisma.subscription.count({ where: { customerId: input.customerId } }),
      invoices: await app.database.prisma.invoice.count({ where: { customerId: input.customerId } }),
      events: await app.database.prisma.event.count(),
    });
    const before = await counts();
    expect(before).toMatchObject({ subscriptions: 1, invoices: 1 });

    for (let i = 0; i < 2; i++) {
      const replay = await post(CREATE_SUBSCRIPTION, { input }, { key });
      expect(replay.status).toBe(first.status);
      expect(replay.text).toBe(first.text);
      expect(replay.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
    }
    expect(await counts()).toEqual(before);
  });

  it("is replayed when the variables' keys come in another order", async () => {
    const key = newKey();
    const first = await post(CREATE_CUSTOMER, { input: { name: "Ordered", email: "o@example.com" } }, { key });
    const replay = await post(CREATE_CUSTOMER, { input: { email: "o@example.com", name: "Ordered" } }, { key });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.text).toBe(first.text);
    expect(await customersNamed("Ordered")).toBe(1);
  });

  it("is replayed when it was a typed error, though running again would now succeed", async () => {
    const b = billing(app);
    const meterId = await b.meter("replayed_error");
    await b.customer({ name: "Metered" });
    await app.gql("mutation($id: ID!) { deactivateMeter(input: { id: $id }) { __typename } }", { id: meterId });
    const input = { eventName: "replayed_error", customerId: (await b.customer()) as string, value: "1" };
    const key = newKey();
    const first = await post(RECORD_EVENT, { input }, { key });
    expect(first.body.data.recordMeterEvent).toMatchObject({ __typename: "MeterEventError", code: "METER_INACTIVE" });

    await app.gql("mutation($id: ID!) { reactivateMeter(input: { id: $id }) { __typename } }", { id: meterId });
    const replay = await post(RECORD_EVENT, { input }, { key });
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await app.database.prisma.meterEvent.count({ where: { meterId } })).toBe(0);
  });
  it("is replayed when it was a top-level error of an execution (FORBIDDEN), and logs nothing unexpected", async () => {
    const key = newKey();
    const query = 'mutation { createAccount(input: { name: "Not mine" }) { __typename } }';
    const first = await post(query, {}, { key });
    expect(first.body).toMatchObject({ data: null, errors: [{ extensions: { code: "FORBIDDEN" } }] });
    const logged = app.logger.entries.length;
    const replay = await post(query, {}, { key });
    expect(replay.text).toBe(first.text);
    expect(replay.status).toBe(first.status);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(app.logger.entries.slice(logged)).toEqual([]);
  });
});

describe("the same key for a different request", () => {
  it("is refused with IDEMPOTENCY_KEY_REUSED and HTTP 400, and nothing runs", async () => {
    const key = newKey();
    await post(CREATE_CUSTOMER, { input: { name: "Reused A" } }, { key });
    const otherVariables = await post(CREATE_CUSTOMER, { input: { name: "Reused B" } }, { key });
    const otherDocument = await post(
      CREATE_CUSTOMER.replace("name }", "name email }"),
      { input: { name: "Reused A" } },
      { key },
    );
    for (const refused of [otherVariables, otherDocument]) {
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors[0].extensions.code).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(refused.body.errors[0].message).toMatch(/different request/);
    }
    expect(await customersNamed("Reused A")).toBe(1);
    expect(await customersNamed("Reused B")).toBe(0);
  });
});

describe("concurrent requests with one key", () => {
  it("run once: 20 at the same time make one subscription, the others replay or get a retryable 409", async () => {
    const input = await subscribable();
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(CREATE_SUBSCRIPTION, { input }, { key })));

    expect(await app.database.prisma.subscription.count({ where: { customerId: input.customerId } })).toBe(1);
    const executed = answers.filter((a) => a.status === 200 && a.headers.get("idempotent-replayed") === null);
    const replayed = answers.filter((a) => a.headers.get("idempotent-replayed") === "true");
    const inUse = answers.filter((a) => a.status === 409);
    expect(executed).toHaveLength(1);
    expect(replayed.length + inUse.length).toBe(19);
    for (const answer of replayed) expect(answer.text).toBe(executed[0]!.text);
    for (const answer of inUse) {
      expect(answer.body.errors[0].extensions).toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE", retryable: true });
      expect(answer.headers.get("retry-after")).toBe("1");
    }
    // Retried once the first has finished, a refused one gets the first response.
    const retried = await post(CREATE_SUBSCRIPTION, { input }, { key });
    expect(retried.text).toBe(executed[0]!.text);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
  });

  it("are refused while the first runs, until its claim is older than the lease (its server died)", async () => {
    const start = app.clock.now();
    const key = newKey();
    const variables = { input: { name: "Abandoned" } };
    const claim = await claimKey(
      app.database.sql,
      { accountId: app.account.account.id, mode: "test" },
      key,
      requestHash(CREATE_CUSTOMER, undefined, variables),
      start,
    );
    expect(claim.kind).toBe("claimed");
    try {
      app.clock.set(new Date(start.getTime() + CLAIM_LEASE_MS - 1));
      const refused = await post(CREATE_CUSTOMER, variables, { key });
      expect(refused.status).toBe(409);
      expect(await customersNamed("Abandoned")).toBe(0);

      app.clock.set(new Date(start.getTime() + CLAIM_LEASE_MS));
      const takenOver = await post(CREATE_CUSTOMER, variables, { key });
      expect(takenOver.status).toBe(200);
      expect(takenOver.headers.get("idempotent-replayed")).toBeNull();
      expect(await customersNamed("Abandoned")).toBe(1);
      expect((await post(CREATE_CUSTOMER, variables, { key })).headers.get("idempotent-replayed")).toBe("true");
    } finally {
      app.clock.set(start);
    }
  });
});

describe("responses that are not stored", () => {
  it("a masked INTERNAL_SERVER_ERROR: the key stays free, and the retry runs", async () => {
    await app.database.script(`
      CREATE FUNCTION idempotency_test_failure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$;
      CREATE TRIGGER idempotency_test_failure BEFORE INSERT ON "Customer"
        FOR EACH ROW WHEN (NEW."name" = 'Flaky') EXECUTE FUNCTION idempotency_test_failure();`);
    const key = newKey();
    const variables = { input: { name: "Flaky" } };
    const failed = await post(CREATE_CUSTOMER, variables, { key });
    expect(failed.body.errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(app.logger.entries.at(-1)?.message).toBe("Unexpected error while executing a request");
    expect(await storedKeys(key)).toBe(0);

    await app.database.script(
      'DROP TRIGGER idempotency_test_failure ON "Customer"; DROP FUNCTION idempotency_test_failure();',
    );
    const retried = await post(CREATE_CUSTOMER, variables, { key });
    expect(retried.body.data.createCustomer).toMatchObject({ __typename: "Customer", name: "Flaky" });
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await customersNamed("Flaky")).toBe(1);
    expect(await storedKeys(key)).toBe(1);
  });

  it("a response that is not one JSON document (an event stream): the retry runs again", async () => {
    const key = newKey();
    const streamed = () =>
      app.fetch("/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          authorization: `Bearer ${app.account.testSecretKey}`,
          "idempotency-key": key,
        },
        body: JSON.stringify({ query: CREATE_CUSTOMER, variables: { input: { name: "Streamed" } } }),
      });
    for (const n of [1, 2]) {
      const response = await streamed();
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(await response.text()).toContain('"__typename":"Customer"');
      expect(await customersNamed("Streamed")).toBe(n);
    }
    expect(await storedKeys(key)).toBe(0);
  });

  it("a refusal before execution: variables that do not coerce", async () => {
    const key = newKey();
    const refused = await post(CREATE_CUSTOMER, { input: { name: 42, nickname: "x" } }, { key });
    expect(refused.status).toBe(400);
    expect(await storedKeys(key)).toBe(0);
  });
});

describe("keys", () => {
  let other: AccountCredentials;
  beforeAll(async () => {
    other = await app.createAccount("Other");
  });

  it("belong to one account and mode: the same key elsewhere is a new request", async () => {
    const key = newKey();
    const variables = { input: { name: "Shared key" } };
    for (const apiKey of [app.account.testSecretKey, other.testSecretKey, app.account.liveSecretKey]) {
      const answer = await post(CREATE_CUSTOMER, variables, { key, apiKey });
      expect(answer.body.data.createCustomer.__typename).toBe("Customer");
      expect(answer.headers.get("idempotent-replayed")).toBeNull();
    }
    // Another request under the same key elsewhere is not a reuse either.
    const different = await post(
      CREATE_CUSTOMER,
      { input: { name: "Other request" } },
      { key, apiKey: other.liveSecretKey },
    );
    expect(different.body.data.createCustomer.__typename).toBe("Customer");
    expect(await customersNamed("Shared key")).toBe(3);
    expect(await storedKeys(key)).toBe(4);
  });

  it("expire after 24 hours: the request then runs again, and the purge deletes them", async () => {
    const start = app.clock.now();
    const key = newKey();
    const variables = { input: { name: "Expiring" } };
    const unused = newKey();
    try {
      await post(CREATE_CUSTOMER, variables, { key });
      await post(CREATE_CUSTOMER, { input: { name: "Expiring unused" } }, { key: unused });
      app.clock.set(new Date(start.getTime() + KEY_LIFETIME_MS - 1));
      expect((await post(CREATE_CUSTOMER, variables, { key })).headers.get("idempotent-replayed")).toBe("true");
      expect(await customersNamed("Expiring")).toBe(1);
      // Expired, it is also free for a different request.
      app.clock.set(new Date(start.getTime() + KEY_LIFETIME_MS));
      const again = await post(CREATE_CUSTOMER, variables, { key });
      expect(again.headers.get("idempotent-replayed")).toBeNull();
      expect(await customersNamed("Expiring")).toBe(2);

      // The key taken over at 24 h expires at 48 h; the unused one (and the earlier tests' keys) before.
      const expiredAt = new Date(start.getTime() + 2 * KEY_LIFETIME_MS);
      const justBefore = new Date(expiredAt.getTime() - 1);
      const expired = await app.database.prisma.idempotencyKey.count({ where: { expiresAt: { lte: justBefore } } });
      expect(await purgeExpiredKeys(app.database.sql, justBefore)).toBe(expired);
      expect(await storedKeys(unused)).toBe(0);
      expect(await app.database.prisma.idempotencyKey.count()).toBe(1);
      // The server's job purges at its clock's now, at once when it starts.
      const job = startIdempotencyKeyPurge({ ...app.deps, clock: { now: () => expiredAt } });
      await job.runNow();
      await job.stop();
      expect(await storedKeys(key)).toBe(0);
    } finally {
      app.clock.set(start);
    }
  });

  it("must be 1 to 255 printable ASCII characters: otherwise HTTP 400, and nothing runs", async () => {
    for (const key of ["", "x".repeat(256), "caf\u00e9", "tab\there"]) {
      const refused = await post(CREATE_CUSTOMER, { input: { name: "Bad key" } }, { key });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({
        extensions: { code: "INVALID_INPUT" },
        message: "The Idempotency-Key header must be 1 to 255 printable ASCII characters.",
      });
    }
    expect(await customersNamed("Bad key")).toBe(0);
    expect((await post(CREATE_CUSTOMER, { input: { name: "Long key" } }, { key: "x".repeat(255) })).status).toBe(200);
  });

  it("are ignored by queries, and mutations without one run every time", async () => {
    const query = await post("{ customers(first: 1) { edges { node { id } } } }", {}, { key: "" });
    expect(query.status).toBe(200);
    expect(query.body.data.customers.edges).toHaveLength(1);
    await post(CREATE_CUSTOMER, { input: { name: "No key" } });
    await post(CREATE_CUSTOMER, { input: { name: "No key" } });
    expect(await customersNamed("No key")).toBe(2);
  });

  it("do not change unauthenticated requests: still 401, and nothing is stored", async () => {
    const key = newKey();
    const refused = await post(CREATE_CUSTOMER, { input: { name: "Anonymous" } }, { key, apiKey: null });
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(await storedKeys(key)).toBe(0);
  });
});
