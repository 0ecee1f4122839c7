// Every method of testClocks, customers, meters, products and prices against the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, TallyNotFoundError, type Tally } from "../src/index.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

describe("testClocks", () => {
  it("creates, retrieves and advances a clock", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z", name: "Alpaca" });
    expect(clock).toMatchObject({ name: "Alpaca", frozenTime: "2026-01-01T00:00:00.000Z", status: "READY" });
    expect(clock.id).toMatch(/^clock_/);
    expect(await tally.testClocks.retrieve(clock.id)).toEqual(clock);
    const advanced = await tally.testClocks.advance(clock.id, { frozenTime: "2026-02-01T00:00:00Z" });
    expect(advanced.frozenTime).toBe("2026-02-01T00:00:00.000Z");
  });

  it("refuses to move a clock backwards", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const error = await tally.testClocks
      .advance(clock.id, { frozenTime: "2025-12-01T00:00:00Z" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "TEST_CLOCK_BACKWARDS" });
  });
});

describe("customers", () => {
  it("creates a customer on a test clock and reads it back", async () => {
    const clock = await tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z" });
    const customer = await tally.customers.create({
      name: "John Doe",
      email: "john@alpaca.ai",
      metadata: { plan: "pro" },
      testClockId: clock.id,
    });
    expect(customer).toMatchObject({
      name: "John Doe",
      email: "john@alpaca.ai",
      metadata: { plan: "pro" },
      testClock: { id: clock.id },
    });
    expect(await tally.customers.retrieve(customer.id)).toEqual(customer);
    const page = await tally.customers.list({ testClockId: clock.id });
    expect(page.data.map((c) => c.id)).toEqual([customer.id]);
    expect(page.hasMore).toBe(false);
  });
});

describe("meters", () => {
  it("creates, retrieves, lists, updates, deactivates and reactivates", async () => {
    const meter = await tally.meters.create({
      displayName: "Alpaca AI tokens",
      eventName: "catalog_tokens",
      aggregation: "SUM",
    });
    expect(meter).toMatchObject({
      eventName: "catalog_tokens",
      aggregation: "SUM",
      customerPayloadKey: "customer_id",
      valuePayloadKey: "value",
      status: "ACTIVE",
    });
    expect(await tally.meters.retrieve(meter.id)).toEqual(meter);

    const renamed = await tally.meters.update(meter.id, { displayName: "Tokens" });
    expect(renamed.displayName).toBe("Tokens");
    expect((await tally.meters.deactivate(meter.id)).status).toBe("INACTIVE");
    const inactive = await tally.meters.list({ status: "INACTIVE" }).autoPagingToArray({ limit: 100 });
    expect(inactive.map((m) => m.id)).toContain(meter.id);
    expect((await tally.meters.reactivate(meter.id)).status).toBe("ACTIVE");
  });

  it("reports a taken event name as a typed error with its field", async () => {
    await tally.meters.create({ displayName: "A", eventName: "catalog_taken", aggregation: "COUNT" });
    const error = await tally.meters
      .create({ displayName: "B", eventName: "catalog_taken", aggregation: "COUNT" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect(error).toMatchObject({ code: "EVENT_NAME_TAKEN", field: ["input", "eventName"] });
  });
});

describe("products and prices", () => {
  it("creates a product and a tiered metered price; decimals stay strings", async () => {
    const meter = await tally.meters.create({
      displayName: "Tokens",
      eventName: "catalog_price_tokens",
      aggregation: "SUM",
    });
    const product = await tally.products.create({ name: "Alpaca AI usage", description: "Tokens" });
    expect(await tally.products.retrieve(product.id)).toEqual(product);
    expect((await tally.products.update(product.id, { name: "Alpaca AI tokens" })).name).toBe("Alpaca AI tokens");
    expect((await tally.products.list().autoPagingToArray({ limit: 100 })).map((p) => p.id)).toContain(product.id);

    const price = await tally.prices.create({
      productId: product.id,
      currency: "usd",
      recurring: { interval: "MONTH", usageType: "METERED", meterId: meter.id },
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "1000", unitAmount: "0" },
        { upTo: null, unitAmount: "0.04" },
      ],
    });
    expect(price).toMatchObject({
      currency: "usd",
      product: { id: product.id },
      recurring: { interval: "MONTH", intervalCount: 1, usageType: "METERED", meter: { id: meter.id } },
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
    });
    expect(price.tiers?.map((t) => [t.upTo, t.unitAmount])).toEqual([
      ["1000", "0"],
      [null, "0.04"],
    ]);
    expect(await tally.prices.retrieve(price.id)).toEqual(price);
    expect((await tally.prices.update(price.id, { nickname: "tokens" })).nickname).toBe("tokens");
    expect((await tally.prices.list({ productId: product.id })).data.map((p) => p.id)).toEqual([price.id]);
  });

  it("reports invalid tiers with the field at fault, and unknown ids as not found", async () => {
    const product = await tally.products.create({ name: "Bad prices" });
    const invalid = await tally.prices
      .create({
        productId: product.id,
        currency: "usd",
        recurring: { interval: "MONTH", usageType: "LICENSED" },
        billingScheme: "TIERED",
        tiersMode: "VOLUME",
        tiers: [
          { upTo: null, unitAmount: "1" },
          { upTo: null, unitAmount: "2" },
        ],
      })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(TallyInvalidInputError);
    expect((invalid as TallyInvalidInputError).field?.slice(0, 2)).toEqual(["input", "tiers"]);

    const missing = await tally.prices
      .create({
        productId: "prod_missing",
        currency: "usd",
        recurring: { interval: "MONTH", usageType: "LICENSED" },
        unitAmount: "1",
      })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TallyNotFoundError);
    expect(missing).toMatchObject({ code: "NOT_FOUND", field: ["input", "productId"] });
  });

  it("turns a null retrieve into TallyNotFoundError", async () => {
    for (const retrieve of [
      tally.products.retrieve,
      tally.prices.retrieve,
      tally.meters.retrieve,
      tally.customers.retrieve,
      tally.testClocks.retrieve,
    ]) {
      await expect(retrieve("xyz_missing")).rejects.toBeInstanceOf(TallyNotFoundError);
    }
  });
});
