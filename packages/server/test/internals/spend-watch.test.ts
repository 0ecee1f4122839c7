// The spend watch (services/spend-caps/watch.ts) keeps watched customers' billing subscriptions
// between requests and checks them in the ingest transaction by their stamp (invoices/kept-billables.ts):
// a request whose customer's subscriptions did not change loads none, and any change to them — here
// made in SQL, past every cache invalidation — is priced by the very next request. A capped
// customer's auto-recharge is pre-checked from the cap's previews (credit-purchases/auto-recharge.ts).
import { toDecimal } from "@tally/billing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordMeterEvent } from "../../src/services/meter-events/record.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing } from "../support/billing.js";
import { countingDatabase } from "../support/counting-database.js";
import { spendCredits } from "../support/spend-credits.js";
import { tenantOf } from "./support/tenant.js";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("the spend watch", () => {
  it("loads a capped customer's subscriptions once, and again when anything they are loaded with changed", async () => {
    const b = billing(app);
    const eventName = `watch_units_${Math.random().toString(36).slice(2, 8)}`;
    const meter = await b.meter(eventName);
    const price = await b.metered(meter, { unitAmount: "1" });
    const customerId = await b.customer({});
    const { id: subscription } = await b.subscribe({
      customerId,
      items: [{ priceId: price }],
      spendCap: { amount: "10", behavior: "BLOCK_EVENTS" },
    });
    const counting = countingDatabase(app.database);
    const tenant = tenantOf(app, { database: counting.database });
    const record = async () => {
      counting.reset();
      try {
        await recordMeterEvent(tenant, app.clock, { eventName, customerId, value: toDecimal("1") });
        return "stored";
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const loads = () => counting.texts().filter((text) => text.includes(`FROM "public"."Subscription"`)).length;

    expect(await record()).toBe("stored");
    expect(await record()).toBe("stored");
    expect(loads()).toBe(0);
    // The cap lowered behind the caches' back: 2.00 spent, the next 1.00 would make 3.00.
    await app.database.sql.$executeRaw`UPDATE "Subscription" SET "spendCapAmount" = 2.5 WHERE "id" = ${subscription}`;
    expect(await record()).toBe("SPEND_CAP_EXCEEDED");
    expect(loads()).toBe(1);
    // The price's row changed (0.10 a unit): 0.20 spent, 0.30 with the next.
    await app.database.sql.$executeRaw`UPDATE "Price" SET "unitAmount" = 0.1 WHERE "id" = ${price}`;
    expect(await record()).toBe("stored");
    expect(loads()).toBe(1);
    expect(await record()).toBe("stored");
    expect(loads()).toBe(0);
    await counting.close();
  });

  it("opens a capped customer's locked recharge decision only when its balance may be at or below the threshold", async () => {
    const b = billing(app);
    const credits = spendCredits(app);
    const eventName = `watch_recharge_${Math.random().toString(36).slice(2, 8)}`;
    const meter = await b.meter(eventName);
    const price = await b.metered(meter, { unitAmount: "1" });
    const customerId = await b.customer({});
    await b.subscribe({
      customerId,
      items: [{ priceId: price }],
      spendCap: { amount: "100000", behavior: "BLOCK_EVENTS" },
    });
    await credits.purchase(customerId, "100");
    await credits.trySetAutoRecharge(customerId, {
      currency: "usd",
      thresholdAmount: "50",
      rechargeToAmount: "100",
      monthlyLimit: 10,
    });
    const counting = countingDatabase(app.database);
    const tenant = tenantOf(app, { database: counting.database });
    const record = async (value: string) => {
      counting.reset();
      await recordMeterEvent(tenant, app.clock, { eventName, customerId, value: toDecimal(value) });
      return counting
        .texts()
        .filter((text) => text.includes(`FROM "CreditAutoRecharge"`) && text.includes("FOR UPDATE")).length;
    };
    const recharged = async () => (await credits.purchases(customerId)).filter((p) => p.autoRecharge).length;

    // 99 available, above 50: decided without the locked transaction.
    expect(await record("1")).toBe(0);
    expect(await recharged()).toBe(0);
    // 50 available, at the threshold: the locked decision recharges to 100.
    expect(await record("49")).toBe(1);
    expect(await recharged()).toBe(1);
    expect((await credits.balance(customerId))!.availableAfterHolds).toBe("100.00");
    expect(await record("1")).toBe(0);
    expect(await recharged()).toBe(1);
    await counting.close();
  });
});
