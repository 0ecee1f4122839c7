// Coupons, promotion codes, discounts and tax rates through the API (docs/concepts/discounts.md,
// docs/concepts/tax-rates.md): each duration across three months of a test clock, redemption limits
// under concurrent requests, inclusive and exclusive tax on stored invoices and on previews (exact
// to the cent, worked by hand), typed errors, and isolation across accounts and modes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/gql.js";
import type { CreateCouponInput, CreateTaxRateInput, DiscountInput } from "./generated/graphql.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";

let app: TestApp;
let c: Catalog;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
});
afterAll(() => app.close());

graphql(`
  fragment DiscountsTaxAmounts on InvoiceLine {
    description
    amount {
      amount
    }
    discountAmounts {
      amount {
        amount
      }
      discount {
        id
      }
    }
    taxAmounts {
      amount {
        amount
      }
      inclusive
      taxableAmount {
        amount
      }
      taxRate {
        id
      }
    }
  }
`);

const CREATE_COUPON = graphql(`
  mutation DiscountsTaxCreateCoupon($input: CreateCouponInput!) {
    createCoupon(input: $input) {
      __typename
      ... on Coupon {
        id
        timesRedeemed
        valid
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const CREATE_PROMOTION_CODE = graphql(`
  mutation DiscountsTaxCreatePromotionCode($input: CreatePromotionCodeInput!) {
    createPromotionCode(input: $input) {
      __typename
      ... on PromotionCode {
        id
        text: code
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const CREATE_TAX_RATE = graphql(`
  mutation DiscountsTaxCreateTaxRate($input: CreateTaxRateInput!) {
    createTaxRate(input: $input) {
      __typename
      ... on TaxRate {
        id
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const UPDATE_TAX_RATE = graphql(`
  mutation DiscountsTaxUpdateTaxRate($input: UpdateTaxRateInput!) {
    updateTaxRate(input: $input) {
      __typename
      ... on TaxRate {
        active
      }
    }
  }
`);

const CUSTOMER_WITH_DISCOUNTS = graphql(`
  mutation DiscountsTaxCreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      __typename
      ... on Customer {
        id
        discounts {
          id
          coupon {
            id
          }
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const SUBSCRIBE = graphql(`
  mutation DiscountsTaxSubscribe($input: CreateSubscriptionInput!) {
    createSubscription(input: $input) {
      __typename
      ... on Subscription {
        id
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const INVOICES = graphql(`
  query DiscountsTaxInvoices($subscriptionId: ID!) {
    invoices(subscriptionId: $subscriptionId, first: 10) {
      edges {
        node {
          createdAt
          subtotal {
            amount
          }
          totalDiscountAmount {
            amount
          }
          totalDiscountAmounts {
            amount {
              amount
            }
            discount {
              id
              end
            }
          }
          tax {
            amount
          }
          subtotalExcludingTax {
            amount
          }
          totalExcludingTax {
            amount
          }
          total {
            amount
          }
          lines {
            ...DiscountsTaxAmounts
          }
        }
      }
    }
  }
`);

const PREVIEW = graphql(`
  query DiscountsTaxPreview($subscriptionId: ID!) {
    previewInvoice(subscriptionId: $subscriptionId) {
      subtotal {
        amount
      }
      totalDiscountAmount {
        amount
      }
      tax {
        amount
      }
      subtotalExcludingTax {
        amount
      }
      totalExcludingTax {
        amount
      }
      total {
        amount
      }
      lines {
        ...DiscountsTaxAmounts
      }
    }
  }
`);

const READS = graphql(`
  query DiscountsTaxReads($coupon: ID!, $taxRate: ID!) {
    coupon(id: $coupon) {
      id
      timesRedeemed
    }
    taxRate(id: $taxRate) {
      id
    }
    coupons(first: 50) {
      edges {
        node {
          id
        }
      }
    }
    taxRates(first: 50) {
      edges {
        node {
          id
        }
      }
    }
    promotionCodes(first: 50) {
      edges {
        node {
          id
          timesRedeemed
        }
      }
    }
  }
`);

async function coupon(input: CreateCouponInput, key?: string) {
  const created = (await app.data(CREATE_COUPON, { input }, key)).createCoupon;
  if (created.__typename !== "Coupon") throw new Error(JSON.stringify(created));
  return created.id;
}

async function taxRate(input: CreateTaxRateInput) {
  const created = (await app.data(CREATE_TAX_RATE, { input })).createTaxRate;
  if (created.__typename !== "TaxRate") throw new Error(JSON.stringify(created));
  return created.id;
}

async function subscribe(input: Parameters<Catalog["subscribe"]>[0]) {
  const created = (await app.data(SUBSCRIBE, { input })).createSubscription;
  if (created.__typename !== "Subscription") throw new Error(JSON.stringify(created));
  return created.id;
}

/** Oldest first. */
async function invoices(subscriptionId: string) {
  const page = (await app.data(INVOICES, { subscriptionId })).invoices;
  return page.edges.map((edge) => edge.node).reverse();
}

describe("coupon durations across three months of a test clock (docs/concepts/discounts.md#durations)", () => {
  it("ONCE discounts the first invoice, REPEATING 2 months the first two, FOREVER every one", async () => {
    const clockId = (await c.clock("2026-01-01T00:00:00Z")).id;
    const seat = (await c.licensed("100", { product: "Seat" })).id;
    const once = await coupon({ percentOff: "10", duration: "ONCE" });
    const repeating = await coupon({ percentOff: "20", duration: "REPEATING", durationInMonths: 2 });
    const forever = await coupon({ amountOff: "5", currency: "usd", duration: "FOREVER" });
    const subs: Record<string, string> = {};
    for (const [name, discounts] of [
      ["once", [{ coupon: once }]],
      ["repeating", [{ coupon: repeating }]],
      ["forever", [{ coupon: forever }]],
    ] as const) {
      const customer = (await c.customer({ testClockId: clockId })).id;
      subs[name] = await subscribe({ customerId: customer, items: [{ priceId: seat }], discounts: [...discounts] });
    }
    // A customer's discount applies to its subscriptions without their own.
    const viaCustomer = (
      await app.data(CUSTOMER_WITH_DISCOUNTS, { input: { testClockId: clockId, discounts: [{ coupon: forever }] } })
    ).createCustomer;
    if (viaCustomer.__typename !== "Customer") throw new Error(JSON.stringify(viaCustomer));
    subs.customer = await subscribe({ customerId: viaCustomer.id, items: [{ priceId: seat }] });

    for (const month of ["2026-02-01", "2026-03-01", "2026-04-01"]) await c.advance(clockId, `${month}T00:00:00Z`);

    const discounts = async (id: string) =>
      (await invoices(id)).map((invoice) => `${invoice.totalDiscountAmount.amount} → ${invoice.total.amount}`);
    expect(await discounts(subs.once!)).toEqual(["10.00 → 90.00", "0.00 → 100.00", "0.00 → 100.00", "0.00 → 100.00"]);
    expect(await discounts(subs.repeating!)).toEqual([
      "20.00 → 80.00",
      "20.00 → 80.00",
      "0.00 → 100.00",
      "0.00 → 100.00",
    ]);
    expect(await discounts(subs.forever!)).toEqual(["5.00 → 95.00", "5.00 → 95.00", "5.00 → 95.00", "5.00 → 95.00"]);
    expect(await discounts(subs.customer!)).toEqual(["5.00 → 95.00", "5.00 → 95.00", "5.00 → 95.00", "5.00 → 95.00"]);
    // The Discount's end: ONCE at its first invoice, REPEATING two months after its start.
    const [onceFirst] = await invoices(subs.once!);
    expect(onceFirst!.totalDiscountAmounts[0]!.discount!.end).toBe("2026-01-01T00:00:00.000Z");
    const [repeatingFirst] = await invoices(subs.repeating!);
    expect(repeatingFirst!.totalDiscountAmounts[0]!.discount!.end).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("tax rates on stored invoices and previews (docs/concepts/tax-rates.md#a-worked-example)", () => {
  it("an inclusive item rate and an exclusive default, after a 10 % customer discount, exact to the cent", async () => {
    const clockId = (await c.clock("2026-01-01T00:00:00Z")).id;
    const meter = await c.freshMeter();
    const seat = (await c.licensed("100", { product: "Seat" })).id;
    const calls = (await c.metered(meter.id, { unitAmount: "0.04" }, { product: "Calls" })).id;
    const vat = await taxRate({ displayName: "VAT", percentage: "25", inclusive: true, country: "SE" });
    const sales = await taxRate({ displayName: "Sales tax", percentage: "8.25", inclusive: false, country: "US" });
    const tenPercent = await coupon({ percentOff: "10", duration: "FOREVER" });
    const customer = (
      await app.data(CUSTOMER_WITH_DISCOUNTS, { input: { testClockId: clockId, discounts: [{ coupon: tenPercent }] } })
    ).createCustomer;
    if (customer.__typename !== "Customer") throw new Error(JSON.stringify(customer));
    const sub = await subscribe({
      customerId: customer.id,
      items: [{ priceId: seat, taxRates: [vat] }, { priceId: calls }],
      defaultTaxRates: [sales],
    });

    // First invoice: Seat 100.00 − 10.00 = 90.00, VAT 25 % included: 90 × 25 ÷ 125 = 18.00.
    const [first] = await invoices(sub);
    expect(first).toMatchObject({
      subtotal: { amount: "100.00" },
      totalDiscountAmount: { amount: "10.00" },
      tax: { amount: "18.00" },
      subtotalExcludingTax: { amount: "82.00" },
      totalExcludingTax: { amount: "72.00" },
      total: { amount: "90.00" },
    });
    expect(first!.lines[0]!.taxAmounts).toEqual([
      { amount: { amount: "18.00" }, inclusive: true, taxableAmount: { amount: "72.00" }, taxRate: { id: vat } },
    ]);

    // 1,234 calls × 0.04 = 49.36; 10 % = 4.936 → 4.94; 44.42 × 8.25 % = 3.66465 → 3.66.
    await c.advance(clockId, "2026-01-10T00:00:00Z");
    const recorded = await app.data(
      graphql(`
        mutation DiscountsTaxRecord($input: RecordMeterEventInput!) {
          recordMeterEvent(input: $input) {
            __typename
          }
        }
      `),
      {
        input: {
          eventName: meter.eventName,
          customerId: customer.id,
          value: "1234",
          timestamp: "2026-01-10T00:00:00Z",
        },
      },
    );
    expect(recorded.recordMeterEvent.__typename).toBe("MeterEvent");
    const preview = (await app.data(PREVIEW, { subscriptionId: sub })).previewInvoice!;
    expect(
      preview.lines.map((line) => [
        line.amount.amount,
        line.discountAmounts.map((a) => a.amount.amount),
        line.taxAmounts.map((t) => `${t.amount.amount}${t.inclusive ? " incl." : ""} on ${t.taxableAmount.amount}`),
      ]),
    ).toEqual([
      ["49.36", ["4.94"], ["3.66 on 44.42"]],
      ["100.00", ["10.00"], ["18.00 incl. on 72.00"]],
    ]);
    const { lines: previewLines, ...previewTotals } = preview;
    expect(previewTotals).toEqual({
      subtotal: { amount: "149.36" },
      totalDiscountAmount: { amount: "14.94" },
      tax: { amount: "21.66" },
      subtotalExcludingTax: { amount: "131.36" },
      totalExcludingTax: { amount: "116.42" },
      total: { amount: "138.08" },
    });

    await c.advance(clockId, "2026-02-01T00:00:00Z");
    const [, stored] = await invoices(sub);
    const { lines, createdAt: _at, totalDiscountAmounts: _d, ...storedTotals } = stored!;
    expect(storedTotals).toEqual(previewTotals);
    expect(lines).toEqual(previewLines);
  });

  it("an inactive rate stays on what it is on but is set nowhere new", async () => {
    const rate = await taxRate({ displayName: "GST", percentage: "5", inclusive: false });
    await app.data(UPDATE_TAX_RATE, { input: { id: rate, active: false } });
    const refused = (await app.data(CUSTOMER_WITH_DISCOUNTS, { input: { defaultTaxRates: [rate] } })).createCustomer;
    expect(refused).toMatchObject({ __typename: "InvalidInputError", code: "TAX_RATE_INACTIVE" });
  });
});

describe("redemption limits under concurrent requests", () => {
  it("a promotion code with maxRedemptions 3 is redeemed exactly 3 times by 8 racing customers", async () => {
    const couponId = await coupon({ percentOff: "15", duration: "FOREVER" });
    const code = (
      await app.data(CREATE_PROMOTION_CODE, { input: { couponId, code: `RACE${Date.now()}`, maxRedemptions: 3 } })
    ).createPromotionCode;
    if (code.__typename !== "PromotionCode") throw new Error(JSON.stringify(code));
    const discounts: DiscountInput[] = [{ promotionCode: code.id }];
    const results = await Promise.all(
      Array.from({ length: 8 }, () => app.data(CUSTOMER_WITH_DISCOUNTS, { input: { discounts } })),
    );
    const outcomes = results.map((r) => (r.createCustomer.__typename === "Customer" ? "ok" : r.createCustomer.code));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "COUPON_NOT_REDEEMABLE")).toHaveLength(5);
    // The refused ones stored nothing: no customer, no redemption.
    const reads = await app.data(READS, { coupon: couponId, taxRate: "txr_none" });
    expect(reads.coupon!.timesRedeemed).toBe(3);
    expect(reads.promotionCodes.edges.find((e) => e.node.id === code.id)!.node.timesRedeemed).toBe(3);
  });

  it("a coupon with maxRedemptions 2 is redeemed exactly twice by 5 racing customers", async () => {
    const couponId = await coupon({ amountOff: "3", currency: "usd", duration: "ONCE", maxRedemptions: 2 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.data(CUSTOMER_WITH_DISCOUNTS, { input: { discounts: [{ coupon: couponId }] } }),
      ),
    );
    expect(results.filter((r) => r.createCustomer.__typename === "Customer")).toHaveLength(2);
    expect((await app.data(READS, { coupon: couponId, taxRate: "txr_none" })).coupon!.timesRedeemed).toBe(2);
  });
});

describe("typed errors", () => {
  it("refuses bad coupons, taken codes and a coupon in another currency, storing nothing", async () => {
    const both = (
      await app.data(CREATE_COUPON, {
        input: { percentOff: "10", amountOff: "1", currency: "usd", duration: "ONCE" },
      })
    ).createCoupon;
    expect(both).toMatchObject({ code: "INVALID_INPUT", field: ["input", "percentOff"] });
    const noMonths = (await app.data(CREATE_COUPON, { input: { percentOff: "10", duration: "REPEATING" } }))
      .createCoupon;
    expect(noMonths).toMatchObject({ code: "INVALID_INPUT", field: ["input", "durationInMonths"] });

    const couponId = await coupon({ amountOff: "5", currency: "eur", duration: "FOREVER" });
    const text = `SAVE${Date.now()}`;
    await app.data(CREATE_PROMOTION_CODE, { input: { couponId, code: text } });
    const taken = (await app.data(CREATE_PROMOTION_CODE, { input: { couponId, code: text.toLowerCase() } }))
      .createPromotionCode;
    expect(taken).toMatchObject({ code: "PROMOTION_CODE_TAKEN" });

    const customer = (await c.customer()).id;
    const seat = (await c.licensed("10")).id;
    const mismatch = (
      await app.data(SUBSCRIBE, {
        input: { customerId: customer, items: [{ priceId: seat }], discounts: [{ coupon: couponId }] },
      })
    ).createSubscription;
    expect(mismatch).toMatchObject({ code: "CURRENCY_MISMATCH" });
    expect((await app.data(READS, { coupon: couponId, taxRate: "txr_none" })).coupon!.timesRedeemed).toBe(0);
  });
});

describe("tenancy", () => {
  it("another account's key and the live mode see and redeem none of the coupons and tax rates", async () => {
    const couponId = await coupon({ percentOff: "50", duration: "FOREVER" });
    const rate = await taxRate({ displayName: "VAT", percentage: "20", inclusive: false });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const reads = await app.data(READS, { coupon: couponId, taxRate: rate }, key);
      expect(reads).toMatchObject({ coupon: null, taxRate: null, coupons: { edges: [] }, taxRates: { edges: [] } });
      const redeemed = (await app.data(CUSTOMER_WITH_DISCOUNTS, { input: { discounts: [{ coupon: couponId }] } }, key))
        .createCustomer;
      expect(redeemed).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
      const taxed = (await app.data(CUSTOMER_WITH_DISCOUNTS, { input: { defaultTaxRates: [rate] } }, key))
        .createCustomer;
      expect(taxed).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    }
  });
});
