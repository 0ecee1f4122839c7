// credits.purchase, credits.setAutoRecharge and creditHolds against the real server: the LLM
// gateway example of docs/sdk/README.md#purchases-auto-recharge-and-holds (hold → generate →
// capture), a recharge when the balance falls to the threshold, and the typed errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, TallyNotFoundError, type Tally } from "../src/index.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

describe("credit purchases, auto-recharge and holds", () => {
  it("buys credits, holds before a generation, captures what it cost, and recharges at the threshold", async () => {
    const customer = await tally.customers.create({ name: "Gateway user" });
    const purchase = await tally.credits.purchase({
      customerId: customer.id,
      amount: "10",
      currency: "usd",
      grant: { name: "Prepaid" },
    });
    expect(purchase).toMatchObject({
      status: "GRANTED",
      amount: { amount: "10.00", currency: "usd" },
      autoRecharge: false,
    });
    expect(purchase.invoice.status).toBe("OPEN");
    expect(purchase.grant?.id).toMatch(/^cg_/);

    const settings = await tally.credits.setAutoRecharge(customer.id, {
      currency: "usd",
      thresholdAmount: "2",
      fixedAmount: "10",
      monthlyLimit: 1,
    });
    expect(settings.creditAutoRecharge).toMatchObject({
      thresholdAmount: "2.00",
      fixedAmount: "10.00",
      monthlyLimit: 1,
    });

    // The gateway: hold the most a generation can cost, generate, capture what it cost.
    const hold = await tally.creditHolds.create({
      customerId: customer.id,
      amount: "9",
      currency: "usd",
      idempotencyKey: "req_1",
      expiresIn: 300,
    });
    expect(hold).toMatchObject({ status: "ACTIVE", amount: { amount: "9.00", currency: "usd" } });
    expect(
      (
        await tally.creditHolds.create({
          customerId: customer.id,
          amount: "9",
          currency: "usd",
          idempotencyKey: "req_1",
        })
      ).id,
    ).toBe(hold.id);
    // 1.00 was left: the hold took the balance to the threshold, and its request recharged 10.00.
    const short = await failure(
      tally.creditHolds.create({ customerId: customer.id, amount: "11.01", currency: "usd", idempotencyKey: "req_2" }),
    );
    expect(short).toBeInstanceOf(TallyInvalidInputError);
    expect(short).toMatchObject({ code: "INSUFFICIENT_CREDIT" });
    const purchases = await tally.credits.listPurchases({ customerId: customer.id }).autoPagingToArray({ limit: 10 });
    expect(purchases.map((p) => [p.autoRecharge, p.amount.amount]).sort()).toEqual([
      [false, "10.00"],
      [true, "10.00"],
    ]);

    const captured = await tally.creditHolds.capture(hold.id, { amount: "8.5" });
    expect(captured).toMatchObject({ status: "CAPTURED", capturedAmount: { amount: "8.50", currency: "usd" } });
    expect((await tally.customers.retrieve(customer.id)).creditBalance).toEqual([
      { currency: "usd", available: "11.50", projectedAvailable: "11.50" },
    ]);
    const again = await failure(tally.creditHolds.release(hold.id));
    expect(again).toMatchObject({ code: "CREDIT_HOLD_NOT_ACTIVE" });

    const other = await tally.creditHolds.create({
      customerId: customer.id,
      amount: "1",
      currency: "usd",
      idempotencyKey: "req_3",
    });
    expect((await tally.creditHolds.release(other.id)).status).toBe("RELEASED");
    const listed = await tally.creditHolds.list({ customerId: customer.id }).autoPagingToArray({ limit: 10 });
    expect(listed.map((h) => h.status).sort()).toEqual(["CAPTURED", "RELEASED"]);
    expect((await tally.creditHolds.retrieve(hold.id)).status).toBe("CAPTURED");
    expect(await failure(tally.creditHolds.retrieve("chold_missing"))).toBeInstanceOf(TallyNotFoundError);
    expect((await tally.credits.setAutoRecharge(customer.id, null)).creditAutoRecharge).toBeNull();
  });
});
