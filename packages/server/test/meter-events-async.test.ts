// recordMeterEventsAsync on a server without the streamed ingest (docs/concepts/meter-events.md#streamed-ingest):
// the events are stored at once, as recordMeterEvents stores them, and streamSequence is null; a
// read's `after` then has nothing to wait for. The streamed ingest itself is tested in test/stream/.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { at, HOUR, meterEvents, T0 } from "./support/meter-events.js";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

it("stores the events at once without the streamed ingest", async () => {
  const c = catalog(app);
  const meter = await c.freshMeter("SUM");
  const { customerId } = await c.clockCustomer(T0);
  const res = await app.gql(
    `mutation ($input: RecordMeterEventsInput!) { recordMeterEventsAsync(input: $input) {
      ... on RecordMeterEventsAsyncSummary { accepted duplicates rejected { index code } streamSequence } } }`,
    {
      input: {
        events: [
          { eventName: meter.eventName, customerId, value: "2", identifier: "x-1", timestamp: at(-HOUR) },
          { eventName: meter.eventName, customerId, value: "2", identifier: "x-1", timestamp: at(-HOUR) },
          { eventName: meter.eventName, customerId, value: "nope", timestamp: at(-HOUR) },
        ],
      },
    },
  );
  expect(res.data.recordMeterEventsAsync).toEqual({
    accepted: 1,
    duplicates: 1,
    rejected: [{ index: 2, code: "INVALID_VALUE" }],
    streamSequence: null,
  });
  expect(await meterEvents(app).usage(meter.id, customerId)).toBe("2");
  const fenced = await app.gql(
    `query ($m: ID!, $c: ID!) { meterEventSummaries(meterId: $m, customerId: $c, startTime: "${at(-2 * HOUR)}", endTime: "${at(HOUR)}", after: "99999") { aggregatedValue } }`,
    { m: meter.id, c: customerId },
  );
  expect(fenced.data.meterEventSummaries[0].aggregatedValue).toBe("2");
});
