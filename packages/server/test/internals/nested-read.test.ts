// Nested reads stay a bounded number of SQL statements however many rows a page holds: plugin-prisma
// folds relations into the root query, and the rows loaded by id are batched per tick, each with
// its own 1:1 relations (schema/loaders/row-loaders.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTallyYoga } from "../../src/http/yoga.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing, type Billing } from "../support/billing.js";
import { countingDatabase, type CountingDatabase } from "../support/counting-database.js";

let app: TestApp;
let b: Billing;
let counting: CountingDatabase;
let gqlCounted: (query: string) => Promise<{ data: any; queries: number }>;

beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
  counting = countingDatabase(app.database);
  const yoga = createTallyYoga({ ...app.deps, database: counting.database });
  gqlCounted = async (query) => {
    counting.reset();
    const response = await yoga.fetch(
      new Request("http://tally.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${app.account.testSecretKey}` },
        body: JSON.stringify({ query }),
      }),
    );
    const body = (await response.json()) as { data: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { data: body.data, queries: counting.statements() };
  };

  // 50 subscriptions of 10 customers on 2 clocks, each with a metered and a licensed price, and
  // two months of invoices each.
  const clocks = [await b.clock("2026-01-01T00:00:00Z"), await b.clock("2026-01-01T00:00:00Z")];
  const meter = await b.meter("reads_tokens");
  const prices = [await b.metered(meter, { unitAmount: "0.01" }), await b.licensed("10"), await b.licensed("20")];
  for (let i = 0; i < 50; i += 1) {
    const customer = i % 5 === 0 ? await b.customer({ name: `Customer ${i}`, testClockId: clocks[i % 2] }) : null;
    await b.subscribe({
      customerId:
        customer ?? (await app.database.prisma.customer.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).id,
      items: [{ priceId: prices[0]! }, { priceId: prices[1 + (i % 2)]!, quantity: 1 + (i % 3) }],
      billingMode: i % 2 ? "CLASSIC" : "FLEXIBLE",
    });
  }
  for (const clock of clocks) await b.advance(clock, "2026-02-01T00:00:00Z");
}, 120_000);
afterAll(async () => {
  await counting.close();
  await app.close();
});

const SUBSCRIPTIONS = (first: number) => `{
  subscriptions(first: ${first}) { edges { node {
    id status currentPeriodStart currentPeriodEnd createdAt canceledAt
    customer { id name email createdAt testClock { id frozenTime createdAt } }
    items { id quantity price {
      id currency unitAmount billingScheme createdAt
      recurring { interval usageType meter { id eventName createdAt } }
      product { id name createdAt }
    } }
  } } }
}`;

const INVOICES = (first: number) => `{
  invoices(first: ${first}) { edges { node {
    id number total { amount }
    customer { id name }
    subscription { id items { id } }
    lines { kind amount { amount } price { id product { name } recurring { meter { id } } } }
  } } }
}`;

describe("nested reads", () => {
  // The first request of a key looks the key up; later ones are served from the key cache. Warm it
  // so both measured requests pay the same fixed cost.
  beforeAll(() => gqlCounted(SUBSCRIPTIONS(1)));

  it("lists 50 subscriptions with customer, items and prices in as many queries as 5", async () => {
    const five = await gqlCounted(SUBSCRIPTIONS(5));
    const fifty = await gqlCounted(SUBSCRIPTIONS(50));
    expect(five.data.subscriptions.edges).toHaveLength(5);
    expect(fifty.data.subscriptions.edges).toHaveLength(50);
    expect(fifty.data.subscriptions.edges[0].node.items[0].price.product.name).toBe("Usage");
    // The page; then the items and the customers with their test clocks; then the prices with
    // their products and meters.
    expect(five.queries).toBe(4);
    expect(fifty.queries).toBe(4);
  });

  it("answers what the database holds for every subscription, customer, item and price", async () => {
    const { data } = await gqlCounted(SUBSCRIPTIONS(50));
    const stored = await app.database.prisma.subscription.findMany({
      where: { accountId: app.account.account.id, mode: "test" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: {
        customer: { include: { testClock: true } },
        items: { orderBy: { position: "asc" }, include: { price: { include: { product: true, meter: true } } } },
      },
    });
    const expected = stored.map((s) => ({
      node: {
        id: s.id,
        status: s.status,
        currentPeriodStart: s.currentPeriodStart.toISOString(),
        currentPeriodEnd: s.currentPeriodEnd.toISOString(),
        createdAt: s.createdAt.toISOString(),
        canceledAt: s.canceledAt?.toISOString() ?? null,
        customer: {
          id: s.customer.id,
          name: s.customer.name,
          email: s.customer.email,
          createdAt: s.customer.createdAt.toISOString(),
          testClock: s.customer.testClock && {
            id: s.customer.testClock.id,
            frozenTime: s.customer.testClock.frozenTime.toISOString(),
            createdAt: s.customer.testClock.createdAt.toISOString(),
          },
        },
        items: s.items.map((i) => ({
          id: i.id,
          quantity: i.quantity,
          price: {
            id: i.price.id,
            currency: i.price.currency,
            unitAmount: i.price.unitAmount?.toFixed() ?? null,
            billingScheme: i.price.billingScheme,
            createdAt: i.price.createdAt.toISOString(),
            recurring: {
              interval: i.price.interval,
              usageType: i.price.usageType,
              meter: i.price.meter && {
                id: i.price.meter.id,
                eventName: i.price.meter.eventName,
                createdAt: i.price.meter.createdAt.toISOString(),
              },
            },
            product: {
              id: i.price.product.id,
              name: i.price.product.name,
              createdAt: i.price.product.createdAt.toISOString(),
            },
          },
        })),
      },
    }));
    expect(data.subscriptions.edges).toEqual(expected);
    // The page covers customers' test clocks, and metered and licensed items (no meter).
    expect(expected.every((e) => e.node.customer.testClock !== null)).toBe(true);
    const items = expected.flatMap((e) => e.node.items);
    expect(
      items.some((i) => i.price.recurring.meter === null) && items.some((i) => i.price.recurring.meter !== null),
    ).toBe(true);
  });

  it("lists 50 invoices with customer, subscription and priced lines in as many queries as 5", async () => {
    const five = await gqlCounted(INVOICES(5));
    const fifty = await gqlCounted(INVOICES(50));
    expect(fifty.data.invoices.edges).toHaveLength(50);
    expect(fifty.data.invoices.edges.flatMap((e: any) => e.node.lines).length).toBeGreaterThan(50);
    expect(fifty.queries).toBe(five.queries);
    expect(fifty.queries).toBeLessThanOrEqual(10);
  });
});
