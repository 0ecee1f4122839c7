// Every mutation of the schema, enumerated from it (a new one is fuzzed without a change here), is
// sent hostile input: strings with NUL, unpaired surrogates, huge or exotic unicode; decimals out of
// range or not numbers; impossible dates; mixed with valid values and the IDs of real objects so
// calls get past lookups. Whatever the answer, it is never INTERNAL_SERVER_ERROR, and a refused
// call stores nothing (every table's row count unchanged).
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../src/schema/index.js";
import { ADMIN_KEY, createTestApp, type TestApp } from "../support/app.js";
import { billing } from "../support/billing.js";
import { rowCounts } from "../support/row-counts.js";

const RUNS_PER_MUTATION = 12;
const SEED = 18;

let app: TestApp;
/** IDs of one object of each kind, so that hostile values elsewhere reach the rules behind lookups. */
let ids: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const b = billing(app);
  // No customer is on a test clock: advancing the clock to year 9999 must stay cheap.
  const clock = await b.clock(new Date().toISOString());
  const meter = await b.meter("fuzz_tokens");
  const licensed = await b.licensed("10");
  const metered = await b.metered(meter, { unitAmount: "0.04" });
  const customer = await b.customer();
  const subscription = await b.subscribe({
    customerId: customer,
    items: [{ priceId: licensed }, { priceId: metered }],
  });
  await b.record({ eventName: "fuzz_tokens", customerId: customer, value: "5", identifier: "fuzz-event" });
  const gql = async (query: string) => (await app.gql(query)).data;
  const alert = await gql(
    `mutation { createUsageAlert(input: { title: "a", meterId: "${meter}", threshold: "10", recurrence: ONE_TIME }) { ... on UsageAlert { id } } }`,
  );
  const endpoint = await gql(
    `mutation { createWebhookEndpoint(input: { url: "https://example.com/hook", enabledEvents: ["*"] }) { ... on WebhookEndpointWithSecret { endpoint { id } } } }`,
  );
  const grant = await gql(
    `mutation { createCreditGrant(input: { customerId: "${customer}", amount: { amount: "10", currency: "usd" }, category: PAID, scope: { allMeteredPrices: true } }) { ... on CreditGrant { id } } }`,
  );
  const productId = (await app.database.prisma.price.findFirstOrThrow({ where: { id: licensed } })).productId;
  ids = [
    clock,
    meter,
    licensed,
    metered,
    customer,
    subscription.id,
    productId,
    alert.createUsageAlert.id,
    endpoint.createWebhookEndpoint.endpoint?.id,
    grant.createCreditGrant.id,
  ].filter((id): id is string => typeof id === "string");
  expect(ids.length).toBeGreaterThanOrEqual(10);
});
afterAll(() => app?.close());

const hostileString = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\uDBFF\u0000", "", " ", "fuzz_tokens", "usd", "*"),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(10_000, 100_000).map((n) => "é".repeat(n)),
  fc.constant(null).map(() => "https://example.com/\u0000"),
);
/** Mostly a valid value, so that most calls get past coercion to the rules behind it. */
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });
// Chained, so that the IDs are read once the fixtures exist.
const anId = fc.constant(null).chain(() => fc.constantFrom(...ids));
const idValue = mostly(
  anId,
  fc.oneof(
    anId.map((id) => `${id}\u0000`),
    hostileString,
  ),
);
const decimalText = fc.constantFrom(
  "1e400",
  "1e9999999999999999999",
  "-0",
  "NaN",
  "Infinity",
  "1".repeat(40),
  "1e22",
  "12abc",
  "0.04",
  "10",
  "-5",
  "0.0000000000001",
  "1e-400",
  "9999999999999999999.999999999999",
);
const dateText = fc.constantFrom(
  "2026-02-30T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "10000-01-01T00:00:00Z",
  "2026-01-01T25:00:00Z",
  "1969-12-31T23:59:59Z",
  "9999-12-31T23:59:59Z",
  new Date().toISOString(),
  new Date(Date.now() - 86_400_000).toISOString(),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.constantFrom(1e300, -0, 0.1),
    fc.boolean(),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
  ),
})).value;

function arbitraryFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryFor(type.ofType);
  if (isListType(type)) return fc.array(arbitraryFor(type.ofType), { minLength: 1, maxLength: 3 });
  if (isEnumType(type)) return mostly(fc.constantFrom(...type.getValues().map((v) => v.name)), hostileString);
  if (isInputObjectType(type)) {
    // An optional field is left out two times in three, so that inputs with many optional fields
    // still get past coercion often enough to reach the rules behind it.
    const fields = Object.values(type.getFields());
    const optional = (arbitrary: fc.Arbitrary<unknown>) =>
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary, weight: 1 });
    return fc.record(
      Object.fromEntries(
        fields.map((f) => [f.name, isNonNullType(f.type) ? arbitraryFor(f.type) : optional(arbitraryFor(f.type))]),
      ),
    );
  }
  switch (getNamedType(type).name) {
    case "ID":
      return idValue;
    case "String":
      return hostileString;
    case "Int":
      return mostly(fc.constantFrom(1, 3, 50), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31), 1e300));
    case "Float":
      return fc.constantFrom(0, -0, 1.5, 1e300);
    case "Boolean":
      return fc.boolean();
    case "Decimal":
      return mostly(fc.constantFrom("0.04", "10", "1"), fc.oneof(decimalText, fc.constantFrom(1e300, 0.1 + 0.2, 12)));
    case "EventValue":
      return fc.oneof(decimalText, json);
    case "DateTime":
      return mostly(dateText, hostileString);
    case "JSONObject":
      return fc.oneof(fc.dictionary(hostileString, json, { maxKeys: 4 }), json);
    default:
      throw new Error(`The fuzzer has no values for the scalar ${getNamedType(type).name}: add them`);
  }
}

/** The selection of a mutation's result: the Error interface's fields, and a batch's accepted count. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const result = getNamedType(field.type);
  const members = isUnionType(result) ? result.getTypes() : isObjectType(result) ? [result] : [];
  const parts = members.map((member) => {
    const fields = member.getFields();
    if (member.getInterfaces().some((i) => i.name === "Error")) return `... on ${member.name} { code message field }`;
    if (fields.accepted) return `... on ${member.name} { accepted }`;
    return "";
  });
  return `{ __typename ${parts.join(" ")} }`;
}

const mutations = Object.values(schema.getMutationType()!.getFields());

describe("fuzzing every mutation", () => {
  it("the schema has mutations to fuzz, each taking one input object", () => {
    expect(mutations.length).toBeGreaterThanOrEqual(24);
    for (const m of mutations) expect(m.args.map((a) => a.name)).toEqual(["input"]);
  });

  it.each(mutations.map((m) => [m.name, m] as const))(
    "%s: never a 500, nothing stored when refused",
    async (name, field) => {
      const arg = field.args[0]!;
      const query = `mutation($input: ${arg.type.toString()}) { ${name}(input: $input) ${selectionOf(field)} }`;
      const operator = (field.extensions as { pothosOptions?: { authScopes?: { operator?: boolean } } }).pothosOptions
        ?.authScopes?.operator;
      const key = operator ? ADMIN_KEY : app.account.testSecretKey;
      let counts = await rowCounts(app.database);
      let resolved = 0;
      await fc.assert(
        fc.asyncProperty(arbitraryFor(arg.type), async (input) => {
          // app.gql fails the run on any INTERNAL_SERVER_ERROR, with the logged cause.
          const res = await app.gql(query, { input }, key);
          const result = res.data?.[name];
          if (result) resolved++;
          const refused = res.errors !== undefined || result?.code !== undefined || result?.accepted === 0;
          const before = counts;
          counts = await rowCounts(app.database);
          if (refused) expect(counts).toEqual(before);
          expect(res.status).toBeLessThan(500);
        }),
        { seed: SEED, numRuns: RUNS_PER_MUTATION, endOnFailure: true },
      );
      // The fuzzer must reach the resolvers, not only GraphQL's coercion.
      expect(resolved).toBeGreaterThan(0);
    },
  );
});
