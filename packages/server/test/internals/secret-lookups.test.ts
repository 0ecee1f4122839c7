// Secrets found by their hash across tenants (src/auth/secret-lookups.ts,
// docs/operations/scaling.md#past-one-postgresql): a customer session token and an invoice's
// document token resolve to their own account, mode and object and to no other, every path that
// issues one records it (the month-end batch, a finalized draft, a credit purchase), and the
// lookup goes with its object.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "../../src/auth/keys.js";
import { recordSecrets, secretTarget } from "../../src/auth/secret-lookups.js";
import { scopedClient, type Scope } from "../../src/db/tenant-scope.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing } from "../support/billing.js";
import { sessions } from "../support/sessions.js";

let app: TestApp;
let other: Awaited<ReturnType<TestApp["createAccount"]>>;
beforeAll(async () => {
  app = await createTestApp();
  other = await app.createAccount("Other account");
});
afterAll(() => app.close());

const session = async (key: string, customerId: string) => {
  const created = await sessions(app, key).tryCreate({ customerId, scopes: ["INVOICES_READ"] });
  if (created.__typename !== "CustomerSession") throw new Error(JSON.stringify(created));
  return created;
};

describe("secret lookups", () => {
  it("resolve a session token to its account, mode and session, and another account's to that account's", async () => {
    const tenants: Array<{ key: string; scope: Scope }> = [
      { key: app.account.testSecretKey, scope: { accountId: app.account.account.id, mode: "test" } },
      { key: app.account.liveSecretKey, scope: { accountId: app.account.account.id, mode: "live" } },
      { key: other.testSecretKey, scope: { accountId: other.account.id, mode: "test" } },
    ];
    const issued: Array<{ scope: Scope; id: string; token: string; customerId: string }> = [];
    for (const { key, scope } of tenants) {
      const customerId = await billing(app, key).customer({ name: `Customer of ${scope.accountId} ${scope.mode}` });
      issued.push({ scope, ...(await session(key, customerId)) });
    }
    for (const { scope, id, token, customerId } of issued) {
      expect(await secretTarget(app.database.prisma, "CUSTOMER_SESSION", hashKey(token))).toEqual({ scope, id });
      // The token is the session's credential: its viewer is its own customer.
      const viewer = await app.gql(`{ viewer { customer { id } } }`, {}, token);
      expect(viewer.data?.viewer.customer.id).toBe(customerId);
    }
    // A session token is no document token, an unknown one finds nothing, and the stored hash is not the token.
    const [first] = issued;
    expect(await secretTarget(app.database.prisma, "INVOICE_DOCUMENT", hashKey(first!.token))).toBeNull();
    expect(await secretTarget(app.database.prisma, "CUSTOMER_SESSION", hashKey(`${first!.token}x`))).toBeNull();
    expect(await secretTarget(app.database.prisma, "CUSTOMER_SESSION", first!.token)).toBeNull();
    // An account's scoped client sees its own lookups only.
    const own = await scopedClient(app.database.prisma, first!.scope).secretLookup.findMany();
    expect(own.map((row) => row.customerSessionId)).toEqual([first!.id]);
    // The same secret cannot name two objects, whatever their accounts.
    await expect(
      app.database.prisma.$transaction((tx) =>
        recordSecrets(tx, "CUSTOMER_SESSION", [{ scope: issued[2]!.scope, id: issued[2]!.id, secret: first!.token }]),
      ),
    ).rejects.toThrow();
    expect(await secretTarget(app.database.prisma, "CUSTOMER_SESSION", hashKey(first!.token))).toEqual({
      scope: first!.scope,
      id: first!.id,
    });
    // A row names the one object of its kind.
    await expect(
      app.database.prisma.secretLookup.create({
        data: {
          kind: "INVOICE_DOCUMENT",
          secretHash: hashKey("another"),
          ...first!.scope,
          customerSessionId: first!.id,
        },
      }),
    ).rejects.toThrow(/SecretLookup_target_check/);
  });

  it("record every invoice's document token, each resolving to its own invoice and account", async () => {
    // A's month-end close (the batched path) of two subscriptions on one test clock.
    const a = billing(app);
    const clock = await a.clock("2026-01-01T00:00:00Z");
    const price = await a.licensed("10");
    for (const name of ["First", "Second"]) {
      const customerId = await a.customer({ name, testClockId: clock });
      await a.subscribe({ customerId, items: [{ priceId: price }] });
    }
    await a.advance(clock, "2026-02-01T00:00:00Z");
    // The other account: a finalized draft and a credit purchase.
    const b = billing(app, other.testSecretKey);
    const customerId = await b.customer({ name: "Buyer" });
    const gql = async (query: string, variables: Record<string, unknown>) =>
      (await app.gql(query, variables, other.testSecretKey)).data!;
    await gql(`mutation($input: CreateInvoiceItemInput!) { createInvoiceItem(input: $input) { __typename } }`, {
      input: { customerId, amount: "12", currency: "usd", description: "Setup" },
    });
    const draft = await gql(
      `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { ... on Invoice { id } } }`,
      {
        input: { customerId },
      },
    );
    await gql(`mutation($input: InvoiceIdInput!) { finalizeInvoice(input: $input) { __typename } }`, {
      input: { id: draft.createInvoice.id },
    });
    const purchase = await gql(
      `mutation($input: PurchaseCreditsInput!) { purchaseCredits(input: $input) { __typename ... on CreditPurchase { invoice { id } } } }`,
      { input: { customerId, amount: "50", currency: "usd" } },
    );
    expect(purchase.purchaseCredits.__typename).toBe("CreditPurchase");

    const invoices = await app.database.prisma.invoice.findMany({ where: { documentToken: { not: null } } });
    const ofA = invoices.filter((invoice) => invoice.accountId === app.account.account.id);
    const ofB = invoices.filter((invoice) => invoice.accountId === other.account.id);
    expect(ofA.filter((invoice) => invoice.billingReason === "SUBSCRIPTION_CYCLE")).toHaveLength(2);
    expect(ofB.map((invoice) => invoice.id).sort()).toEqual(
      [draft.createInvoice.id, purchase.purchaseCredits.invoice.id].sort(),
    );
    for (const invoice of invoices) {
      expect(await secretTarget(app.database.prisma, "INVOICE_DOCUMENT", hashKey(invoice.documentToken!))).toEqual({
        scope: { accountId: invoice.accountId, mode: invoice.mode },
        id: invoice.id,
      });
    }
    expect(await app.database.prisma.secretLookup.count({ where: { kind: "INVOICE_DOCUMENT" } })).toBe(invoices.length);
    // The hosted page of each account's invoice shows that account's name.
    for (const [invoice, name] of [
      [ofA[0]!, "Test account"],
      [ofB[0]!, "Other account"],
    ] as const) {
      const page = await app.fetch(`/invoices/view/${invoice.documentToken}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(name);
    }
  });

  it("go with their object", async () => {
    const customerId = await billing(app).customer({ name: "Leaving" });
    const { id, token } = await session(app.account.testSecretKey, customerId);
    const scope: Scope = { accountId: app.account.account.id, mode: "test" };
    expect(await secretTarget(app.database.prisma, "CUSTOMER_SESSION", hashKey(token))).toEqual({ scope, id });
    // Customers are deleted softly by the API: a hard delete cascades to its sessions, and theirs to the lookup.
    await scopedClient(app.database.prisma, scope).customer.delete({
      where: { accountId_mode_id: { ...scope, id: customerId } },
    });
    expect(await secretTarget(app.database.prisma, "CUSTOMER_SESSION", hashKey(token))).toBeNull();
    expect((await app.gql(`{ viewer { customer { id } } }`, {}, token)).errors?.[0]?.extensions?.code).toBe(
      "UNAUTHENTICATED",
    );
  });
});
