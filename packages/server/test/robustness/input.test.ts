// Input that cannot be stored is refused as input (docs/api/input.md): text with NUL or unpaired
// surrogates, impossible dates, decimals beyond the columns, too many tiers; a batch refuses only
// its bad events; and the largest accepted price at the largest usage still closes its period.
import { fitsColumn, invoiceArithmeticBounds } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing, summary, type Billing } from "../support/billing.js";
import { rowCounts } from "../support/row-counts.js";

const ERROR = "... on Error { code message field }";
const NUL = "\u0000";
const LONE_HIGH = "\uD83D";
const LONE_LOW = "\uDE00";

let app: TestApp;
let b: Billing;

beforeAll(async () => {
  app = await createTestApp();
  b = billing(app);
});
afterAll(() => app?.close());

/** Runs a mutation and returns its result, checking that it stored nothing. */
async function refused(name: string, inputType: string, input: Record<string, unknown>) {
  const before = await rowCounts(app.database);
  const res = await app.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { __typename ${ERROR} } }`, {
    input,
  });
  expect(await rowCounts(app.database)).toEqual(before);
  return res;
}

describe("text the database cannot store", () => {
  it.each([
    ["a NUL in a name", { name: `John${NUL}Doe` }, ["input", "name"]],
    ["an unpaired high surrogate", { name: `x${LONE_HIGH}y` }, ["input", "name"]],
    ["an unpaired low surrogate at the start", { email: `${LONE_LOW}a@example.com` }, ["input", "email"]],
    [
      "a NUL in a nested metadata value",
      { metadata: { plan: { tier: [`a${NUL}`] } } },
      ["input", "metadata", "plan", "tier", "0"],
    ],
    ["a NUL in a metadata key", { metadata: { [`k${NUL}`]: "v" } }, ["input", "metadata", `k${NUL}`]],
  ])("%s → INVALID_INPUT with the field path, nothing stored", async (_case, input, field) => {
    const res = await refused("createCustomer", "CreateCustomerInput", input);
    expect(res.data.createCustomer).toMatchObject({ __typename: "InvalidInputError", code: "INVALID_INPUT", field });
  });

  it("accepts paired surrogates (emoji) and other unicode", async () => {
    const res = await app.gql(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ... on Customer { name metadata } } }`,
      { input: { name: "😀 Zoë 中文 \u200b", metadata: { "🔑": "✓" } } },
    );
    expect(res.data.createCustomer).toEqual({ name: "😀 Zoë 中文 \u200b", metadata: { "🔑": "✓" } });
  });

  it.each([
    ["createProduct", "CreateProductInput", { name: "P", description: `d${NUL}` }, ["input", "description"]],
    [
      "createMeter",
      "CreateMeterInput",
      { displayName: "M", eventName: `e${NUL}`, aggregation: "SUM" },
      ["input", "eventName"],
    ],
    [
      "createWebhookEndpoint",
      "CreateWebhookEndpointInput",
      { url: `https://example.com/${NUL}`, enabledEvents: ["*"] },
      ["input", "url"],
    ],
    [
      "createTestClock",
      "CreateTestClockInput",
      { frozenTime: "2026-01-01T00:00:00Z", name: `c${LONE_HIGH}` },
      ["input", "name"],
    ],
    ["cancelMeterEvent", "CancelMeterEventInput", { eventName: "e", identifier: `i${NUL}` }, ["input", "identifier"]],
    [
      "recordMeterEvent",
      "RecordMeterEventInput",
      { eventName: "e", identifier: `i${NUL}`, value: "1" },
      ["input", "identifier"],
    ],
  ])("%s: a result-union member", async (name, inputType, input, field) => {
    const res = await refused(name, inputType, input);
    expect(res.data[name]).toMatchObject({ __typename: "InvalidInputError", code: "INVALID_INPUT", field });
  });

  it("a mutation whose union has no InvalidInputError, and a query: a top-level INVALID_INPUT with the path", async () => {
    const mutation = await refused("archiveUsageAlert", "UsageAlertIdInput", { id: `alrt_${NUL}` });
    expect(mutation.errors).toEqual([
      expect.objectContaining({ extensions: { code: "INVALID_INPUT", field: ["input", "id"] } }),
    ]);
    const query = await app.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id: `cus_${NUL}` });
    expect(query.errors).toEqual([expect.objectContaining({ extensions: { code: "INVALID_INPUT", field: ["id"] } })]);
  });
});

describe("a batch refuses only its bad events", () => {
  const RECORD_MANY = `mutation($input: RecordMeterEventsInput!) {
    recordMeterEvents(input: $input) { ... on RecordMeterEventsSummary { accepted duplicates rejected { index code message } } }
  }`;
  let customer: string;
  beforeAll(async () => {
    const clock = await b.clock("2026-01-15T00:00:00Z");
    await b.meter("batch_tokens");
    customer = await b.customer({ testClockId: clock });
  });
  const event = (i: number, extra: Record<string, unknown> = {}) => ({
    eventName: "batch_tokens",
    customerId: customer,
    value: "1",
    identifier: `batch-${i}`,
    ...extra,
  });

  it("4 good and 3 bad events: the 4 are stored, each bad one is refused with its code", async () => {
    const events = [
      event(0),
      event(1, { identifier: `batch-${NUL}` }),
      event(2, { value: 12.5 }),
      event(3, { payload: { [`k${LONE_HIGH}`]: 1 } }),
      event(4, { value: "7" }),
      event(5, { value: "12abc" }),
      event(6),
    ];
    const res = await app.gql(RECORD_MANY, { input: { events } });
    expect(res.data.recordMeterEvents).toEqual({
      accepted: 4,
      duplicates: 0,
      rejected: [
        { index: 1, code: "INVALID_INPUT", message: expect.stringContaining("NUL") },
        { index: 3, code: "INVALID_INPUT", message: expect.stringContaining("surrogates") },
        { index: 5, code: "INVALID_VALUE", message: 'value must be a decimal number, got "12abc"' },
      ],
    });
    const stored = await app.database.prisma.meterEvent.findMany({
      where: { customerId: customer },
      orderBy: { identifier: "asc" },
    });
    expect(stored.map((e) => [e.identifier, e.value.toFixed()])).toEqual([
      ["batch-0", "1"],
      ["batch-2", "12.5"],
      ["batch-4", "7"],
      ["batch-6", "1"],
    ]);
  });

  it.each([
    ["1e400", "value must be less than 1e20 in absolute value"],
    ["1e9999999999999999999", "value must be less than 1e20 in absolute value"],
    [1e300, "value must be less than 1e20 in absolute value"],
    [0.1 + 0.2, "value has more than 15 significant digits"],
    ["1".repeat(40), "value has more than 15 significant digits"],
    ["NaN", 'value must be a decimal number, got "NaN"'],
    [true, "value must be a decimal number, as a string or a JSON number"],
    [{ amount: 1 }, "value must be a decimal number, as a string or a JSON number"],
    [[1], "value must be a decimal number, as a string or a JSON number"],
  ])("a value of %j is that event's INVALID_VALUE", async (value, message) => {
    const res = await app.gql(RECORD_MANY, {
      input: {
        events: [event(100, { value, identifier: "bad" }), event(101, { identifier: `ok-${JSON.stringify(value)}` })],
      },
    });
    expect(res.data.recordMeterEvents).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 0, code: "INVALID_VALUE", message }],
    });
  });

  it("a value written inline as a literal is checked the same way", async () => {
    const res = await app.gql(
      `mutation($c: ID!) { recordMeterEvents(input: { events: [
        { eventName: "batch_tokens", customerId: $c, value: "2", identifier: "literal-1" },
        { eventName: "batch_tokens", customerId: $c, value: 3, identifier: "literal-2" },
        { eventName: "batch_tokens", customerId: $c, value: true, identifier: "literal-3" },
        { eventName: "batch_tokens", customerId: $c, value: { x: 1 }, identifier: "literal-4" }
      ] }) { ... on RecordMeterEventsSummary { accepted rejected { index code } } } }`,
      { c: customer },
    );
    expect(res.data.recordMeterEvents).toEqual({
      accepted: 2,
      rejected: [
        { index: 2, code: "INVALID_VALUE" },
        { index: 3, code: "INVALID_VALUE" },
      ],
    });
  });
});

describe("dates", () => {
  const createClock = (frozenTime: string) =>
    app.gql(
      `mutation($t: DateTime!) { createTestClock(input: { frozenTime: $t }) { ... on TestClock { frozenTime } } }`,
      {
        t: frozenTime,
      },
    );

  it.each([
    ["2026-02-30T00:00:00Z", "is not a calendar date"],
    ["2026-04-31T00:00:00Z", "is not a calendar date"],
    ["2027-02-29T00:00:00Z", "is not a calendar date"],
    ["2026-13-01T00:00:00Z", "is not a calendar date"],
    ["2026-01-32T00:00:00Z", "is not a calendar date"],
    ["2026-01-01T25:00:00Z", "is not a time of day"],
    ["2026-01-01T23:60:00Z", "is not a time of day"],
    ["2026-01-01T23:59:60Z", "is not a time of day"],
    ["2026-01-01T00:00:00+24:00", "is not a time of day"],
    ["0000-01-01T00:00:00Z", "must be in the years 1970–9999"],
    ["1969-12-31T23:59:59Z", "must be in the years 1970–9999"],
    ["1970-01-01T00:30:00+01:00", "must be in the years 1970–9999"],
    ["9999-12-31T23:59:59-01:00", "must be in the years 1970–9999"],
    ["10000-01-01T00:00:00Z", "must be an ISO-8601 string"],
    ["2026-01-01", "must be an ISO-8601 string"],
  ])("%s is refused: %s", async (frozenTime, reason) => {
    const before = await rowCounts(app.database);
    const res = await createClock(frozenTime);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining(reason), extensions: { code: "INVALID_INPUT" } }),
    ]);
    expect(await rowCounts(app.database)).toEqual(before);
  });

  it.each([
    ["2028-02-29T00:00:00Z", "2028-02-29T00:00:00.000Z"],
    ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999Z"],
    ["2026-03-01T00:30:00+01:00", "2026-02-28T23:30:00.000Z"],
    ["2026-01-01T12:00-05:30", "2026-01-01T17:30:00.000Z"],
  ])("%s is %s", async (frozenTime, stored) => {
    expect((await createClock(frozenTime)).data.createTestClock.frozenTime).toBe(stored);
  });
});

describe("decimals bounded by the columns", () => {
  const price = (input: Record<string, unknown>) => ({
    productId: "",
    currency: "usd",
    recurring: { interval: "MONTH", usageType: "LICENSED" },
    ...input,
  });
  let productId: string;
  beforeAll(async () => {
    productId = await b.product("Bounds");
  });

  it.each([
    ["1e400", ["input", "unitAmount"]],
    ["1".repeat(40), ["input", "unitAmount"]],
    ["1e22", ["input", "unitAmount"]],
    ["10000000000000000000", ["input", "unitAmount"]],
    ["0.0000000000001", ["input", "unitAmount"]],
  ])("unitAmount %s → INVALID_INPUT", async (unitAmount, field) => {
    const res = await refused("createPrice", "CreatePriceInput", { ...price({ unitAmount }), productId });
    expect(res.data.createPrice).toMatchObject({ code: "INVALID_INPUT", field });
  });

  it.each(["1e9999999999999999999", "NaN", "Infinity", "-0x10", ""])(
    "Decimal %j is not a Decimal",
    async (unitAmount) => {
      const res = await refused("createPrice", "CreatePriceInput", { ...price({ unitAmount }), productId });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
    },
  );

  it("a tier upTo of 1e400, and 251 or 10,000 tiers, are refused", async () => {
    const tiered = (tiers: unknown[]) => ({
      ...price({ billingScheme: "TIERED", tiersMode: "GRADUATED", tiers }),
      productId,
    });
    const upTo = await refused(
      "createPrice",
      "CreatePriceInput",
      tiered([{ upTo: "1e400", unitAmount: "1" }, { unitAmount: "1" }]),
    );
    expect(upTo.data.createPrice).toMatchObject({ code: "INVALID_INPUT", field: ["input", "tiers", "0", "upTo"] });
    for (const count of [251, 10_000]) {
      const tiers = Array.from({ length: count }, (_, i) =>
        i === count - 1 ? { unitAmount: "1" } : { upTo: String(i + 1), unitAmount: "1" },
      );
      const res = await refused("createPrice", "CreatePriceInput", tiered(tiers));
      expect(res.data.createPrice).toMatchObject({
        code: "INVALID_INPUT",
        field: ["input", "tiers"],
        message: expect.stringContaining(`at most 250 entries (got ${count})`),
      });
    }
  });

  it("the columns that hold quantities and invoice amounts fit the largest that accepted input can produce", async () => {
    const columns = await app.database.prisma.$queryRawUnsafe<
      Array<{ table_name: string; column_name: string; numeric_precision: number; numeric_scale: number }>
    >(
      `SELECT table_name, column_name, numeric_precision, numeric_scale FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type = 'numeric'`,
    );
    const digits = (table: string, column: string) => {
      const c = columns.find((x) => x.table_name === table && x.column_name === column)!;
      return [Number(c.numeric_precision) - Number(c.numeric_scale), Number(c.numeric_scale)] as const;
    };
    const { quantity, lineAmount, invoiceAmount } = invoiceArithmeticBounds();
    for (const [table, column] of [
      ["InvoiceLine", "quantity"],
      ["MeterUsageHour", "sum"],
      ["MeterUsageDay", "sum"],
      ["MeterUsageMinute", "sum"],
      ["MeterUsageBlock", "sum"],
      ["UsageAlertProgress", "sum"],
      ["AlertTrigger", "value"],
    ] as const)
      expect(fitsColumn(quantity, ...digits(table, column)), `${table}.${column}`).toBe(true);
    expect(fitsColumn(lineAmount, ...digits("InvoiceLine", "amount"))).toBe(true);
    for (const column of ["subtotal", "creditsApplied", "total", "amountDue"])
      expect(fitsColumn(invoiceAmount, ...digits("Invoice", column)), `Invoice.${column}`).toBe(true);
    expect(fitsColumn(lineAmount.times(10), ...digits("InvoiceLine", "amount"))).toBe(true);
  });

  it("the largest accepted unit amount at a huge usage closes its period and stores the exact invoice", async () => {
    const clock = await b.clock("2026-01-01T00:00:00Z");
    const meter = await b.meter("huge_usage");
    const unitAmount = "9999999999999999999.999999999999";
    const priceId = await b.metered(meter, { unitAmount });
    const customer = await b.customer({ testClockId: clock });
    await b.subscribe({ customerId: customer, items: [{ priceId }] });
    const value = "99999999999999900000"; // 15 significant digits, just below 1e20
    const events = Array.from({ length: 1000 }, (_, i) => ({
      eventName: "huge_usage",
      customerId: customer,
      value,
      identifier: `huge-${i}`,
    }));
    const batch = await app.gql(
      `mutation($input: RecordMeterEventsInput!) { recordMeterEvents(input: $input) { ... on RecordMeterEventsSummary { accepted rejected { index } } } }`,
      { input: { events } },
    );
    expect(batch.data.recordMeterEvents).toEqual({ accepted: 1000, rejected: [] });
    await b.advance(clock, "2026-02-01T00:00:00Z");
    const [invoice] = (await b.invoices({ customerId: customer })).filter(
      (i) => i.billingReason === "SUBSCRIPTION_CYCLE",
    );
    // 1000 × 99999999999999900000 = 99999999999999900000000 tokens; × 9999999999999999999.999999999999
    // = 999999999999998999999999999999900000000000.0001, 42 integer digits: beyond numeric(38, 12).
    const expected = "999999999999998999999999999999900000000000.00";
    expect(summary(invoice!)).toEqual({
      total: expected,
      lines: [`USAGE - 99999999999999900000000 × ${unitAmount} = ${expected}`],
    });
  });
});
