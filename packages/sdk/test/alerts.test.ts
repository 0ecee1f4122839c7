// alerts (usage alerts) against the real server: one that fires when usage crosses its threshold,
// archiving, and the error codes of each method.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyAuthenticationError, TallyInvalidInputError, TallyNotFoundError, type Tally } from "../src/index.js";
import { alpaca } from "./support/alpaca.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

describe("alerts", () => {
  it("fires once when a customer's usage crosses the threshold, and stops when archived", async () => {
    const { eventName, clock, meter, customer } = await alpaca(tally);
    const alert = await tally.alerts.create({
      title: "1000 tokens",
      meterId: meter.id,
      customerId: customer.id,
      threshold: "1000",
      recurrence: "ONE_TIME",
    });
    expect(alert).toMatchObject({
      title: "1000 tokens",
      meter: { id: meter.id, eventName },
      customer: { id: customer.id },
      threshold: "1000",
      recurrence: "ONE_TIME",
      status: "ACTIVE",
    });
    expect(alert.id).toMatch(/^alrt_/);
    expect(await tally.alerts.retrieve(alert.id)).toEqual(alert);
    expect((await tally.alerts.list({ meterId: meter.id })).data).toEqual([alert]);

    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-10T12:00:00Z" });
    await tally.meterEvents.create({ eventName, customerId: customer.id, value: "600" });
    expect(await tally.alerts.listTriggers({ alertId: alert.id })).toEqual([]);
    await tally.meterEvents.create({ eventName, customerId: customer.id, value: "600" });
    await tally.meterEvents.create({ eventName, customerId: customer.id, value: "600" });
    const triggers = await tally.alerts.listTriggers({ alertId: alert.id });
    expect(triggers).toEqual([
      {
        id: expect.stringMatching(/^atrg_/),
        alert: { id: alert.id, title: "1000 tokens" },
        customer: { id: customer.id },
        value: "1200",
        triggeredAt: "2026-01-10T12:00:00.000Z",
      },
    ]);
    expect(await tally.alerts.listTriggers({ customerId: customer.id })).toEqual(triggers);
    const [announced] = (await tally.events.list({ type: "billing.alert.triggered", limit: 1 })).data;
    expect(announced!.data).toMatchObject({
      id: triggers[0]!.id,
      alert: { id: alert.id },
      customerId: customer.id,
      value: "1200",
    });

    const archived = await tally.alerts.archive(alert.id);
    expect(archived).toEqual({ ...alert, status: "ARCHIVED" });
    expect((await tally.alerts.list({ meterId: meter.id, status: "ACTIVE" })).data).toEqual([]);
  });

  it("streamTriggers delivers each firing as it happens, until closed", async () => {
    const { eventName, clock, meter, customer } = await alpaca(tally);
    const stream = tally.alerts.streamTriggers();
    await stream.ready;
    const alert = await tally.alerts.create({
      title: "Streamed",
      meterId: meter.id,
      customerId: customer.id,
      threshold: "100",
      recurrence: "ONE_TIME",
    });
    await tally.testClocks.advance(clock.id, { frozenTime: "2026-01-10T12:00:00Z" });
    await tally.meterEvents.create({ eventName, customerId: customer.id, value: "150" });
    const received = [];
    for await (const trigger of stream) {
      received.push(trigger);
      break; // ends the subscription
    }
    expect(received).toEqual([
      {
        id: expect.stringMatching(/^atrg_/),
        alert: { id: alert.id, title: "Streamed" },
        customer: { id: customer.id },
        value: "150",
        triggeredAt: expect.any(String),
      },
    ]);
    expect(await tally.alerts.listTriggers({ alertId: alert.id })).toEqual(received);
  });

  it("streamTriggers with a wrong key fails as TallyAuthenticationError", async () => {
    const stream = server.client({ apiKey: "sk_test_wrong", maxNetworkRetries: 0 }).alerts.streamTriggers();
    await expect(stream.ready).rejects.toBeInstanceOf(TallyAuthenticationError);
    const iterated = async () => {
      for await (const _ of stream) expect.fail("no trigger expected");
    };
    await expect(iterated()).rejects.toBeInstanceOf(TallyAuthenticationError);
  });

  it("reports invalid input and unknown objects as typed errors", async () => {
    const { meter } = await alpaca(tally);
    const base = { title: "Tokens", meterId: meter.id, threshold: "10", recurrence: "EVERY_PERIOD" as const };
    for (const [input, field] of [
      [{ ...base, threshold: "0" }, ["input", "threshold"]],
      [{ ...base, title: " " }, ["input", "title"]],
    ] as const) {
      const error = await failure(tally.alerts.create(input));
      expect(error).toBeInstanceOf(TallyInvalidInputError);
      expect(error).toMatchObject({ code: "INVALID_INPUT", field });
    }
    for (const [input, field] of [
      [{ ...base, meterId: "mtr_missing" }, ["input", "meterId"]],
      [{ ...base, customerId: "cus_missing" }, ["input", "customerId"]],
    ] as const) {
      const error = await failure(tally.alerts.create(input));
      expect(error).toBeInstanceOf(TallyNotFoundError);
      expect(error).toMatchObject({ code: "NOT_FOUND", field });
    }
    expect(await failure(tally.alerts.archive("alrt_missing"))).toMatchObject({
      code: "NOT_FOUND",
      field: ["input", "id"],
    });
    await expect(tally.alerts.retrieve("alrt_missing")).rejects.toBeInstanceOf(TallyNotFoundError);
  });
});
