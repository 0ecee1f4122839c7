// coupons, promotionCodes and taxRates against the real server: a promotion code redeemed on a
// subscription with a tax rate, the discount and tax on its preview, and the error codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TallyInvalidInputError, type Tally } from "../src/index.js";
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

describe("coupons, promotion codes and tax rates (docs/concepts/discounts.md)", () => {
  it("a 10 % promotion code and 20 % VAT on the Alpaca subscription's preview", async () => {
    const { subscription } = await alpaca(tally);
    const coupon = await tally.coupons.create({ percentOff: "10", duration: "FOREVER", name: "Ten" });
    expect(coupon).toMatchObject({ percentOff: "10", duration: "FOREVER", timesRedeemed: 0, valid: true });
    const text = `TEN${Date.now().toString(36)}`.toUpperCase();
    const code = await tally.promotionCodes.create({ couponId: coupon.id, code: text, maxRedemptions: 1 });
    expect(code).toMatchObject({ code: text, coupon: { id: coupon.id }, active: true, timesRedeemed: 0 });
    const vat = await tally.taxRates.create({ displayName: "VAT", percentage: "20", inclusive: false });

    const updated = await tally.subscriptions.update(subscription.id, {
      discounts: [{ promotionCode: code.id }],
      defaultTaxRates: [vat.id],
    });
    expect(updated.discounts.map((d) => d.coupon.id)).toEqual([coupon.id]);
    expect(updated.defaultTaxRates.map((r) => r.id)).toEqual([vat.id]);

    // Next invoice: the 100.00 licence less 10.00, then 20 % of 90.00; no usage yet.
    const preview = await tally.invoices.preview({ subscriptionId: subscription.id });
    expect(preview).toMatchObject({
      subtotal: { amount: "100.00" },
      totalDiscountAmount: { amount: "10.00" },
      tax: { amount: "18.00" },
      totalExcludingTax: { amount: "90.00" },
      total: { amount: "108.00" },
    });
    const licence = preview.lines.find((line) => line.kind === "LICENSE")!;
    expect(licence.taxAmounts).toEqual([
      {
        amount: { amount: "18.00", currency: "usd" },
        taxRate: { id: vat.id, displayName: "VAT", percentage: "20" },
        inclusive: false,
        taxableAmount: { amount: "90.00", currency: "usd" },
      },
    ]);

    const again = await alpaca(tally);
    const refused = await failure(
      tally.subscriptions.update(again.subscription.id, { discounts: [{ promotionCode: code.id }] }),
    );
    expect(refused).toBeInstanceOf(TallyInvalidInputError);
    expect(refused).toMatchObject({ code: "COUPON_NOT_REDEEMABLE" });
    expect((await tally.coupons.retrieve(coupon.id)).timesRedeemed).toBe(1);
    expect((await tally.taxRates.update(vat.id, { active: false })).active).toBe(false);
    const listed = [];
    for await (const found of tally.promotionCodes.list({ code: text.toLowerCase() })) listed.push(found.id);
    expect(listed).toEqual([code.id]);
  });
});
