// The ingest path caches what never changes (API keys, a meter's identity, a customer's test
// clock) and nothing that does: a meter's status and a test clock's time are always current.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { graphql } from "./generated/gql.js";

const RECORD = graphql(`
  mutation IngestCachesRecord($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
      ... on MeterEvent {
        identifier
        timestamp
        meter {
          id
          displayName
          status
        }
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

const RECORD_MANY = graphql(`
  mutation IngestCachesRecordMany($input: RecordMeterEventsInput!) {
    recordMeterEvents(input: $input) {
      __typename
      ... on RecordMeterEventsSummary {
        accepted
        duplicates
        rejected {
          index
          code
          message
        }
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation IngestCachesDeactivateMeter($id: ID!) {
    deactivateMeter(input: { id: $id }) {
      __typename
    }
  }
`);

const REACTIVATE = graphql(`
  mutation IngestCachesReactivateMeter($id: ID!) {
    reactivateMeter(input: { id: $id }) {
      __typename
    }
  }
`);

const RENAME = graphql(`
  mutation IngestCachesRenameMeter($input: UpdateMeterInput!) {
    updateMeter(input: $input) {
      __typename
    }
  }
`);

let app: TestApp;
beforeAll(async () => void (app = await createTestApp()));
afterAll(() => app.close());

describe("ingest caches", () => {
  it("respects a meter deactivated, reactivated and renamed after it was used", async () => {
    const meter = await catalog(app).meter({ displayName: "Tokens", eventName: "cached_tokens", aggregation: "SUM" });
    const customer = await catalog(app).customer({ name: "Wall clock" });
    const event = (identifier: string) => ({
      eventName: "cached_tokens",
      customerId: customer.id,
      value: "2",
      identifier,
    });
    const record = async (identifier: string) =>
      (await app.data(RECORD, { input: event(identifier) })).recordMeterEvent;
    const recordMany = async (...identifiers: string[]) =>
      (await app.data(RECORD_MANY, { input: { events: identifiers.map(event) } })).recordMeterEvents;

    expect(await record("a")).toMatchObject({
      __typename: "MeterEvent",
      meter: { displayName: "Tokens", status: "ACTIVE" },
    });
    expect(await recordMany("b", "c")).toEqual({
      __typename: "RecordMeterEventsSummary",
      accepted: 2,
      duplicates: 0,
      rejected: [],
    });

    await app.data(DEACTIVATE, { id: meter.id });
    expect(await record("d")).toEqual({
      __typename: "MeterEventError",
      code: "METER_INACTIVE",
      message: "The meter for cached_tokens is inactive",
      field: ["input", "eventName"],
    });
    expect(await recordMany("e", "f")).toEqual({
      __typename: "RecordMeterEventsSummary",
      accepted: 0,
      duplicates: 0,
      rejected: [0, 1].map((index) => ({
        index,
        code: "METER_INACTIVE",
        message: "The meter for cached_tokens is inactive",
      })),
    });

    await app.data(REACTIVATE, { id: meter.id });
    const renamed = await app.request(RENAME, { input: { id: meter.id, displayName: "Tokens (renamed)" } });
    expect(renamed.errors).toBeUndefined();
    expect(await record("g")).toMatchObject({
      __typename: "MeterEvent",
      meter: { displayName: "Tokens (renamed)", status: "ACTIVE" },
    });
    expect(await recordMany("h", "a")).toMatchObject({ accepted: 1, duplicates: 1, rejected: [] });
    expect(await app.database.prisma.meterEvent.count({ where: { meterId: meter.id } })).toBe(5);
  });

  it("reads a test clock's time afresh after the clock advanced", async () => {
    await catalog(app).meter({ displayName: "Calls", eventName: "cached_calls", aggregation: "COUNT" });
    const clock = await catalog(app).clock("2026-01-01T00:00:00Z");
    const customer = await catalog(app).customer({ name: "On a clock", testClockId: clock.id });
    const record = async () =>
      (await app.data(RECORD, { input: { eventName: "cached_calls", customerId: customer.id } })).recordMeterEvent;

    expect(await record()).toMatchObject({ timestamp: "2026-01-01T00:00:00.000Z" });
    await catalog(app).advance(clock.id, "2026-01-03T05:00:00Z");
    expect(await record()).toMatchObject({ timestamp: "2026-01-03T05:00:00.000Z" });
  });
});
