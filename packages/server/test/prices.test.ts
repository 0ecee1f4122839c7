import { priceQuantity, sum, toDecimal, type Interval } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../src/ids.js";
import { intervalOf, priceModelOf } from "../src/services/prices.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { graphql } from "./generated/gql.js";
import type {
  CreatePriceInput,
  PricesListQuery,
  PricesListQueryVariables,
  UpdatePriceInput,
} from "./generated/graphql.js";
import { catalog } from "./support/catalog.js";

const CREATE_PRICE = graphql(`
  mutation PricesCreate($input: CreatePriceInput!) {
    createPrice(input: $input) {
      __typename
      ...CatalogPrice
      ...CatalogError
    }
  }
`);

const READ = graphql(`
  query PricesRead($id: ID!) {
    price(id: $id) {
      ...CatalogPrice
    }
    node(id: $id) {
      id
      ... on Price {
        currency
      }
    }
  }
`);

const SET_METER_STATUS = graphql(`
  mutation PricesSetMeterStatus($id: ID!, $active: Boolean!) {
    deactivateMeter(input: { id: $id }) @skip(if: $active) {
      ... on Meter {
        status
      }
    }
    reactivateMeter(input: { id: $id }) @include(if: $active) {
      ... on Meter {
        status
      }
    }
  }
`);

const LIST = graphql(`
  query PricesList($after: String, $productId: ID, $active: Boolean) {
    prices(first: 4, after: $after, productId: $productId, active: $active) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const UNDER_PRODUCT = graphql(`
  query PricesUnderProduct($p: ID!) {
    product(id: $p) {
      prices(first: 10) {
        edges {
          node {
            id
            product {
              id
            }
          }
        }
      }
      active: prices(first: 10, active: true) {
        edges {
          node {
            id
          }
        }
      }
    }
  }
`);

const ISOLATION = graphql(`
  query PricesIsolation($id: ID!, $p: ID!) {
    price(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    prices(first: 50) {
      edges {
        node {
          id
        }
      }
    }
    byProduct: prices(first: 50, productId: $p) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** The ids of a page of prices, in order. */
const ofPage = (page: { edges: Array<{ node: { id: string } }> }) => page.edges.map((edge) => edge.node.id);

/** A stored price as the API reads it (null: not visible to `key`). */
const read = async (id: string, key?: string) => (await app.data(READ, { id }, key)).price;

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

/** The stored price as the billing engine sees it. */
async function engineModelOf(id: string) {
  const row = await app.database.prisma.price.findFirstOrThrow({ where: { id } });
  return priceModelOf(row);
}

async function chargeFor(id: string, quantity: string): Promise<string> {
  return sum(priceQuantity(await engineModelOf(id), toDecimal(quantity)).map((line) => line.amount)).toFixed();
}

const MONTHLY_LICENSED = { interval: "MONTH", usageType: "LICENSED" } as const;

describe("creating prices", () => {
  let meterId: string;
  let usageProduct: string;
  beforeAll(async () => {
    meterId = (await catalog(app).meter("alpaca_ai_tokens")).id;
    usageProduct = (await catalog(app).product("Alpaca AI usage")).id;
  });

  it("stores the seed's metered graduated price (first 1000 tokens free, then 0.04)", async () => {
    const price = await catalog(app).price({
      productId: usageProduct,
      currency: "usd",
      recurring: { interval: "MONTH", usageType: "METERED", meterId },
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "1000", unitAmount: "0" },
        { upTo: null, unitAmount: "0.04" },
      ],
    });
    expect(price).toMatchObject({
      currency: "usd",
      nickname: null,
      lookupKey: null,
      active: true,
      billingScheme: "TIERED",
      unitAmount: null,
      tiersMode: "GRADUATED",
      product: { id: usageProduct, name: "Alpaca AI usage" },
      recurring: {
        interval: "MONTH",
        intervalCount: 1,
        usageType: "METERED",
        meter: { id: meterId, eventName: "alpaca_ai_tokens" },
      },
      tiers: [
        { upTo: "1000", unitAmount: "0", flatAmount: "0" },
        { upTo: null, unitAmount: "0.04", flatAmount: "0" },
      ],
      transformQuantity: null,
    });
    expect(price.id).toMatch(/^price_/);
    // docs/concepts/prices.md#flat-fee-and-overages: 3000 tokens → 1000 × 0 + 2000 × 0.04.
    expect(await chargeFor(price.id, "3000")).toBe("80");
    const stored = await app.data(READ, { id: price.id });
    expect(stored.price).toEqual(Object.fromEntries(Object.entries(price).filter(([k]) => k !== "__typename")));
    expect(stored.node).toEqual({ id: price.id, currency: "usd" });
  });

  it("stores the seed's licensed price: 100 usd monthly, currency lower-cased", async () => {
    const product = (await catalog(app).product("Alpaca AI license fee")).id;
    const price = await catalog(app).price({
      productId: product,
      currency: "USD",
      recurring: MONTHLY_LICENSED,
      unitAmount: "100",
      nickname: "Pro seat",
    });
    expect(price).toMatchObject({
      currency: "usd",
      nickname: "Pro seat",
      billingScheme: "PER_UNIT",
      unitAmount: "100",
      tiersMode: null,
      tiers: null,
      transformQuantity: null,
      recurring: { interval: "MONTH", intervalCount: 1, usageType: "LICENSED", meter: null },
    });
    const row = await app.database.prisma.price.findFirstOrThrow({ where: { id: price.id } });
    expect(intervalOf(row)).toEqual<Interval>({ unit: "MONTH", count: 1 });
    expect(await chargeFor(price.id, "3")).toBe("300");
  });

  it("prints amounts as sent, without the column's trailing zeros, and keeps 12 decimal places exact", async () => {
    const product = (await catalog(app).product("Precise")).id;
    const price = await catalog(app).price({
      productId: product,
      currency: "usd",
      recurring: MONTHLY_LICENSED,
      unitAmount: "0.040000",
    });
    expect(price.unitAmount).toBe("0.04");
    const tiny = await catalog(app).price({
      productId: product,
      currency: "usd",
      recurring: MONTHLY_LICENSED,
      unitAmount: "123456789.000000000001",
    });
    expect(tiny.unitAmount).toBe("123456789.000000000001");
    expect(await chargeFor(tiny.id, "1000")).toBe("123456789000.000000001");
  });

  it("stores package pricing: 150 minutes at 10 per started hour → 30", async () => {
    const product = (await catalog(app).product("Compute hours")).id;
    const price = await catalog(app).price({
      productId: product,
      currency: "eur",
      recurring: { interval: "WEEK", intervalCount: 2, usageType: "METERED", meterId },
      unitAmount: "10",
      transformQuantity: { divideBy: 60, round: "UP" },
    });
    expect(price).toMatchObject({
      currency: "eur",
      billingScheme: "PER_UNIT",
      unitAmount: "10",
      transformQuantity: { divideBy: 60, round: "UP" },
      recurring: { interval: "WEEK", intervalCount: 2, usageType: "METERED" },
    });
    expect(await chargeFor(price.id, "150")).toBe("30");
  });

  it("stores volume tiers with flat amounts (docs/concepts/prices.md#worked-example)", async () => {
    const product = (await catalog(app).product("Seats by volume")).id;
    const tiers = [
      { upTo: "5", unitAmount: "5" },
      { upTo: "10", unitAmount: "4" },
      { upTo: "15", unitAmount: "3" },
      { upTo: "20", unitAmount: "2" },
      { upTo: null, unitAmount: "1", flatAmount: "0.5" },
    ];
    const volume = await catalog(app).price({
      productId: product,
      currency: "usd",
      recurring: MONTHLY_LICENSED,
      billingScheme: "TIERED",
      tiersMode: "VOLUME",
      tiers,
    });
    expect(volume.tiersMode).toBe("VOLUME");
    expect(volume.tiers?.[4]).toEqual({ upTo: null, unitAmount: "1", flatAmount: "0.5" });
    expect(await chargeFor(volume.id, "6")).toBe("24");
    expect(await chargeFor(volume.id, "20")).toBe("40");
    expect(await chargeFor(volume.id, "25")).toBe("25.5");
    const graduated = await catalog(app).price({
      productId: product,
      currency: "usd",
      recurring: MONTHLY_LICENSED,
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers,
    });
    expect(await chargeFor(graduated.id, "6")).toBe("29");
    expect(await chargeFor(graduated.id, "25")).toBe("75.5");
  });
});

describe("createPrice validation", () => {
  let productId: string;
  let meterId: string;
  const base = () => ({ productId, currency: "usd", recurring: MONTHLY_LICENSED, unitAmount: "1" });
  const tiered = (tiers: unknown[], extra: Record<string, unknown> = {}) => ({
    ...base(),
    unitAmount: undefined,
    billingScheme: "TIERED",
    tiersMode: "GRADUATED",
    tiers,
    ...extra,
  });

  beforeAll(async () => {
    productId = (await catalog(app).product("Validated")).id;
    meterId = (await catalog(app).meter("validated_events")).id;
  });

  async function expectRefused(
    input: Record<string, unknown>,
    expected: { code: string; field: string[]; message?: RegExp; type?: string },
  ) {
    const before = await app.database.prisma.price.count();
    const result = (await app.data(CREATE_PRICE, { input: input as CreatePriceInput })).createPrice;
    expect(result, JSON.stringify(result)).toMatchObject({
      __typename: expected.type ?? "InvalidInputError",
      code: expected.code,
      field: expected.field,
    });
    const { message } = result as { message: string };
    if (expected.message) expect(message).toMatch(expected.message);
    expect(await app.database.prisma.price.count()).toBe(before);
    return { message };
  }

  it("reports each engine problem at its input field path", async () => {
    const cases: Array<[string, Record<string, unknown>, string[], RegExp]> = [
      ["unknown currency", { ...base(), currency: "xyz" }, ["input", "currency"], /ISO 4217/],
      ["metal is not a currency", { ...base(), currency: "xau" }, ["input", "currency"], /ISO 4217/],
      [
        "METERED without a meter",
        { ...base(), recurring: { interval: "MONTH", usageType: "METERED" } },
        ["input", "recurring", "meterId"],
        /required for METERED/,
      ],
      [
        "LICENSED with a meter",
        { ...base(), recurring: { ...MONTHLY_LICENSED, meterId } },
        ["input", "recurring", "meterId"],
        /not allowed for LICENSED/,
      ],
      [
        "intervalCount 0",
        { ...base(), recurring: { ...MONTHLY_LICENSED, intervalCount: 0 } },
        ["input", "recurring", "intervalCount"],
        /from 1 to 36/,
      ],
      [
        "more than 3 years",
        { ...base(), recurring: { interval: "YEAR", intervalCount: 4, usageType: "LICENSED" } },
        ["input", "recurring", "intervalCount"],
        /at most 3 years/,
      ],
      ["negative amount", { ...base(), unitAmount: "-1" }, ["input", "unitAmount"], /≥ 0/],
      [
        "13 decimal places",
        { ...base(), unitAmount: "0.0000000000001" },
        ["input", "unitAmount"],
        /at most 12 decimal places/,
      ],
      [
        "PER_UNIT without unitAmount",
        { ...base(), unitAmount: null },
        ["input", "unitAmount"],
        /required for PER_UNIT/,
      ],
      [
        "PER_UNIT with tiers",
        { ...base(), tiers: [{ upTo: null, unitAmount: "1" }] },
        ["input", "tiers"],
        /not allowed for PER_UNIT/,
      ],
      [
        "divideBy 0",
        { ...base(), transformQuantity: { divideBy: 0, round: "UP" } },
        ["input", "transformQuantity", "divideBy"],
        /integer ≥ 1/,
      ],
      [
        "tiers with unitAmount",
        tiered([{ upTo: null, unitAmount: "1" }], { unitAmount: "1" }),
        ["input", "unitAmount"],
        /not allowed for TIERED/,
      ],
      [
        "tiers with transformQuantity",
        tiered([{ upTo: null, unitAmount: "1" }], { transformQuantity: { divideBy: 100, round: "DOWN" } }),
        ["input", "transformQuantity"],
        /not allowed with tiers/,
      ],
      [
        "TIERED without tiersMode",
        tiered([{ upTo: null, unitAmount: "1" }], { tiersMode: null }),
        ["input", "tiersMode"],
        /required for TIERED/,
      ],
      ["TIERED without tiers", tiered([], { tiers: null }), ["input", "tiers"], /required for TIERED/],
      ["no tiers", tiered([]), ["input", "tiers"], /at least one tier/],
      [
        "tiers not increasing",
        tiered([
          { upTo: "100", unitAmount: "1" },
          { upTo: "100", unitAmount: "0.5" },
          { upTo: null, unitAmount: "0.1" },
        ]),
        ["input", "tiers", "1", "upTo"],
        /greater than the previous tier's upTo \(100\)/,
      ],
      [
        "last tier bounded",
        tiered([{ upTo: "100", unitAmount: "1" }]),
        ["input", "tiers", "0", "upTo"],
        /must be null/,
      ],
      [
        "unbounded tier before the last",
        tiered([{ unitAmount: "1" }, { upTo: null, unitAmount: "1" }]),
        ["input", "tiers", "0", "upTo"],
        /only the last tier/,
      ],
      ["tier without amounts", tiered([{ upTo: null }]), ["input", "tiers", "0"], /unitAmount or a flatAmount/],
      [
        "negative flat amount",
        tiered([{ upTo: null, flatAmount: "-5" }]),
        ["input", "tiers", "0", "flatAmount"],
        /≥ 0/,
      ],
      ["nickname too long", { ...base(), nickname: "n".repeat(251) }, ["input", "nickname"], /at most 250/],
      ["empty lookupKey", { ...base(), lookupKey: "" }, ["input", "lookupKey"], /1–200 characters/],
    ];
    for (const [name, input, field, message] of cases) {
      const result = await expectRefused(input, { code: "INVALID_INPUT", field });
      expect(result.message, name).toMatch(message);
    }
  });

  it("lists every problem in the message and points at the first", async () => {
    const result = await expectRefused(
      tiered(
        [
          { upTo: "10", unitAmount: "-1" },
          { upTo: "5", unitAmount: "1" },
          { upTo: null, unitAmount: "0.0000000000001" },
        ],
        { currency: "zzz" },
      ),
      { code: "INVALID_INPUT", field: ["input", "currency"] },
    );
    expect(result.message).toMatch(/^4 problems: currency must be an ISO 4217 currency code/);
    expect(result.message).toContain("tiers.0.unitAmount must be ≥ 0");
    expect(result.message).toContain("tiers.1.upTo must be greater than the previous tier's upTo (10)");
    expect(result.message).toContain("tiers.2.unitAmount must have at most 12 decimal places");
  });

  it("refuses a Decimal that is not a number before validation (top-level GraphQL error)", async () => {
    const res = await app.request(CREATE_PRICE, { input: { ...base(), unitAmount: "four cents" } as CreatePriceInput });
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.message).toMatch(/Decimal must be a decimal number/);
  });

  it("needs the product and the meter to exist in this account and mode", async () => {
    await expectRefused(
      { ...base(), productId: "prod_missing" },
      { type: "NotFoundError", code: "NOT_FOUND", field: ["input", "productId"] },
    );
    await expectRefused(
      { ...base(), recurring: { interval: "MONTH", usageType: "METERED", meterId: "mtr_missing" } },
      { type: "NotFoundError", code: "NOT_FOUND", field: ["input", "recurring", "meterId"] },
    );
    const other = await app.createAccount("Neighbour");
    const theirProduct = (await catalog(app, other.testSecretKey).product("Theirs")).id;
    const theirMeter = (await catalog(app, other.testSecretKey).meter("their_events")).id;
    await expectRefused(
      { ...base(), productId: theirProduct },
      { type: "NotFoundError", code: "NOT_FOUND", field: ["input", "productId"] },
    );
    await expectRefused(
      { ...base(), recurring: { interval: "MONTH", usageType: "METERED", meterId: theirMeter } },
      { type: "NotFoundError", code: "NOT_FOUND", field: ["input", "recurring", "meterId"] },
    );
    const liveProduct = (await catalog(app, app.account.liveSecretKey).product("Live product")).id;
    await expectRefused(
      { ...base(), productId: liveProduct },
      { type: "NotFoundError", code: "NOT_FOUND", field: ["input", "productId"] },
    );
  });

  it("refuses an inactive meter for a new price (METER_INACTIVE)", async () => {
    const inactive = await app.data(SET_METER_STATUS, { id: meterId, active: false });
    expect(inactive.deactivateMeter).toEqual({ status: "INACTIVE" });
    const metered = { ...base(), recurring: { interval: "MONTH", usageType: "METERED", meterId } as const };
    const result = await expectRefused(metered, { code: "METER_INACTIVE", field: ["input", "recurring", "meterId"] });
    expect(result.message).toMatch(/inactive/);
    await app.data(SET_METER_STATUS, { id: meterId, active: true });
    expect((await catalog(app).price(metered)).recurring.meter?.id).toBe(meterId);
  });

  it("refuses an inactive meter stored directly (no meter API involved)", async () => {
    const id = newId("Meter");
    await app.database.prisma.meter.create({
      data: {
        id,
        accountId: app.account.account.id,
        mode: "test",
        displayName: "Old",
        eventName: "old_events",
        aggregation: "SUM",
        status: "INACTIVE",
      },
    });
    await expectRefused(
      { ...base(), recurring: { interval: "DAY", usageType: "METERED", meterId: id } },
      { code: "METER_INACTIVE", field: ["input", "recurring", "meterId"] },
    );
  });
});

describe("lookup keys", () => {
  let productId: string;
  const priceWith = (lookupKey: string, extra: Record<string, unknown> = {}) => ({
    productId,
    currency: "usd",
    recurring: MONTHLY_LICENSED,
    unitAmount: "100",
    lookupKey,
    ...extra,
  });
  beforeAll(async () => void (productId = (await catalog(app).product("Plans")).id));

  it("are unique per account and mode", async () => {
    const first = await catalog(app).price(priceWith("pro_monthly"));
    expect(first.lookupKey).toBe("pro_monthly");
    const before = await app.database.prisma.price.count();
    const taken = await catalog(app).tryPrice(priceWith("pro_monthly"));
    expect(taken).toMatchObject({
      __typename: "InvalidInputError",
      code: "INVALID_INPUT",
      field: ["input", "lookupKey"],
      message: expect.stringMatching(/pro_monthly.*already used/),
    });
    expect(await app.database.prisma.price.count()).toBe(before);

    // The same key is free in the live mode and in another account.
    const liveProduct = (await catalog(app, app.account.liveSecretKey).product("Plans")).id;
    await catalog(app, app.account.liveSecretKey).price({ ...priceWith("pro_monthly"), productId: liveProduct });
    const other = await app.createAccount();
    const theirProduct = (await catalog(app, other.testSecretKey).product("Plans")).id;
    await catalog(app, other.testSecretKey).price({ ...priceWith("pro_monthly"), productId: theirProduct });
  });

  it("move to a new price with transferLookupKey, within the account and mode only", async () => {
    const liveProduct = (await catalog(app, app.account.liveSecretKey).product("Plans")).id;
    const live = await catalog(app, app.account.liveSecretKey).price({
      ...priceWith("team_monthly"),
      productId: liveProduct,
    });
    const old = await catalog(app).price(priceWith("team_monthly"));
    const successor = await catalog(app).price(
      priceWith("team_monthly", { unitAmount: "120", transferLookupKey: true }),
    );
    expect(successor.lookupKey).toBe("team_monthly");
    expect((await read(old.id))?.lookupKey).toBeNull();
    expect((await read(live.id, app.account.liveSecretKey))?.lookupKey).toBe("team_monthly");
  });
});

describe("updatePrice", () => {
  let productId: string;
  beforeAll(async () => void (productId = (await catalog(app).product("Mutable labels")).id));
  const licensed = (extra: Record<string, unknown> = {}) => ({
    productId,
    currency: "usd",
    recurring: MONTHLY_LICENSED,
    unitAmount: "9.99",
    ...extra,
  });

  it("changes nickname, active and lookupKey only; omitted fields stay", async () => {
    const price = await catalog(app).price(licensed({ nickname: "Basic", lookupKey: "basic" }));
    const renamed = await catalog(app).updatePrice({ id: price.id, nickname: "Basic (legacy)" });
    expect(renamed).toEqual({ ...price, nickname: "Basic (legacy)" });
    const archived = await catalog(app).updatePrice({ id: price.id, active: false, lookupKey: null });
    expect(archived).toMatchObject({ nickname: "Basic (legacy)", active: false, lookupKey: null });
    const cleared = await catalog(app).updatePrice({ id: price.id, nickname: null, lookupKey: "basic_legacy" });
    expect(cleared).toMatchObject({ nickname: null, active: false, lookupKey: "basic_legacy" });
  });

  it("has no way to change the amount (prices are immutable)", async () => {
    const price = await catalog(app).price(licensed());
    // UpdatePriceInput has no unitAmount: the request is refused before any resolver runs.
    const res = await app.gql(`mutation($input: UpdatePriceInput!) { updatePrice(input: $input) { __typename } }`, {
      input: { id: price.id, unitAmount: "1" },
    });
    expect(res.errors?.[0]?.message).toMatch(/unitAmount/);
    expect((await read(price.id))?.unitAmount).toBe("9.99");
  });

  it("refuses a taken lookupKey unless transferred, and bad values, changing nothing", async () => {
    const holder = await catalog(app).price(licensed({ lookupKey: "gold" }));
    const price = await catalog(app).price(licensed({ nickname: "Silver", lookupKey: "silver" }));
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ id: price.id, lookupKey: "gold" }, "INVALID_INPUT", ["input", "lookupKey"]],
      [{ id: price.id, lookupKey: "" }, "INVALID_INPUT", ["input", "lookupKey"]],
      [{ id: price.id, nickname: "n".repeat(251) }, "INVALID_INPUT", ["input", "nickname"]],
      [{ id: price.id, active: null }, "INVALID_INPUT", ["input", "active"]],
      [{ id: "price_missing", nickname: "x" }, "NOT_FOUND", ["input", "id"]],
    ];
    for (const [input, code, field] of cases) {
      const result = await catalog(app).tryUpdatePrice(input as UpdatePriceInput);
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ code, field });
    }
    expect(await read(price.id)).toMatchObject({ nickname: "Silver", lookupKey: "silver", active: true });

    const moved = await catalog(app).updatePrice({ id: price.id, lookupKey: "gold", transferLookupKey: true });
    expect(moved).toMatchObject({ lookupKey: "gold" });
    expect((await read(holder.id))?.lookupKey).toBeNull();
  });
});

describe("listing prices", () => {
  it("pages through prices oldest first (ties by ID), by product and active, and under Product.prices", async () => {
    const other = await app.createAccount("Price lister");
    const key = other.testSecretKey;
    const [seats, support] = [
      (await catalog(app, key).product("Seats")).id,
      (await catalog(app, key).product("Support")).id,
    ];
    const created: Array<{ id: string; productId: string }> = [];
    for (let i = 0; i < 6; i++) {
      const productId = i % 2 === 0 ? seats : support;
      const price = await catalog(app, key).price({
        productId,
        currency: "usd",
        recurring: MONTHLY_LICENSED,
        unitAmount: String(i + 1),
      });
      created.push({ id: price.id, productId });
    }
    // Prices 1–5 share one creation instant: the ID orders them.
    const later = new Date(Date.now() + 1000);
    await app.database.prisma.price.updateMany({
      where: { id: { in: created.slice(1).map((p) => p.id) } },
      data: { createdAt: later },
    });
    const order = [created[0]!, ...created.slice(1).sort((a, b) => (a.id < b.id ? -1 : 1))];
    await catalog(app, key).updatePrice({ id: created[2]!.id, active: false });

    /** Every page of 4 from the first, as one list of ids. */
    const all = async (variables: PricesListQueryVariables) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const { prices }: PricesListQuery = await app.data(LIST, { ...variables, after }, key);
        seen.push(...ofPage(prices));
        if (!prices.pageInfo.hasNextPage) break;
        after = prices.pageInfo.endCursor ?? null;
      }
      return seen;
    };
    expect(await all({})).toEqual(order.map((p) => p.id));

    const seatPrices = order.filter((p) => p.productId === seats).map((p) => p.id);
    expect(await all({ productId: seats })).toEqual(seatPrices);
    expect(await all({ productId: seats, active: true })).toEqual(seatPrices.filter((id) => id !== created[2]!.id));
    expect(await all({ active: false })).toEqual([created[2]!.id]);

    const nested = (await app.data(UNDER_PRODUCT, { p: seats }, key)).product!;
    expect(ofPage(nested.prices)).toEqual(seatPrices);
    expect(ofPage(nested.active)).toEqual(seatPrices.filter((id) => id !== created[2]!.id));
  });

  it("is invisible to another account and to the other mode", async () => {
    const productId = (await catalog(app).product("Private catalog")).id;
    const price = await catalog(app).price({
      productId,
      currency: "usd",
      recurring: MONTHLY_LICENSED,
      unitAmount: "5",
    });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const seen = await app.data(ISOLATION, { id: price.id, p: productId }, key);
      expect(seen.price).toBeNull();
      expect(seen.node).toBeNull();
      expect(ofPage(seen.prices)).not.toContain(price.id);
      expect(seen.byProduct.edges).toEqual([]);
      const update = await catalog(app, key).tryUpdatePrice({ id: price.id, active: false });
      expect(update).toMatchObject({ code: "NOT_FOUND", field: ["input", "id"] });
    }
    expect((await read(price.id))?.active).toBe(true);
  });
});
