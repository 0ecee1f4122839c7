// The preview (services/invoices/preview.ts) reuses the billing subscriptions kept by
// services/invoices/kept-billables.ts, checked by their stamp (invoices/billing-stamp.ts): a second
// preview loads nothing but the stamp, and a change to a price, a discount, a tax rate or the
// subscription — here made in SQL, past every cache invalidation — is in the very next preview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBillable } from "../../src/services/invoices/billable.js";
import { billingStamps } from "../../src/services/invoices/billing-stamp.js";
import { previewInvoice } from "../../src/services/invoices/preview.js";
import { createTestApp, type TestApp } from "../support/app.js";
import { billing } from "../support/billing.js";
import { countingDatabase } from "../support/counting-database.js";
import { scopeOf, tenantOf } from "./support/tenant.js";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("the preview's kept billing subscriptions", () => {
  it("loads a subscription once, checks it by its stamp alone, and sees any change made in SQL", async () => {
    const b = billing(app);
    const price = await b.licensed("10");
    const customerId = await b.customer({});
    const { id: subscription } = await b.subscribe({ customerId, items: [{ priceId: price }] });
    const counting = countingDatabase(app.database);
    const tenant = tenantOf(app, { database: counting.database });
    const { accountId, mode } = scopeOf(app);
    const sql = app.database.sql;
    // The ORM's statements (the raw usage and credit reads and the stamp are not): a load of the subscription.
    const loads = () => counting.texts().filter((text) => text.includes(`"public"."`)).length;
    const stamps = () => counting.texts().filter((text) => text.includes("md5(concat_ws(")).length;
    const preview = async () => {
      counting.reset();
      const started = performance.now();
      const result = await previewInvoice(tenant, subscription);
      return { draft: result?.draft ?? null, ms: performance.now() - started };
    };

    const first = await preview();
    expect(first.draft?.total.toString()).toBe("10");
    expect(loads()).toBeGreaterThan(0);
    const second = await preview();
    expect(second.draft?.total.toString()).toBe("10");
    expect(loads()).toBe(0);
    expect(stamps()).toBe(1);
    // Printed, not asserted (docs/operations/caches.md): what a kept preview saves, median of 15.
    const median = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      return times.sort((x, y) => x - y)[7]!.toFixed(1);
    };
    const plain = tenantOf(app);
    console.log(
      `preview: first ${first.ms.toFixed(1)} ms, kept ${second.ms.toFixed(1)} ms; median loadBillable ${await median(
        () => loadBillable(plain.prisma, plain.scope, subscription),
      )} ms, stamp ${await median(() => billingStamps(plain.sql, plain.scope, [customerId]))} ms, kept preview ${await median(
        () => previewInvoice(plain, subscription),
      )} ms`,
    );

    // The price's row: 12.00 a unit.
    await sql.$executeRaw`UPDATE "Price" SET "unitAmount" = 12 WHERE "id" = ${price}`;
    expect((await preview()).draft?.total.toString()).toBe("12");
    expect(loads()).toBeGreaterThan(0);
    expect((await preview()).draft?.total.toString()).toBe("12");
    expect(loads()).toBe(0);

    // The subscription's item: 2 units.
    await sql.$executeRaw`UPDATE "SubscriptionItem" SET "quantity" = 2 WHERE "subscriptionId" = ${subscription}`;
    expect((await preview()).draft?.total.toString()).toBe("24");

    // A 25 % discount on the subscription, then its coupon changed to 50 %.
    const now = new Date();
    await sql.$executeRaw`INSERT INTO "Coupon" ("id", "accountId", "mode", "percentOff", "duration", "appliesToProductIds", "createdAt")
      VALUES ('coupon_kept', ${accountId}, ${mode}::"Mode", 25, 'FOREVER', '{}', ${now})`;
    await sql.$executeRaw`INSERT INTO "Discount" ("id", "accountId", "mode", "couponId", "subscriptionId", "start", "createdAt")
      VALUES ('di_kept', ${accountId}, ${mode}::"Mode", 'coupon_kept', ${subscription}, ${new Date(0)}, ${now})`;
    expect((await preview()).draft?.total.toString()).toBe("18");
    await sql.$executeRaw`UPDATE "Coupon" SET "percentOff" = 50 WHERE "id" = 'coupon_kept'`;
    expect((await preview()).draft?.total.toString()).toBe("12");

    // A 10 % exclusive tax rate as the subscription's default, then raised to 20 %.
    await sql.$executeRaw`INSERT INTO "TaxRate" ("id", "accountId", "mode", "displayName", "percentage", "inclusive", "createdAt")
      VALUES ('txr_kept', ${accountId}, ${mode}::"Mode", 'VAT', 10, false, ${now})`;
    await sql.$executeRaw`INSERT INTO "SubscriptionTaxRate" ("accountId", "mode", "subscriptionId", "taxRateId")
      VALUES (${accountId}, ${mode}::"Mode", ${subscription}, 'txr_kept')`;
    expect((await preview()).draft?.total.toString()).toBe("13.2");
    await sql.$executeRaw`UPDATE "TaxRate" SET "percentage" = 20 WHERE "id" = 'txr_kept'`;
    expect((await preview()).draft?.total.toString()).toBe("14.4");

    // Canceled: no next invoice.
    await sql.$executeRaw`UPDATE "Subscription" SET "status" = 'CANCELED' WHERE "id" = ${subscription}`;
    expect((await preview()).draft).toBeNull();
    await counting.close();
  });

  it("keeps each tenant's own: another account's preview of the subscription finds nothing", async () => {
    const b = billing(app);
    const price = await b.licensed("10");
    const customerId = await b.customer({});
    const { id: subscription } = await b.subscribe({ customerId, items: [{ priceId: price }] });
    expect((await previewInvoice(tenantOf(app), subscription))?.draft.total.toString()).toBe("10");
    expect(await previewInvoice(tenantOf(app, { mode: "live" }), subscription)).toBeNull();
    expect(await previewInvoice(tenantOf(app, { accountId: "acct_other" }), subscription)).toBeNull();
  });
});
