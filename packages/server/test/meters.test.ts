import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { graphql } from "./generated/gql.js";
import type {
  CreateMeterInput,
  MeterStatus,
  MetersDeactivateMutationVariables,
  MetersPageQuery,
} from "./generated/graphql.js";
import { catalog } from "./support/catalog.js";

const UPDATE = graphql(`
  mutation MetersUpdate($input: UpdateMeterInput!) {
    updateMeter(input: $input) {
      __typename
      ... on Meter {
        id
        displayName
        status
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation MetersDeactivate($input: MeterIdInput!) {
    deactivateMeter(input: $input) {
      __typename
      ... on Meter {
        id
        status
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const REACTIVATE = graphql(`
  mutation MetersReactivate($input: MeterIdInput!) {
    reactivateMeter(input: $input) {
      __typename
      ... on Meter {
        id
        status
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const READ = graphql(`
  query MetersRead($id: ID!) {
    meter(id: $id) {
      id
      eventName
    }
    node(id: $id) {
      ... on Meter {
        id
      }
    }
  }
`);

const PAGE = graphql(`
  query MetersPage($after: String, $status: MeterStatus) {
    meters(first: 2, after: $after, status: $status) {
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

const VISIBLE = graphql(`
  query MetersVisible($id: ID!) {
    meter(id: $id) {
      id
    }
    node(id: $id) {
      id
    }
    meters(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const STATE = graphql(`
  query MetersState($id: ID!) {
    meter(id: $id) {
      displayName
      status
    }
  }
`);

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

describe("meters", () => {
  it("creates a meter with the default payload keys and reads it back", async () => {
    const meter = await catalog(app).meter({
      displayName: "Alpaca AI tokens",
      eventName: "alpaca_ai_tokens",
      aggregation: "SUM",
    });
    expect(meter).toMatchObject({
      __typename: "Meter",
      displayName: "Alpaca AI tokens",
      eventName: "alpaca_ai_tokens",
      aggregation: "SUM",
      customerPayloadKey: "customer_id",
      valuePayloadKey: "value",
      status: "ACTIVE",
    });
    expect(meter.id).toMatch(/^mtr_/);
    const read = await app.data(READ, { id: meter.id });
    expect(read).toEqual({ meter: { id: meter.id, eventName: "alpaca_ai_tokens" }, node: { id: meter.id } });
  });

  it("keeps custom payload keys and every aggregation", async () => {
    for (const aggregation of ["SUM", "COUNT", "LAST", "MAX"] as const) {
      const meter = await catalog(app).meter({
        displayName: `Agg ${aggregation}`,
        eventName: `agg.${aggregation}:x-1`,
        aggregation,
        customerPayloadKey: "stripe_customer",
        valuePayloadKey: "tokens",
      });
      expect(meter).toMatchObject({ aggregation, customerPayloadKey: "stripe_customer", valuePayloadKey: "tokens" });
    }
  });

  it("rejects bad input with typed errors and stores nothing", async () => {
    const before = await app.database.prisma.meter.count();
    const base = { displayName: "Bad", eventName: "bad_event", aggregation: "SUM" } as const;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...base, displayName: "" }, ["input", "displayName"]],
      [{ ...base, displayName: "x".repeat(251) }, ["input", "displayName"]],
      [{ ...base, eventName: "" }, ["input", "eventName"]],
      [{ ...base, eventName: "has space" }, ["input", "eventName"]],
      [{ ...base, eventName: "é" }, ["input", "eventName"]],
      [{ ...base, eventName: "x".repeat(101) }, ["input", "eventName"]],
      [{ ...base, customerPayloadKey: "" }, ["input", "customerPayloadKey"]],
      [{ ...base, valuePayloadKey: "x".repeat(101) }, ["input", "valuePayloadKey"]],
      [{ ...base, customerPayloadKey: "k", valuePayloadKey: "k" }, ["input", "valuePayloadKey"]],
    ];
    for (const [input, field] of cases) {
      expect(await catalog(app).tryMeter(input as CreateMeterInput), JSON.stringify(input).slice(0, 80)).toMatchObject({
        __typename: "InvalidInputError",
        code: "INVALID_INPUT",
        field,
      });
    }
    expect(await app.database.prisma.meter.count()).toBe(before);
    expect(await catalog(app).tryMeter({ ...base, eventName: "x".repeat(100) })).toMatchObject({ __typename: "Meter" });
  });

  it("refuses a taken event name, active or not, with EVENT_NAME_TAKEN", async () => {
    const meter = await catalog(app).meter({ displayName: "Calls", eventName: "api_calls", aggregation: "COUNT" });
    expect(
      await catalog(app).tryMeter({ displayName: "Again", eventName: "api_calls", aggregation: "SUM" }),
    ).toMatchObject({
      __typename: "InvalidInputError",
      code: "EVENT_NAME_TAKEN",
      field: ["input", "eventName"],
    });
    await app.data(DEACTIVATE, { input: { id: meter.id } });
    expect(
      await catalog(app).tryMeter({ displayName: "Again", eventName: "api_calls", aggregation: "SUM" }),
    ).toMatchObject({
      code: "EVENT_NAME_TAKEN",
    });
    // Another mode and another account have their own names.
    expect(
      await catalog(app, app.account.liveSecretKey).tryMeter({
        displayName: "Live",
        eventName: "api_calls",
        aggregation: "SUM",
      }),
    ).toMatchObject({ __typename: "Meter" });
    const other = await app.createAccount();
    expect(
      await catalog(app, other.testSecretKey).tryMeter({
        displayName: "Other",
        eventName: "api_calls",
        aggregation: "SUM",
      }),
    ).toMatchObject({ __typename: "Meter" });
  });

  it("decides concurrent creates of one event name by the database: exactly one wins", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        catalog(app).tryMeter({ displayName: `Race ${i}`, eventName: "race_event", aggregation: "SUM" }),
      ),
    );
    expect(results.filter((r) => r.__typename === "Meter")).toHaveLength(1);
    expect(results.filter((r) => r.__typename !== "Meter" && r.code === "EVENT_NAME_TAKEN")).toHaveLength(9);
  });

  it("updates only the display name", async () => {
    const meter = await catalog(app).meter({ displayName: "Old", eventName: "rename_me", aggregation: "MAX" });
    const res = await app.data(UPDATE, { input: { id: meter.id, displayName: "  New name " } });
    expect(res.updateMeter).toEqual({
      __typename: "Meter",
      id: meter.id,
      displayName: "New name",
      status: "ACTIVE",
    });
    const bad = await app.data(UPDATE, { input: { id: meter.id, displayName: "" } });
    expect(bad.updateMeter).toMatchObject({ __typename: "InvalidInputError", field: ["input", "displayName"] });
    const missing = await app.data(UPDATE, { input: { id: "mtr_missing", displayName: "x" } });
    expect(missing.updateMeter).toMatchObject({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
  });

  it("deactivates and reactivates, idempotently", async () => {
    const meter = await catalog(app).meter({ displayName: "Toggle", eventName: "toggle", aggregation: "SUM" });
    for (const [mutation, status] of [
      [DEACTIVATE, "INACTIVE"],
      [DEACTIVATE, "INACTIVE"],
      [REACTIVATE, "ACTIVE"],
      [REACTIVATE, "ACTIVE"],
    ] as const) {
      // Both mutations take a MeterIdInput and answer one field, so the result is read as that field's value.
      const res = await app.data<object, MetersDeactivateMutationVariables>(mutation, { input: { id: meter.id } });
      expect(Object.values(res)[0]).toEqual({ __typename: "Meter", id: meter.id, status });
    }
    for (const mutation of [DEACTIVATE, REACTIVATE]) {
      const res = await app.data<object, MetersDeactivateMutationVariables>(mutation, { input: { id: "mtr_nope" } });
      expect(Object.values(res)[0]).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    }
  });

  it("pages through meters in a stable order and filters by status", async () => {
    const { liveSecretKey } = await app.createAccount("Pager");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await catalog(app, liveSecretKey).meter({ displayName: `M${i}`, eventName: `page_${i}`, aggregation: "SUM" }))
          .id,
      );
    await app.data(DEACTIVATE, { input: { id: ids[1]! } }, liveSecretKey);
    await app.data(DEACTIVATE, { input: { id: ids[3]! } }, liveSecretKey);
    const page = async (status: MeterStatus | null) => {
      const seen: string[] = [];
      let after: string | null | undefined = null;
      for (;;) {
        const { meters }: MetersPageQuery = await app.data(PAGE, { after, status }, liveSecretKey);
        seen.push(...meters.edges.map((e) => e.node.id));
        if (!meters.pageInfo.hasNextPage) return seen;
        after = meters.pageInfo.endCursor;
      }
    };
    expect(await page(null)).toEqual([...ids].sort());
    expect(await page("INACTIVE")).toEqual([ids[1], ids[3]].sort());
    expect(await page("ACTIVE")).toEqual([ids[0], ids[2], ids[4]].sort());
  });

  it("is invisible and immutable to another account and to the other mode", async () => {
    const meter = await catalog(app).meter({ displayName: "Private", eventName: "private_meter", aggregation: "SUM" });
    const other = await app.createAccount();
    for (const key of [other.testSecretKey, app.account.liveSecretKey]) {
      const read = await app.data(VISIBLE, { id: meter.id }, key);
      expect(read.meter).toBeNull();
      expect(read.node).toBeNull();
      expect(read.meters.edges.map((e) => e.node.id)).not.toContain(meter.id);
      const update = await app.data(UPDATE, { input: { id: meter.id, displayName: "Hijacked" } }, key);
      expect(update.updateMeter).toMatchObject({ code: "NOT_FOUND" });
      const deactivate = await app.data(DEACTIVATE, { input: { id: meter.id } }, key);
      expect(deactivate.deactivateMeter).toMatchObject({ code: "NOT_FOUND" });
    }
    const read = await app.data(STATE, { id: meter.id });
    expect(read.meter).toEqual({ displayName: "Private", status: "ACTIVE" });
  });
});
