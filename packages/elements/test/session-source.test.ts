// The session source reads through the SDK's browser client: only what the session's scopes cover,
// the chart stacked by the meter's first dimension unless told otherwise, and a 401 read as an
// expired session (docs/elements.md#how-it-talks-to-tally).
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSessionSource, stackDimension } from "../src/data/session-source.js";

interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
  authorization: string | null;
  url: string;
}

const METER = { id: "mtr_1", eventName: "tokens", displayName: "Tokens", aggregation: "SUM" };
const MONEY = { amount: "0", currency: "usd" };

function answers(scopes: string[], dimensionPayloadKeys: string[]): Record<string, unknown> {
  return {
    ViewerCustomer: {
      viewer: {
        customer: { id: "cus_1", name: "Ada", email: null },
        session: { scopes, meterIds: [], expiresAt: "2026-12-08T00:00:00.000Z" },
      },
    },
    ViewerMeters: { viewer: { meters: [{ ...METER, dimensionPayloadKeys }] } },
    ViewerCreditBalance: { viewer: { creditBalance: [] } },
    ViewerPeriodUsage: {
      viewer: {
        periodUsage: {
          customerId: "cus_1",
          meterId: "mtr_1",
          periodStart: "2026-12-01T00:00:00.000Z",
          periodEnd: "2027-01-01T00:00:00.000Z",
          usage: "7",
          upcomingInvoiceTotal: MONEY,
        },
      },
    },
    ViewerUsage: {
      viewer: {
        usage: [
          {
            startTime: "2026-12-01T00:00:00.000Z",
            endTime: "2026-12-02T00:00:00.000Z",
            aggregatedValue: "3",
            dimensions: dimensionPayloadKeys.length ? [{ dimension: "model", value: "large" }] : [],
          },
          {
            startTime: "2026-12-01T00:00:00.000Z",
            endTime: "2026-12-02T00:00:00.000Z",
            aggregatedValue: "4",
            dimensions: dimensionPayloadKeys.length ? [{ dimension: "model", value: null }] : [],
          },
        ],
      },
    },
  };
}

/** A fetch answering each operation from `table`, or with `status` 401 for every request. */
function fakeTally(table: Record<string, unknown>, status = 200) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    sent.push({
      operationName: body.operationName,
      variables: body.variables,
      authorization: new Headers(init.headers).get("authorization"),
      url,
    });
    const payload =
      status === 401
        ? {
            errors: [
              { message: "This customer session has expired or was revoked", extensions: { code: "UNAUTHENTICATED" } },
            ],
          }
        : { data: table[body.operationName] };
    return new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json" } });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe("the session source", () => {
  it("reads through the SDK's browser client, within the session's scopes, stacked by the first dimension", async () => {
    const sent = fakeTally(answers(["USAGE_READ", "CREDITS_READ"], ["model", "region"]));
    const source = createSessionSource({ token: "cs_test_abc", baseUrl: "https://billing.example.com/" });
    const snapshot = await source.load({ meterId: null, window: "DAY" });
    expect(new Set(sent.map((s) => s.url))).toEqual(new Set(["https://billing.example.com/graphql"]));
    expect(new Set(sent.map((s) => s.authorization))).toEqual(new Set(["Bearer cs_test_abc"]));
    // No invoice scope: no invoice request.
    expect(sent.map((s) => s.operationName).sort()).toEqual([
      "ViewerCreditBalance",
      "ViewerCustomer",
      "ViewerMeters",
      "ViewerPeriodUsage",
      "ViewerUsage",
    ]);
    expect(sent.find((s) => s.operationName === "ViewerUsage")?.variables).toMatchObject({
      meterId: "mtr_1",
      groupingWindow: "DAY",
      groupBy: ["model"],
    });
    expect(snapshot.usage).toMatchObject({
      total: "7",
      groupBy: "model",
      buckets: [
        { aggregatedValue: "3", group: "large" },
        { aggregatedValue: "4", group: null },
      ],
    });
    expect(snapshot.upcomingInvoice).toBeNull();
    expect(snapshot.customerName).toBe("Ada");
  });

  it("stacks by the dimension asked for, or not at all with null", async () => {
    const meter = { ...METER, aggregation: "SUM" as const, dimensionPayloadKeys: ["model", "region"] };
    expect(stackDimension(meter, undefined)).toBe("model");
    expect(stackDimension(meter, "region")).toBe("region");
    expect(stackDimension(meter, "colour")).toBeNull();
    expect(stackDimension(meter, null)).toBeNull();
    expect(stackDimension({ ...meter, dimensionPayloadKeys: [] }, undefined)).toBeNull();
    const sent = fakeTally(answers(["USAGE_READ"], ["model"]));
    const snapshot = await createSessionSource({ token: "cs_test_abc" }).load({
      meterId: null,
      window: "HOUR",
      stackBy: null,
    });
    expect(sent.find((s) => s.operationName === "ViewerUsage")?.variables.groupBy).toBeUndefined();
    expect(snapshot.usage?.groupBy).toBeNull();
  });

  it("reads a 401 as an expired session, and a token that is not a session's as none", async () => {
    fakeTally({}, 401);
    await expect(
      createSessionSource({ token: "cs_test_abc" }).load({ meterId: null, window: "DAY" }),
    ).rejects.toMatchObject({ kind: "expired" });
    await expect(
      createSessionSource({ token: "sk_test_abc" }).load({ meterId: null, window: "DAY" }),
    ).rejects.toMatchObject({ kind: "missing-token" });
  });
});
