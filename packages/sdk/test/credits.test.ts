// creditGrants and the customer's creditBalance against the real server: a promotional grant on
// the Alpaca flow, the ledger, voiding, and the error codes of each method.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, TallyNotFoundError, type Tally } from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

const usd = (amount: string) => ({ amount, currency: "usd" });

describe("creditGrants on the Alpaca flow (docs/concepts/credits.md#credit-ordering)", () => {
  it("applies a promotional 50 to January's usage: the Feb 1 invoice is 180.00 − 50.00 = 130.00", async () => {
    const { eventName, clock, customer, subscription } = await alpaca(tally);
    const grant = await tally.creditGrants.create({
      customerId: customer.id,
      amount: usd("50"),
      category: "PROMOTIONAL",
      scope: { allMeteredPrices: true },
      name: "Welcome credit",
    });
    expect(grant).toMatchObject({
      customer: { id: customer.id },
      name: "Welcome credit",
      amount: usd("50.00"),
      remaining: usd("50.00"),
      category: "PROMOTIONAL",
      priority: 50,
      priceIds: null,
      effectiveAt: "2026-01-01T00:00:00.000Z",
      voidedAt: null,
    });
    expect(grant.id).toMatch(/^cg_/);
    expect(await tally.creditGrants.retrieve(grant.id)).toEqual(grant);
    expect((await tally.creditGrants.list({ customerId: customer.id })).data).toEqual([grant]);
    expect((await tally.customers.retrieve(customer.id)).creditBalance).toEqual([
      { currency: "usd", available: "50.00", projectedAvailable: "50.00" },
    ]);

    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-10T12:00:00Z" });
    await tally.meterEvents.create({ eventName, customerId: customer.id, value: "3000" });
    expect((await tally.customers.retrieve(customer.id)).creditBalance).toEqual([
      { currency: "usd", available: "50.00", projectedAvailable: "0.00" },
    ]);
    expect(await tally.invoices.preview({ subscriptionId: subscription.id })).toMatchObject({
      subtotal: usd("180.00"),
      creditsApplied: usd("50.00"),
      total: usd("130.00"),
    });

    await tally.testClocks.advance(clock.id, { frozenTime: "2026-02-01T00:00:00Z" });
    const invoices = await tally.invoices.list({ customerId: customer.id }).autoPagingToArray({ limit: 10 });
    const february = invoices.find((invoice) => invoice.billingReason === "SUBSCRIPTION_CYCLE")!;
    expect(february).toMatchObject({
      periodEnd: "2026-02-01T00:00:00.000Z",
      subtotal: usd("180.00"),
      creditsApplied: usd("50.00"),
      total: usd("130.00"),
    });

    const ledger = await tally.creditBalanceTransactions
      .list({ customerId: customer.id })
      .autoPagingToArray({ limit: 10 });
    expect(ledger.map((entry) => [entry.type, entry.amount.amount, entry.grant.id, entry.invoice?.id ?? null])).toEqual(
      [
        ["APPLICATION", "-50.00", grant.id, february.id],
        ["GRANT", "50.00", grant.id, null],
      ],
    );
    expect(ledger.every((entry) => entry.id.startsWith("cbt_"))).toBe(true);
    expect((await tally.creditGrants.retrieve(grant.id)).remaining).toEqual(usd("0.00"));
    expect((await tally.customers.retrieve(customer.id)).creditBalance).toEqual([
      { currency: "usd", available: "0.00", projectedAvailable: "0.00" },
    ]);
  });
});

describe("creditGrants", () => {
  it("voids a grant's remaining balance, once", async () => {
    const { customer, usage } = await alpaca(tally);
    const grant = await tally.creditGrants.create({
      customerId: customer.id,
      amount: usd("20"),
      category: "PAID",
      scope: { priceIds: [usage.id] },
      priority: 10,
    });
    expect(grant).toMatchObject({ category: "PAID", priority: 10, priceIds: [usage.id], name: null });
    const voided = await tally.creditGrants.void(grant.id);
    expect(voided).toMatchObject({ id: grant.id, remaining: usd("0.00"), voidedAt: "2026-01-01T00:00:00.000Z" });
    expect(
      (await tally.creditBalanceTransactions.list({ customerId: customer.id })).data.map((entry) => [
        entry.type,
        entry.amount.amount,
      ]),
    ).toEqual([
      ["VOID", "-20.00"],
      ["GRANT", "20.00"],
    ]);
    const again = await failure(tally.creditGrants.void(grant.id));
    expect(again).toBeInstanceOf(TallyInvalidInputError);
    expect(again).toMatchObject({ code: "INVALID_INPUT", field: ["input", "id"] });
  });

  it("reports invalid input and unknown objects as typed errors", async () => {
    const { customer, license } = await alpaca(tally);
    const base = {
      customerId: customer.id,
      amount: usd("10"),
      category: "PROMOTIONAL" as const,
      scope: { allMeteredPrices: true },
    };
    const invalid: Array<[Parameters<Tally["creditGrants"]["create"]>[0], string[]]> = [
      [{ ...base, amount: usd("0") }, ["input", "amount", "amount"]],
      [{ ...base, scope: {} }, ["input", "scope"]],
      [{ ...base, scope: { priceIds: [license.id] } }, ["input", "scope", "priceIds", "0"]],
      [{ ...base, priority: 101 }, ["input", "priority"]],
    ];
    for (const [input, field] of invalid) {
      const error = await failure(tally.creditGrants.create(input));
      expect(error, field.join(".")).toBeInstanceOf(TallyInvalidInputError);
      expect(error, field.join(".")).toMatchObject({ code: "INVALID_INPUT", field });
    }
    const noCustomer = await failure(tally.creditGrants.create({ ...base, customerId: "cus_missing" }));
    expect(noCustomer).toBeInstanceOf(TallyNotFoundError);
    expect(noCustomer).toMatchObject({ code: "NOT_FOUND", field: ["input", "customerId"] });
    const noGrant = await failure(tally.creditGrants.void("cg_missing"));
    expect(noGrant).toBeInstanceOf(TallyNotFoundError);
    expect(noGrant).toMatchObject({ code: "NOT_FOUND", field: ["input", "id"] });
    await expect(tally.creditGrants.retrieve("cg_missing")).rejects.toBeInstanceOf(TallyNotFoundError);
    await expect(tally.creditGrants.retrieve(customer.id)).rejects.toBeInstanceOf(TallyNotFoundError);
  });
});
