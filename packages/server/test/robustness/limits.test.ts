// The GraphQL abuse limits (docs/api/limits.md): each refusal has its code and HTTP 400, comes
// before anything runs, and is fast; introspection and every operation of the SDK pass them.
import { readdirSync, readFileSync } from "node:fs";
import { getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, print, separateOperations } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type ServerConfig, serverConfigFromEnv } from "../../src/config.js";
import { MAX_PAGE_SIZE, operationCost } from "../../src/http/cost-limit.js";
import { createTallyYoga } from "../../src/http/yoga.js";
import { schema } from "../../src/schema/index.js";
import { MAX_WINDOWS } from "../../src/services/meter-events/summaries.js";
import { billing } from "../support/billing.js";
import { createTestApp, type TestApp } from "../support/app.js";

let app: TestApp;
let meterId: string;
let customerId: string;
beforeAll(async () => {
  app = await createTestApp();
  const b = billing(app);
  meterId = await b.meter("tokens");
  customerId = await b.customer({ name: "Limits" });
});
afterAll(() => app.close());

interface Answer {
  status: number;
  ms: number;
  body: { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** POSTs a document as a client would, timing the answer. */
async function post(
  query: string,
  variables?: Record<string, unknown>,
  key: string | null = app.account.testSecretKey,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = performance.now();
  const response = await app.fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer["body"];
  return { status: response.status, ms: performance.now() - started, body };
}

/** The same over a server with its own configuration (and the same database). */
async function ask(config: ServerConfig, query: string): Promise<Answer> {
  const yoga = createTallyYoga({ ...app.deps, config });
  const started = performance.now();
  const response = await yoga.fetch("http://tally.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.account.testSecretKey}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Answer["body"];
  return { status: response.status, ms: performance.now() - started, body };
}

function expectRefused(answer: Answer, code: string): void {
  expect(answer.status).toBe(400);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toContain(code);
}

const YEAR = { startTime: "2026-01-01T00:00:00Z", endTime: "2027-01-01T00:00:00Z" };
const summaries = (alias: string, window = "HOUR", range = YEAR) =>
  `${alias}: meterEventSummaries(meterId: "${meterId}", customerId: "${customerId}", startTime: "${range.startTime}", endTime: "${range.endTime}", groupingWindow: ${window}) { startTime aggregatedValue }`;

const customerCount = async () => (await post("{ customers(first: 100) { edges { node { id } } } }")).body.data!;

describe("introspection", () => {
  for (const [name, query] of [
    ["graphql's introspection query", getIntrospectionQuery()],
    [
      "GraphiQL's (descriptions, repeatable directives, deprecated input values…)",
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    ],
  ] as const) {
    it(`passes every limit: ${name}, with or without a key`, async () => {
      for (const key of [app.account.testSecretKey, null]) {
        const answer = await post(query, undefined, key);
        expect(answer.body.errors).toBeUndefined();
        expect(answer.status).toBe(200);
        expect((answer.body.data!.__schema as { types: unknown[] }).types.length).toBeGreaterThan(50);
      }
    });
  }

  it("is held to the depth limit all the same, and a refusal comes before authentication", async () => {
    const deep = `{ __type(name: "Query") { ${"ofType { ".repeat(DEFAULT_CONFIG.graphql.maxDepth)}name${" }".repeat(DEFAULT_CONFIG.graphql.maxDepth)} } }`;
    expectRefused(await post(deep, undefined, null), "QUERY_TOO_DEEP");
  });
});

/** A value of the variable's type, as large as a client may ask: page sizes at their cap. */
function sample(type: string, name: string): unknown {
  const named = type.replace(/[[\]!]/g, "");
  const value = (() => {
    if (/^(first|last|limit)$/.test(name)) return MAX_PAGE_SIZE;
    if (name === "startTime") return YEAR.startTime;
    if (name === "endTime") return new Date(Date.parse(YEAR.startTime) + MAX_WINDOWS * 3_600_000).toISOString();
    if (name === "groupingWindow") return "HOUR";
    if (named === "Int") return 1;
    if (named === "Boolean") return false;
    if (named === "DateTime") return "2026-01-01T00:00:00Z";
    if (named === "Decimal") return "1";
    if (named === "ID" || named === "String") return "x";
    return undefined;
  })();
  return type.startsWith("[") && value !== undefined ? [value] : value;
}

/** Whether the server answers a subscription with an event stream (the stream is then closed). */
async function startsStreaming(query: string, variables: Record<string, unknown>): Promise<boolean> {
  const controller = new AbortController();
  const response = await app.fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      authorization: `Bearer ${app.account.testSecretKey}`,
    },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const streaming =
    response.status === 200 && (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  controller.abort();
  return streaming;
}

describe("the SDK's operations", () => {
  const dir = new URL("../../../sdk/src/operations/", import.meta.url);
  const text = readdirSync(dir)
    .map((file) => readFileSync(new URL(file, dir), "utf8"))
    .join("\n");
  const operations = Object.entries(separateOperations(parse(text)));

  it("are all checked (one document per operation, with its fragments)", () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it("pass every limit with their largest pages and a year of hourly summaries", async () => {
    const refused: string[] = [];
    let costliest = 0;
    for (const [name, document] of operations) {
      const operation = document.definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION,
      ) as OperationDefinitionNode;
      const variables: Record<string, unknown> = {};
      for (const v of operation.variableDefinitions ?? []) {
        const type = text.slice(v.type.loc!.start, v.type.loc!.end);
        variables[v.variable.name.value] = sample(type, v.variable.name.value);
      }
      const cost = operationCost({ schema, document, operationName: name, variableValues: variables });
      costliest = Math.max(costliest, cost ?? 0);
      if (operation.operation === "subscription") {
        // A subscription that passes the limits starts streaming; one refused gets a JSON error.
        if (!(await startsStreaming(print(document), variables))) refused.push(`${name}: no stream`);
        continue;
      }
      const answer = await post(print(document), variables);
      const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
      if (codes.some((c) => /TOO_|QUERY_TOO/.test(String(c)))) refused.push(`${name}: ${codes.join(", ")}`);
    }
    expect(refused).toEqual([]);
    expect(costliest).toBeGreaterThan(MAX_WINDOWS);
    expect(costliest).toBeLessThanOrEqual(DEFAULT_CONFIG.graphql.maxCost);
  });
});

describe("refusals", () => {
  it("1000 aliases of a month of hourly summaries: refused before anything runs", async () => {
    const month = { startTime: "2026-01-01T00:00:00Z", endTime: "2026-01-31T00:00:00Z" };
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => summaries(`s${i}`, "HOUR", month)).join(" ")} }`;
    // At about 20 tokens an alias, the token limit refuses it first, while parsing.
    const answer = await post(query);
    expectRefused(answer, "TOO_MANY_TOKENS");
    console.info(`1000 aliased summaries (${query.length} bytes) refused in ${answer.ms.toFixed(1)} ms`);
    expect(answer.ms).toBeLessThan(1000);
    // With tokens unlimited, the alias limit refuses it after parsing, before anything runs.
    const graphql = { ...DEFAULT_CONFIG.graphql, maxTokens: 1_000_000 };
    const unlimited = await ask({ ...DEFAULT_CONFIG, graphql }, query);
    expectRefused(unlimited, "TOO_MANY_ALIASES");
    expect(unlimited.body.errors![0]!.message).toBe(
      `Aliases limit of ${DEFAULT_CONFIG.graphql.maxAliases} exceeded, found 1000.`,
    );
    console.info(`1000 aliases refused by the alias limit in ${unlimited.ms.toFixed(1)} ms`);
    expect(unlimited.ms).toBeLessThan(1000);
  });

  it("a mutation over the alias limit stores nothing", async () => {
    const before = await customerCount();
    const n = DEFAULT_CONFIG.graphql.maxAliases + 1;
    const mutation = `mutation { ${Array.from({ length: n }, (_, i) => `c${i}: createCustomer(input: { name: "x${i}" }) { __typename }`).join(" ")} }`;
    expectRefused(await post(mutation), "TOO_MANY_ALIASES");
    expect(await customerCount()).toEqual(before);
  });

  it("depth beyond the limit: QUERY_TOO_DEEP, fragments counted by the depth they reach", async () => {
    const depth = DEFAULT_CONFIG.graphql.maxDepth;
    const chain = (n: number) => `{ __type(name: "Query") { ${"ofType { ".repeat(n - 2)}name${" }".repeat(n - 2)} } }`;
    expect((await post(chain(depth))).status).toBe(200);
    const answer = await post(chain(depth + 1));
    expectRefused(answer, "QUERY_TOO_DEEP");
    expect(answer.body.errors![0]!.message).toBe(`Query depth limit of ${depth} exceeded, found ${depth + 1}.`);
    const viaFragments = `query { __type(name: "Query") { ...A } } fragment A on __Type { ofType { ...B } } fragment B on __Type { ${"ofType { ".repeat(depth)}name${" }".repeat(depth)} }`;
    expectRefused(await post(viaFragments), "QUERY_TOO_DEEP");
  });

  it("a document of too many tokens: TOO_MANY_TOKENS, refused while parsing", async () => {
    const fields = "__typename ".repeat(DEFAULT_CONFIG.graphql.maxTokens);
    const answer = await post(`{ ${fields} }`);
    expectRefused(answer, "TOO_MANY_TOKENS");
    expect(answer.body.errors![0]!.message).toBe(`Token limit of ${DEFAULT_CONFIG.graphql.maxTokens} exceeded.`);
    console.info(`${DEFAULT_CONFIG.graphql.maxTokens + 2}-token document refused in ${answer.ms.toFixed(1)} ms`);
    expect(answer.ms).toBeLessThan(1000);
  });

  it("the largest document of tokens accepted is answered quickly", async () => {
    const answer = await post(`{ ${"__typename ".repeat(DEFAULT_CONFIG.graphql.maxTokens - 2)} }`);
    expect(answer.status).toBe(200);
    console.info(
      `${DEFAULT_CONFIG.graphql.maxTokens}-token document of one repeated field answered in ${answer.ms.toFixed(1)} ms`,
    );
    expect(answer.ms).toBeLessThan(2000);
  });

  it("directives beyond the limit: TOO_MANY_DIRECTIVES", async () => {
    const n = DEFAULT_CONFIG.graphql.maxDirectives + 1;
    const answer = await post(`{ __typename ${"@skip(if: false) ".repeat(n)} }`);
    expectRefused(answer, "TOO_MANY_DIRECTIVES");
    expect(answer.body.errors![0]!.message).toBe(
      `Directives limit of ${DEFAULT_CONFIG.graphql.maxDirectives} exceeded, found ${n}.`,
    );
  });

  it("summary windows count: a year of hourly summaries passes, six of them do not", async () => {
    const one = await post(`{ ${summaries("s")} }`);
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.s).toHaveLength(8760);
    const six = await post(`{ ${Array.from({ length: 6 }, (_, i) => summaries(`s${i}`)).join(" ")} }`);
    expectRefused(six, "QUERY_TOO_COSTLY");
    expect(six.body.errors![0]!.message).toMatch(/^Query cost limit of 50000 exceeded, found 5\d{4}:/);
    // Daily windows over the same year are 24 times cheaper: six of them pass.
    const daily = await post(`{ ${Array.from({ length: 6 }, (_, i) => summaries(`s${i}`, "DAY")).join(" ")} }`);
    expect(daily.body.errors).toBeUndefined();
  });

  it("counts windows from variables too", async () => {
    const query = `query($start: DateTime!, $end: DateTime!) { ${Array.from(
      { length: 6 },
      (_, i) =>
        `s${i}: meterEventSummaries(meterId: "${meterId}", customerId: "${customerId}", startTime: $start, endTime: $end, groupingWindow: HOUR) { startTime }`,
    ).join(" ")} }`;
    expectRefused(await post(query, { start: YEAR.startTime, end: YEAR.endTime }), "QUERY_TOO_COSTLY");
    const week = await post(query, { start: YEAR.startTime, end: "2026-01-08T00:00:00Z" });
    expect(week.body.errors).toBeUndefined();
  });

  it("page sizes count: nested pages of 100 are refused in a mutation that stores nothing and leaves its key free", async () => {
    const before = await customerCount();
    const subscriptions = (alias: string) =>
      `${alias}: subscriptions(first: 100) { edges { node { items { price { tiers { upTo } } } } } }`;
    const mutation = `mutation { createCustomer(input: { name: "costly" }) { ... on Customer { ${["a", "b", "c", "d", "e"].map(subscriptions).join(" ")} } } }`;
    const answer = await post(mutation, undefined, app.account.testSecretKey, { "idempotency-key": "limits-cost-1" });
    expectRefused(answer, "QUERY_TOO_COSTLY");
    expect(await customerCount()).toEqual(before);
    // Refused before its idempotency key was claimed: the key is free for the request that passes.
    const cheap = `mutation { createCustomer(input: { name: "cheap" }) { __typename } }`;
    const accepted = await post(cheap, undefined, app.account.testSecretKey, { "idempotency-key": "limits-cost-1" });
    expect(accepted.body).toEqual({ data: { createCustomer: { __typename: "Customer" } } });
    // The same selection with pages of 10 costs a tenth.
    expect(
      operationCost({ schema, document: parse(mutation.replaceAll("first: 100", "first: 10")), variableValues: {} }),
    ).toBeLessThanOrEqual(DEFAULT_CONFIG.graphql.maxCost);
  });

  it("suggests no field names, with or without a key", async () => {
    for (const key of [app.account.testSecretKey, null]) {
      const answer = await post("{ customr { id } }", undefined, key);
      expect(answer.body.errors![0]!.message).toBe('Cannot query field "customr" on type "Query".');
    }
  });
});

describe("configuration", () => {
  it("reads every limit from the environment, refusing values that are not positive integers", () => {
    const config = serverConfigFromEnv({
      TALLY_MAX_DEPTH: "7",
      TALLY_MAX_ALIASES: "3",
      TALLY_MAX_TOKENS: "500",
      TALLY_MAX_DIRECTIVES: "4",
      TALLY_MAX_COST: "900",
    });
    expect(config.graphql).toEqual({ maxDepth: 7, maxAliases: 3, maxTokens: 500, maxDirectives: 4, maxCost: 900 });
    expect(serverConfigFromEnv({}).graphql).toEqual(DEFAULT_CONFIG.graphql);
    for (const bad of ["0", "-1", "1.5", "ten"]) {
      expect(() => serverConfigFromEnv({ TALLY_MAX_COST: bad })).toThrow(/TALLY_MAX_COST must be a positive integer/);
    }
  });

  it("applies the configured limits, to introspection too", async () => {
    const config = { ...DEFAULT_CONFIG, graphql: { ...DEFAULT_CONFIG.graphql, maxAliases: 2, maxCost: 100 } };
    const typeName = (alias: string) => `${alias}: __type(name: "Query") { name }`;
    expect((await ask(config, `{ ${typeName("a")} ${typeName("b")} }`)).status).toBe(200);
    expectRefused(await ask(config, `{ ${typeName("a")} ${typeName("b")} ${typeName("c")} }`), "TOO_MANY_ALIASES");
    expectRefused(await ask(config, `{ ${summaries("s", "DAY")} }`), "QUERY_TOO_COSTLY");
    expectRefused(await ask(config, getIntrospectionQuery()), "QUERY_TOO_COSTLY");
  });
});
