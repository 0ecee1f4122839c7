// Discounts on a customer or a subscription (docs/concepts/discounts.md#customers-and-subscriptions):
// the `discounts` list of create and update replaces the owner's discounts. A coupon or promotion
// code given anew is a redemption, counted by one guarded UPDATE each, so maxRedemptions holds
// however many requests race; an existing discount named by id is kept.
import type { Scope } from "../../db/tenant-scope.js";
import { byId, scopeClause } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Coupon } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { discountEnd } from "./coupons.js";

/** One entry of `discounts`: exactly one of a coupon, a promotion code, or an existing discount to keep. */
export interface DiscountInput {
  coupon?: string | null;
  promotionCode?: string | null;
  discount?: string | null;
}

export type DiscountOwner = { customerId: string } | { subscriptionId: string };

/** Stripe's limit of discounts on one customer or subscription. */
export const MAX_DISCOUNTS = 20;

function notRedeemable(message: string, field: string[]): InvalidInputError {
  return new InvalidInputError(message, field, "COUPON_NOT_REDEEMABLE");
}

/** Counts one redemption of the promotion code when it is active, unexpired and under its limit; returns its coupon's id. */
async function redeemPromotionCode(tx: Tx, scope: Scope, id: string, now: Date, field: string[]): Promise<string> {
  const rows = await tx.$queryRaw<Array<{ couponId: string }>>`
    UPDATE "PromotionCode" SET "timesRedeemed" = "timesRedeemed" + 1
    WHERE "id" = ${id} AND ${scopeClause(scope)} AND "active"
      AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
      AND ("maxRedemptions" IS NULL OR "timesRedeemed" < "maxRedemptions")
    RETURNING "couponId"`;
  if (rows[0]) return rows[0].couponId;
  const code = await tx.promotionCode.findUnique({ where: byId(scope, id) });
  if (!code) throw new NotFoundError(`No promotion code ${id}`, field);
  if (!code.active) throw notRedeemable(`Promotion code ${code.code} is inactive`, field);
  if (code.expiresAt !== null && code.expiresAt <= now) {
    throw notRedeemable(`Promotion code ${code.code} expired at ${code.expiresAt.toISOString()}`, field);
  }
  throw notRedeemable(`Promotion code ${code.code} has reached its ${code.maxRedemptions} redemptions`, field);
}

/** Counts one redemption of the coupon when it is not deleted, before redeemBy and under its limit. */
async function redeemCoupon(tx: Tx, scope: Scope, id: string, now: Date, field: string[]): Promise<Coupon> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "Coupon" SET "timesRedeemed" = "timesRedeemed" + 1
    WHERE "id" = ${id} AND ${scopeClause(scope)} AND "deletedAt" IS NULL
      AND ("redeemBy" IS NULL OR "redeemBy" > ${now})
      AND ("maxRedemptions" IS NULL OR "timesRedeemed" < "maxRedemptions")
    RETURNING "id"`;
  const coupon = await tx.coupon.findUnique({ where: byId(scope, id) });
  if (rows[0]) return coupon!;
  if (!coupon || coupon.deletedAt !== null) throw new NotFoundError(`No coupon ${id}`, field);
  if (coupon.redeemBy !== null && coupon.redeemBy <= now) {
    throw notRedeemable(`Coupon ${id} could be redeemed until ${coupon.redeemBy.toISOString()}`, field);
  }
  throw notRedeemable(`Coupon ${id} has reached its ${coupon.maxRedemptions} redemptions`, field);
}

/**
 * Replaces the owner's discounts in force at `now` with `inputs`, in their order: kept discounts stay,
 * the others end now, new coupons and promotion codes are redeemed. `currency`: the subscription's,
 * which an amount-off coupon must share (CURRENCY_MISMATCH); null for a customer, whose
 * amount-off discounts apply to invoices in their currency only.
 */
export async function replaceDiscounts(
  tx: Tx,
  scope: Scope,
  owner: DiscountOwner,
  inputs: readonly DiscountInput[],
  now: Date,
  currency: string | null,
): Promise<void> {
  if (inputs.length > MAX_DISCOUNTS) {
    throw new InvalidInputError(`At most ${MAX_DISCOUNTS} discounts`, ["input", "discounts"]);
  }
  const current = await tx.discount.findMany({ where: { ...owner, OR: [{ end: null }, { end: { gt: now } }] } });
  const couponIds = new Set<string>();
  const kept = new Set<string>();
  const fresh: Array<{ couponId: string; promotionCodeId: string | null; coupon: Coupon }> = [];
  for (const [index, input] of inputs.entries()) {
    const field = ["input", "discounts", String(index)];
    const given = [input.coupon, input.promotionCode, input.discount].filter((value) => value != null);
    if (given.length !== 1)
      throw new InvalidInputError("Give exactly one of coupon, promotionCode and discount", field);
    let couponId: string;
    if (input.discount != null) {
      const existing = current.find((discount) => discount.id === input.discount);
      if (!existing) throw new NotFoundError(`No discount ${input.discount} in force here`, [...field, "discount"]);
      kept.add(existing.id);
      couponId = existing.couponId;
    } else {
      const promotionCodeId = input.promotionCode ?? null;
      couponId =
        promotionCodeId !== null
          ? await redeemPromotionCode(tx, scope, promotionCodeId, now, [...field, "promotionCode"])
          : input.coupon!;
      const coupon = await redeemCoupon(tx, scope, couponId, now, [
        ...field,
        input.coupon ? "coupon" : "promotionCode",
      ]);
      if (currency !== null && coupon.currency !== null && coupon.currency !== currency) {
        throw new InvalidInputError(
          `Coupon ${coupon.id} takes ${coupon.currency} off; the subscription bills in ${currency}`,
          field,
          "CURRENCY_MISMATCH",
        );
      }
      fresh.push({ couponId, promotionCodeId, coupon });
    }
    if (couponIds.has(couponId)) throw new InvalidInputError(`Coupon ${couponId} is given twice`, field);
    couponIds.add(couponId);
  }
  const ended = current.filter((discount) => !kept.has(discount.id)).map((discount) => discount.id);
  if (ended.length > 0) await tx.discount.updateMany({ where: { id: { in: ended } }, data: { end: now } });
  for (const { couponId, promotionCodeId, coupon } of fresh) {
    await tx.discount.create({
      data: {
        id: newId("Discount"),
        ...scope,
        couponId,
        promotionCodeId,
        ...owner,
        start: now,
        end: discountEnd(coupon, now),
        createdAt: now,
      },
    });
  }
}
