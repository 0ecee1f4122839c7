// Meter events through the API for tests: record one or many, cancel, and read a meter's usage
// (meterEventSummaries), one typed GraphQL request each with the caller's key; and the stored row
// counts a refused call must leave unchanged. Times are relative to T0, the instant test-clock
// customers start at (catalog.clockCustomer(T0)).
import { graphql } from "../generated/gql.js";
import type { RecordMeterEventInput } from "../generated/graphql.js";
import type { TestApp } from "./app.js";

export const T0 = "2026-01-15T12:00:00.000Z";
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (offsetMs: number, from = T0) => new Date(Date.parse(from) + offsetMs).toISOString();

/** Every member's fields of a result union, so a test reads `code` or `existingEvent` as toMatchObject does. */
type KeysOf<T> = T extends T ? keyof T : never;
export type AnyMember<T> = { [K in KeysOf<T>]: T extends Record<K, infer V> ? V : never };

graphql(`
  fragment TestMeterEvent on MeterEvent {
    identifier
    eventName
    value
    timestamp
    payload
    createdAt
    canceledAt
    customer {
      id
    }
  }
`);

const RECORD = graphql(`
  mutation TestRecordMeterEvent($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
      ...TestMeterEvent
      ... on MeterEventError {
        existingEvent {
          ...TestMeterEvent
        }
      }
      ...CatalogError
    }
  }
`);

const RECORD_MANY = graphql(`
  mutation TestRecordMeterEvents($input: RecordMeterEventsInput!) {
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
      ...CatalogError
    }
  }
`);

const CANCEL = graphql(`
  mutation TestCancelMeterEvent($input: CancelMeterEventInput!) {
    cancelMeterEvent(input: $input) {
      __typename
      ...TestMeterEvent
      ...CatalogError
    }
  }
`);

export const SUMMARIES = graphql(`
  query TestMeterEventSummaries(
    $meterId: ID!
    $customerId: ID!
    $startTime: DateTime!
    $endTime: DateTime!
    $groupingWindow: UsageWindow
  ) {
    meterEventSummaries(
      meterId: $meterId
      customerId: $customerId
      startTime: $startTime
      endTime: $endTime
      groupingWindow: $groupingWindow
    ) {
      startTime
      endTime
      aggregatedValue
    }
  }
`);

/** An event as a test writes it: any JSON the API may refuse, not only a valid input. */
export type EventInput = Partial<Record<keyof RecordMeterEventInput, unknown>> & Record<string, unknown>;

export function meterEvents(app: TestApp, key?: string) {
  return {
    async record(input: EventInput) {
      const data = await app.data(RECORD, { input: input as RecordMeterEventInput }, key);
      return data.recordMeterEvent as AnyMember<typeof data.recordMeterEvent>;
    },
    async recordMany(events: EventInput[]) {
      const data = await app.data(RECORD_MANY, { input: { events: events as RecordMeterEventInput[] } }, key);
      return data.recordMeterEvents as AnyMember<typeof data.recordMeterEvents>;
    },
    async cancel(eventName: string, identifier: string) {
      const data = await app.data(CANCEL, { input: { eventName, identifier } }, key);
      return data.cancelMeterEvent as AnyMember<typeof data.cancelMeterEvent>;
    },
    /** How many raw events and hour rollups are stored, for every tenant: a refused call changes neither. */
    async storedRows() {
      return {
        events: await app.database.prisma.meterEvent.count(),
        hours: await app.database.prisma.meterUsageHour.count(),
      };
    },
    /** The meter's aggregation over a customer's events in [start, end) (default: 40 days around T0). */
    async usage(meterId: string, customerId: string, start = at(-40 * DAY), end = at(DAY)): Promise<string> {
      const data = await app.data(SUMMARIES, { meterId, customerId, startTime: start, endTime: end }, key);
      return data.meterEventSummaries[0]!.aggregatedValue;
    },
  };
}
