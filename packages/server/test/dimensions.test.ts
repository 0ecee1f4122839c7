// Meter dimensions through the API (docs/concepts/meters.md#dimensions): tagged events, grouped and
// filtered summaries, segmented prices and their invoice lines, alert filters, the monthly limit of
// combinations, and isolation between tenants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog, type Catalog } from "./support/catalog.js";
import { meterEvents, type EventInput } from "./support/meter-events.js";
import { graphql } from "./generated/gql.js";
import type { MeterAggregation } from "./generated/graphql.js";

let app: TestApp;
let c: Catalog;
let events: ReturnType<typeof meterEvents>;
beforeAll(async () => {
  app = await createTestApp();
  c = catalog(app);
  events = meterEvents(app);
});
afterAll(() => app.close());

const SUMMARIES = graphql(`
  query DimensionsSummaries(
    $meterId: ID!
    $customerId: ID!
    $startTime: DateTime!
    $endTime: DateTime!
    $groupingWindow: UsageWindow
    $groupBy: [String!]
    $dimensionFilters: [DimensionFilterInput!]
  ) {
    meterEventSummaries(
      meterId: $meterId
      customerId: $customerId
      startTime: $startTime
      endTime: $endTime
      groupingWindow: $groupingWindow
      groupBy: $groupBy
      dimensionFilters: $dimensionFilters
    ) {
      startTime
      aggregatedValue
      dimensions {
        dimension
        value
      }
    }
  }
`);

const PREVIEW = graphql(`
  query DimensionsPreview($id: ID!) {
    previewInvoice(subscriptionId: $id) {
      lines {
        kind
        description
        quantity
        amount {
          amount
        }
        meterSegmentConditions {
          dimension
          value
        }
      }
      total {
        amount
      }
    }
  }
`);

const INVOICES = graphql(`
  query DimensionsInvoices($subscriptionId: ID) {
    invoices(first: 10, subscriptionId: $subscriptionId) {
      edges {
        node {
          billingReason
          lines {
            kind
            description
            quantity
            amount {
              amount
            }
            meterSegmentConditions {
              dimension
              value
            }
          }
          total {
            amount
          }
        }
      }
    }
  }
`);

const CREATE_ALERT = graphql(`
  mutation DimensionsCreateAlert($input: CreateUsageAlertInput!) {
    createUsageAlert(input: $input) {
      __typename
      ... on UsageAlert {
        id
        filters {
          dimension
          value
        }
      }
      ... on Error {
        code
        field
      }
    }
  }
`);

const TRIGGERS = graphql(`
  query DimensionsTriggers($alertId: ID) {
    alertTriggers(alertId: $alertId) {
      value
    }
  }
`);

const NOW = "2026-03-10T00:00:00.000Z";
/** Events of the tests below are an hour or more after NOW, recorded at LATER. */
const LATER = "2026-03-12T00:00:00.000Z";
const hoursAfter = (hours: number, from = NOW) => new Date(Date.parse(from) + hours * 3_600_000).toISOString();
const cond = (dimension: string, value: string) => ({ dimension, value });

async function dimensionMeter(aggregation: MeterAggregation, keys: string[]) {
  return c.freshMeter(aggregation, { dimensionPayloadKeys: keys });
}

/** The LLM product of the SDK's llm-tokens example: prices per token by model and token type, a remainder price. */
async function llmProduct() {
  const meter = await dimensionMeter("SUM", ["model", "token_type"]);
  const product = (await c.product("LLM tokens")).id;
  const price = (unitAmount: string | null, conditions: Array<{ dimension: string; value: string }>, extra = {}) =>
    c.metered(meter.id, unitAmount === null ? {} : { unitAmount }, {
      productId: product,
      meterSegmentConditions: conditions,
      ...extra,
    });
  const prices = {
    largeInput: await price("0.00001", [cond("model", "gpt-large"), cond("token_type", "input")]),
    largeOutput: await price(null, [cond("model", "gpt-large"), cond("token_type", "output")], {
      billingScheme: "TIERED",
      tiersMode: "GRADUATED",
      tiers: [
        { upTo: "1000000", unitAmount: "0.00003" },
        { upTo: null, unitAmount: "0.000025" },
      ],
    }),
    smallInput: await price("0.000001", [cond("model", "gpt-small"), cond("token_type", "input")]),
    smallOutput: await price("0.000004", [cond("model", "gpt-small"), cond("token_type", "output")]),
    remainder: await price("0.000002", []),
  };
  return { meter, prices };
}

const token = (customerId: string, value: number, payload: Record<string, string>, hours = 1): EventInput => ({
  eventName: "",
  customerId,
  value: String(value),
  payload,
  timestamp: hoursAfter(hours),
});

describe("an LLM product billed by model and token type", () => {
  it("previews and invoices one line per segment, the remainder billing the rest, adding up exactly", async () => {
    const { meter, prices } = await llmProduct();
    const { customerId, clockId } = await c.clockCustomer(NOW);
    const sub = await c.subscribe({
      customerId,
      items: Object.values(prices).map((p) => ({ priceId: p.id })),
    });
    const tokens = [
      token(customerId, 1_200_000, { model: "gpt-large", token_type: "input" }),
      token(customerId, 1_000_000, { model: "gpt-large", token_type: "output" }),
      token(customerId, 500_000, { model: "gpt-large", token_type: "output" }, 30),
      token(customerId, 3_000_000, { model: "gpt-small", token_type: "input" }, 50),
      token(customerId, 800_000, { model: "gpt-small", token_type: "output" }, 70),
      token(customerId, 250_000, { model: "gpt-mini", token_type: "input" }, 90),
      token(customerId, 50_000, { token_type: "output" }, 110),
    ].map((e) => ({ ...e, eventName: meter.eventName }));
    await c.advance(clockId, hoursAfter(120));
    expect(await events.recordMany(tokens)).toMatchObject({ accepted: 7, rejected: [] });

    const expected = [
      ["LLM tokens (model: gpt-large, token_type: input)", "1200000", "12.00", ["model=gpt-large", "token_type=input"]],
      [
        "LLM tokens (model: gpt-large, token_type: output) — tier 1 (up to 1000000)",
        "1000000",
        "30.00",
        ["model=gpt-large", "token_type=output"],
      ],
      [
        "LLM tokens (model: gpt-large, token_type: output) — tier 2 (above 1000000)",
        "500000",
        "12.50",
        ["model=gpt-large", "token_type=output"],
      ],
      ["LLM tokens (model: gpt-small, token_type: input)", "3000000", "3.00", ["model=gpt-small", "token_type=input"]],
      ["LLM tokens (model: gpt-small, token_type: output)", "800000", "3.20", ["model=gpt-small", "token_type=output"]],
      ["LLM tokens", "300000", "0.60", []],
    ];
    const shown = (
      lines: Array<{
        kind: string;
        description: string;
        quantity: string;
        amount: { amount: string };
        meterSegmentConditions: Array<{ dimension: string; value: string }>;
      }>,
    ) =>
      lines
        .filter((l) => l.kind === "USAGE")
        .map((l) => [
          l.description,
          l.quantity,
          l.amount.amount,
          l.meterSegmentConditions.map((s) => `${s.dimension}=${s.value}`),
        ]);
    const preview = (await app.data(PREVIEW, { id: sub.id })).previewInvoice!;
    expect(shown(preview.lines)).toEqual(expected);
    expect(preview.total.amount).toBe("61.30");

    await c.advance(clockId, "2026-04-10T00:00:00.000Z");
    const invoices = (await app.data(INVOICES, { subscriptionId: sub.id })).invoices.edges.map((e) => e.node);
    const cycle = invoices.find((i) => i.billingReason === "SUBSCRIPTION_CYCLE")!;
    expect(shown(cycle.lines)).toEqual(expected);
    expect(cycle.total.amount).toBe("61.30");
  });

  it("refuses prices whose segments overlap, at creation and when an item is added", async () => {
    const { meter, prices } = await llmProduct();
    const customerId = (await c.customer()).id;
    const allLarge = await c.metered(
      meter.id,
      { unitAmount: "1" },
      { meterSegmentConditions: [cond("model", "gpt-large")] },
    );
    const overlap = await c.trySubscribe({
      customerId,
      items: [{ priceId: prices.largeInput.id }, { priceId: allLarge.id }],
    });
    expect(overlap).toMatchObject({ code: "PRICE_SEGMENTS_OVERLAP", field: ["input", "items", "1", "priceId"] });
    const secondRemainder = await c.metered(meter.id, { unitAmount: "1" });
    const twoRemainders = await c.trySubscribe({
      customerId,
      items: [{ priceId: prices.remainder.id }, { priceId: secondRemainder.id }],
    });
    expect(twoRemainders).toMatchObject({ code: "PRICE_SEGMENTS_OVERLAP" });
    const sub = await c.subscribe({ customerId, items: [{ priceId: prices.largeInput.id }] });
    const update = await app.gql(
      `mutation($input: UpdateSubscriptionInput!) { updateSubscription(input: $input) { __typename ... on Error { code } } }`,
      { input: { id: sub.id, items: [{ priceId: allLarge.id }] } },
    );
    expect(update.data.updateSubscription).toEqual({ __typename: "InvalidInputError", code: "PRICE_SEGMENTS_OVERLAP" });
  });

  it("refuses conditions on a dimension the meter lacks, and dimension keys that clash", async () => {
    const { meter } = await llmProduct();
    const bad = await c.tryPrice({
      productId: (await c.product("x")).id,
      currency: "usd",
      unitAmount: "1",
      recurring: { interval: "MONTH", usageType: "METERED", meterId: meter.id },
      meterSegmentConditions: [cond("region", "eu")],
    });
    expect(bad).toMatchObject({ code: "INVALID_INPUT", field: ["input", "meterSegmentConditions", "0", "dimension"] });
    const clash = await c.tryMeter({
      displayName: "x",
      eventName: `clash_${Date.now()}`,
      aggregation: "SUM",
      dimensionPayloadKeys: ["model", "value"],
    });
    expect(clash).toMatchObject({ code: "INVALID_INPUT", field: ["input", "dimensionPayloadKeys", "1"] });
  });
});

describe("summaries by dimension", () => {
  it("groups and filters, with MAX and LAST per group and a null group for events without the value", async () => {
    const { customerId } = await c.clockCustomer(LATER);
    const results: Record<string, unknown> = {};
    for (const aggregation of ["MAX", "LAST", "SUM"] as const) {
      const meter = await dimensionMeter(aggregation, ["region", "tier"]);
      const record = (value: number, payload: Record<string, string | number>, hours: number) =>
        ({
          eventName: meter.eventName,
          customerId,
          value: String(value),
          payload,
          timestamp: hoursAfter(hours),
        }) as EventInput;
      await events.recordMany([
        record(5, { region: "eu", tier: 1 }, 1),
        record(9, { region: "eu", tier: 2 }, 2),
        record(7, { region: "eu", tier: 1 }, 3),
        record(3, { region: "us", tier: 1 }, 1.5),
        record(4, { tier: 2 }, 2.5),
      ]);
      const read = async (vars: {
        groupBy?: string[];
        dimensionFilters?: Array<{ dimension: string; values: string[] }>;
      }) =>
        (
          await app.data(SUMMARIES, {
            meterId: meter.id,
            customerId,
            startTime: hoursAfter(-24),
            endTime: hoursAfter(24),
            ...vars,
          })
        ).meterEventSummaries.map((s) => [
          s.dimensions.map((d) => `${d.dimension}=${d.value}`).join(","),
          s.aggregatedValue,
        ]);
      results[aggregation] = {
        byRegion: await read({ groupBy: ["region"] }),
        byBoth: await read({
          groupBy: ["tier", "region"],
          dimensionFilters: [{ dimension: "region", values: ["eu", "us"] }],
        }),
        tier1: await read({ dimensionFilters: [{ dimension: "tier", values: ["1"] }] }),
      };
    }
    expect(results).toEqual({
      MAX: {
        byRegion: [
          ["region=eu", "9"],
          ["region=us", "3"],
          ["region=null", "4"],
        ],
        byBoth: [
          ["tier=1,region=eu", "7"],
          ["tier=1,region=us", "3"],
          ["tier=2,region=eu", "9"],
        ],
        tier1: [["", "7"]],
      },
      LAST: {
        byRegion: [
          ["region=eu", "7"],
          ["region=us", "3"],
          ["region=null", "4"],
        ],
        byBoth: [
          ["tier=1,region=eu", "7"],
          ["tier=1,region=us", "3"],
          ["tier=2,region=eu", "9"],
        ],
        tier1: [["", "7"]],
      },
      SUM: {
        byRegion: [
          ["region=eu", "21"],
          ["region=us", "3"],
          ["region=null", "4"],
        ],
        byBoth: [
          ["tier=1,region=eu", "12"],
          ["tier=1,region=us", "3"],
          ["tier=2,region=eu", "9"],
        ],
        tier1: [["", "15"]],
      },
    });
  });

  it("refuses an unknown dimension, and shows another tenant nothing", async () => {
    const meter = await dimensionMeter("SUM", ["model"]);
    const { customerId } = await c.clockCustomer(LATER);
    await events.record({
      eventName: meter.eventName,
      customerId,
      value: "2",
      payload: { model: "a" },
      timestamp: hoursAfter(1),
    });
    const vars = { meterId: meter.id, customerId, startTime: hoursAfter(-1), endTime: hoursAfter(2) };
    const unknown = await app.request(SUMMARIES, { ...vars, groupBy: ["region"] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: ["groupBy", "0"] });
    const mine = await app.data(SUMMARIES, { ...vars, groupBy: ["model"] });
    expect(mine.meterEventSummaries.map((s) => s.aggregatedValue)).toEqual(["2"]);
    const other = await app.createAccount("Other");
    const theirs = await app.request(SUMMARIES, { ...vars, groupBy: ["model"] }, other.testSecretKey);
    expect(theirs.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the monthly limit of combinations", () => {
  it("refuses, per event, the 1,001st combination of a customer's month, exactly under concurrent batches", async () => {
    const meter = await dimensionMeter("COUNT", ["session"]);
    const { customerId } = await c.clockCustomer(LATER);
    const batch = (from: number, count: number, hours = 1) =>
      Array.from({ length: count }, (_, i) => ({
        eventName: meter.eventName,
        customerId,
        payload: { session: `s${from + i}` },
        timestamp: hoursAfter(hours),
      }));
    const [a, b] = await Promise.all([events.recordMany(batch(0, 600)), events.recordMany(batch(600, 600))]);
    const rejected = [...(a.rejected ?? []), ...(b.rejected ?? [])];
    expect(rejected).toHaveLength(200);
    expect(new Set(rejected.map((r) => r.code))).toEqual(new Set(["DIMENSION_CARDINALITY_EXCEEDED"]));
    // A known combination is still accepted beside a refused new one; events without values too.
    const mixed = await events.recordMany([
      { eventName: meter.eventName, customerId, payload: { session: "new" }, timestamp: hoursAfter(2) },
      { eventName: meter.eventName, customerId, payload: { session: "s0" }, timestamp: hoursAfter(2) },
      { eventName: meter.eventName, customerId, timestamp: hoursAfter(2) },
    ]);
    expect(mixed).toMatchObject({ accepted: 2, rejected: [{ index: 0, code: "DIMENSION_CARDINALITY_EXCEEDED" }] });
    expect(await events.usage(meter.id, customerId, hoursAfter(-1), hoursAfter(3))).toBe("1002");
  });
});

describe("alerts filtered by dimension", () => {
  it("fires on one model's usage only", async () => {
    const meter = await dimensionMeter("SUM", ["model"]);
    const { customerId } = await c.clockCustomer(LATER);
    const created = (
      await app.data(CREATE_ALERT, {
        input: {
          title: "gpt-large spend",
          meterId: meter.id,
          threshold: "100",
          recurrence: "EVERY_PERIOD",
          filters: [cond("model", "gpt-large")],
        },
      })
    ).createUsageAlert;
    if (created.__typename !== "UsageAlert") throw new Error(JSON.stringify(created));
    expect(created.filters).toEqual([cond("model", "gpt-large")]);
    const record = (value: string, model: string) =>
      events.record({ eventName: meter.eventName, customerId, value, payload: { model }, timestamp: hoursAfter(1) });
    await record("500", "gpt-small");
    expect((await app.data(TRIGGERS, { alertId: created.id })).alertTriggers).toEqual([]);
    await record("60", "gpt-large");
    await record("40", "gpt-large");
    expect((await app.data(TRIGGERS, { alertId: created.id })).alertTriggers).toEqual([{ value: "100" }]);
  });
});
