// customers.update/del, subscriptions.update and invoices.preview({ subscriptionChanges }) against the
// real server (docs/concepts/subscriptions.md#proration): 100 → 300 on day 16 of January credits
// 100 × 16/31 = 51.61 and charges 300 × 16/31 = 154.84.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, type Tally } from "../src/index.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

async function licence(unitAmount: string) {
  const product = await tally.products.create({ name: `Plan ${unitAmount}` });
  return tally.prices.create({
    productId: product.id,
    currency: "usd",
    recurring: { interval: "MONTH", usageType: "LICENSED" },
    unitAmount,
  });
}

describe("changing customers and subscriptions", () => {
  it("updates a customer, and refuses to delete one with an active subscription", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const customer = await tally.customers.create({ name: "Before", testClockId: clock.id });
    const updated = await tally.customers.update(customer.id, { name: "After", email: "a@example.com" });
    expect(updated).toMatchObject({ id: customer.id, name: "After", email: "a@example.com", deleted: false });
    expect(await tally.customers.retrieve(customer.id)).toMatchObject({ name: "After" });

    const subscription = await tally.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: (await licence("100")).id }],
    });
    const refused = await failure(tally.customers.del(customer.id));
    expect(refused).toBeInstanceOf(TallyInvalidInputError);
    expect(refused).toMatchObject({ code: "CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS" });

    await tally.subscriptions.cancel(subscription.id, { atPeriodEnd: false });
    expect(await tally.customers.del(customer.id)).toMatchObject({ id: customer.id, deleted: true });
  });

  it("previews an upgrade, then makes exactly that invoice with ALWAYS_INVOICE", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const customer = await tally.customers.create({ name: "Upgrader", testClockId: clock.id });
    const basic = await licence("100");
    const pro = await licence("300");
    const subscription = await tally.subscriptions.create({ customerId: customer.id, items: [{ priceId: basic.id }] });
    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-16T00:00:00Z" });

    const change = {
      items: [{ id: subscription.items[0]!.id, priceId: pro.id }],
      prorationBehavior: "ALWAYS_INVOICE" as const,
    };
    const preview = await tally.invoices.preview({ subscriptionId: subscription.id, subscriptionChanges: change });
    expect(preview.lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ["PRORATION", "-51.61"],
      ["PRORATION", "154.84"],
    ]);
    expect(preview.total.amount).toBe("103.23");

    const changed = await tally.subscriptions.update(subscription.id, change);
    expect(changed.items.map((i) => i.price.id)).toEqual([pro.id]);
    const invoices = await tally.invoices.list({ customerId: customer.id }).autoPagingToArray({ limit: 10 });
    const update = invoices.find((i) => i.billingReason === "SUBSCRIPTION_UPDATE");
    expect(update?.total.amount).toBe(preview.total.amount);
    expect(update?.lines.map((l) => [l.kind, l.amount.amount])).toEqual(
      preview.lines.map((l) => [l.kind, l.amount.amount]),
    );
  });
});
