// Session isolation (docs/concepts/customer-sessions.md#what-a-session-can-read), over every root
// field of the schema (the list is read from the schema itself, so a new field is covered as soon
// as it exists): a customer session reads its own customer only — nothing of another customer of
// the account, of another account, or of the other mode — and every root field but viewer and
// viewerUsageUpdated, every mutation and introspection answer FORBIDDEN.
import { type GraphQLField, type GraphQLObjectType, getNamedType, isLeafType, isNonNullType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../src/schema/index.js";
import { graphql } from "./generated/gql.js";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { meterEvents } from "./support/meter-events.js";
import { eventStream, sessions } from "./support/sessions.js";

const CREATE_ALERT = graphql(`
  mutation IsolationCreateAlert($input: CreateUsageAlertInput!) {
    createUsageAlert(input: $input) {
      __typename
      ... on UsageAlert {
        id
      }
    }
  }
`);

/** Everything a session may read, every Viewer field selected (checked against the schema below). */
const VIEWER_ALL = `query IsolationViewerAll($meterId: ID!, $subscriptionId: ID, $start: DateTime!, $end: DateTime!) {
  viewer {
    customer { id name email }
    session { scopes meterIds expiresAt }
    meters { id eventName displayName }
    usage(meterId: $meterId, startTime: $start, endTime: $end, groupingWindow: DAY) { startTime aggregatedValue }
    periodUsage(meterId: $meterId) { customerId meterId usage upcomingInvoiceTotal { amount } }
    upcomingInvoice(subscriptionId: $subscriptionId) {
      currency total { amount } subscription { id status items { id price { id } } }
      lines { description amount { amount } price { id product { id name } } }
    }
    invoices(first: 100) { edges { node { id number total { amount } subscription { id } lines { description } } } }
    creditBalance { currency available projectedAvailable }
    alerts { id title meter { id } threshold }
  }
}`;

interface Tenant {
  customerId: string;
  name: string;
  meterId: string;
  subscriptionId: string;
  value: string;
}

let app: TestApp;
let a: Tenant;
/** Customer B (same account and mode), C (another account), D (the same account's live mode). */
let others: Tenant[];
let token: string;

/** A customer with a subscription (metered and licensed: it has a first invoice), events, a grant and an alert. */
async function seed(key: string, name: string, value: string, meterId?: string): Promise<Tenant> {
  const c = catalog(app, key);
  const meter = meterId ?? (await c.freshMeter()).id;
  const eventName = (await app.database.prisma.meter.findFirstOrThrow({ where: { id: meter } })).eventName;
  const customer = await c.customer({ name, email: `${name.toLowerCase()}@example.com` });
  const metered = await c.metered(meter, { unitAmount: "1" });
  const licensed = await c.licensed("10");
  const subscription = await c.subscribe({
    customerId: customer.id,
    items: [{ priceId: metered.id }, { priceId: licensed.id, quantity: 1 }],
  });
  await meterEvents(app, key).record({ eventName, customerId: customer.id, value });
  await c.grant(customer.id, "5");
  const alert = await app.data(
    CREATE_ALERT,
    {
      input: {
        title: `${name} alert`,
        meterId: meter,
        threshold: "1000",
        customerId: customer.id,
        recurrence: "EVERY_PERIOD",
      },
    },
    key,
  );
  expect(alert.createUsageAlert.__typename).toBe("UsageAlert");
  return { customerId: customer.id, name, meterId: meter, subscriptionId: subscription.id, value };
}

beforeAll(async () => {
  app = await createTestApp();
  const other = await app.createAccount();
  a = await seed(app.account.testSecretKey, "Alice", "7");
  const b = await seed(app.account.testSecretKey, "Bob", "111", a.meterId);
  const c = await seed(other.testSecretKey, "Carol", "222");
  const d = await seed(app.account.liveSecretKey, "Dave", "333");
  others = [b, c, d];
  token = await sessions(app).token(a.customerId);
}, 120_000);
afterAll(() => app.close());

/** The ids and values of B, C and D that must never appear in what A's session reads. */
async function foreignMarks(): Promise<string[]> {
  const ids = others.flatMap((t) => [t.customerId, t.subscriptionId, t.name, `${t.name.toLowerCase()}@example.com`]);
  const rows = await app.database.prisma.invoice.findMany({
    where: { customerId: { in: others.map((t) => t.customerId) } },
    select: { id: true },
  });
  const alerts = await app.database.prisma.usageAlert.findMany({
    where: { customerId: { in: others.map((t) => t.customerId) } },
    select: { id: true },
  });
  return [...ids, ...rows.map((r) => r.id), ...alerts.map((r) => r.id), "111", "222", "333"];
}

/** 40 days up to the test clock's next whole minute: the seeded events are in it. */
function range() {
  const minute = Math.floor(app.clock.now().getTime() / 60_000) * 60_000;
  return { start: new Date(minute - 40 * 86_400_000).toISOString(), end: new Date(minute + 60_000).toISOString() };
}

describe("a customer session", () => {
  it("selects every Viewer field in this test's query (new fields must be added here)", () => {
    const viewer = schema.getType("Viewer") as GraphQLObjectType;
    for (const name of Object.keys(viewer.getFields())) expect(VIEWER_ALL).toMatch(new RegExp(`\\n    ${name}[ ({]`));
  });

  it("reads its own customer's data through every viewer field, and nothing of B, C or D", async () => {
    const res = await app.gql(VIEWER_ALL, { meterId: a.meterId, ...range() }, token);
    expect(res.errors).toBeUndefined();
    const viewer = res.data.viewer;
    expect(viewer.customer).toEqual({ id: a.customerId, name: "Alice", email: "alice@example.com" });
    expect(viewer.periodUsage).toMatchObject({ customerId: a.customerId, usage: "7" });
    expect(viewer.usage.map((w: { aggregatedValue: string }) => w.aggregatedValue)).toContain("7");
    expect(viewer.upcomingInvoice.subscription.id).toBe(a.subscriptionId);
    expect(viewer.invoices.edges.length).toBeGreaterThan(0);
    expect(viewer.creditBalance).toMatchObject([{ currency: "usd", available: "5.00" }]);
    expect(viewer.alerts.map((alert: { title: string }) => alert.title)).toEqual(["Alice alert"]);
    const text = JSON.stringify(res.data);
    for (const mark of await foreignMarks()) expect(text).not.toContain(mark);
  });

  it("gets nothing when it names another tenant's or customer's objects", async () => {
    for (const other of others) {
      const res = await app.gql(
        VIEWER_ALL,
        { meterId: other.meterId, subscriptionId: other.subscriptionId, ...range() },
        token,
      );
      const text = JSON.stringify(res.data ?? null);
      for (const mark of await foreignMarks()) expect(text).not.toContain(mark);
      expect(res.data?.viewer?.upcomingInvoice ?? null).toBeNull();
      if (other.meterId !== a.meterId) {
        expect(res.errors?.find((e) => e.path?.join(".") === "viewer.usage")?.extensions?.code).toMatch(/NOT_FOUND$/);
      }
    }
  });

  const roots = [
    ["query", schema.getQueryType()!],
    ["mutation", schema.getMutationType()!],
    ["subscription", schema.getSubscriptionType()!],
  ] as const;
  const SESSION_FIELDS = new Set(["viewer", "viewerUsageUpdated"]);

  /** An operation selecting just `field`, its required arguments as variables left unset. */
  function operationOf(kind: string, field: GraphQLField<unknown, unknown>): string {
    const required = field.args.filter((arg) => isNonNullType(arg.type));
    const variables = required.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
    const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
    const type = getNamedType(field.type);
    const selection = isLeafType(type) ? "" : " { __typename }";
    return `${kind}${variables ? ` (${variables})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
  }

  for (const [kind, root] of roots) {
    const fields = Object.values(root.getFields()).filter((field) => !SESSION_FIELDS.has(field.name));
    it(`is refused every ${kind} field but viewer's with FORBIDDEN (${fields.length} fields)`, async () => {
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        const operation = operationOf(kind, field);
        if (kind === "subscription") {
          const stream = await eventStream(app.fetch, operation, {}, token);
          const message = await stream.next(5_000);
          await stream.close();
          expect([field.name, message?.errors?.[0]?.extensions?.code]).toEqual([field.name, "FORBIDDEN"]);
          expect(message?.data ?? null).toBeNull();
        } else {
          const res = await app.gql(operation, {}, token);
          expect([field.name, res.status, res.errors?.[0]?.extensions?.code]).toEqual([field.name, 403, "FORBIDDEN"]);
          expect(res.data ?? null).toBeNull();
        }
      }
    });
  }

  it("is refused introspection beyond __typename", async () => {
    for (const query of ["{ __schema { queryType { name } } }", '{ __type(name: "Customer") { name } }']) {
      const res = await app.gql(query, {}, token);
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await app.gql("{ __typename viewer { __typename } }", {}, token)).data).toEqual({
      __typename: "Query",
      viewer: { __typename: "Viewer" },
    });
  });

  it("streams only its own usage", async () => {
    const stream = await eventStream(
      app.fetch,
      "subscription($meterId: ID!) { viewerUsageUpdated(meterId: $meterId) { customerId usage } }",
      { meterId: a.meterId },
      token,
    );
    try {
      expect((await stream.next(5_000))?.data?.viewerUsageUpdated).toEqual({ customerId: a.customerId, usage: "7" });
    } finally {
      await stream.close();
    }
    for (const other of others.filter((t) => t.meterId !== a.meterId)) {
      const foreign = await eventStream(
        app.fetch,
        "subscription($meterId: ID!) { viewerUsageUpdated(meterId: $meterId) { customerId usage } }",
        { meterId: other.meterId },
        token,
      );
      const message = await foreign.next(5_000);
      await foreign.close();
      expect(message?.errors?.[0]?.extensions?.code).toBe("METER_NOT_FOUND");
    }
  });
});
