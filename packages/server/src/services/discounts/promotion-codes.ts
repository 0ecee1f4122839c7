// Promotion codes (docs/concepts/discounts.md#promotion-codes): customer-facing codes of a coupon,
// with their own redemption limit and expiry. One active code of a text per account and mode,
// case-insensitively (a partial unique index decides under concurrency).
import type { Tenant } from "../../context.js";
import { isUniqueViolation } from "../../db/errors.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { PromotionCode } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { recordEvent } from "../event-log/record.js";
import { previousValues, promotionCodeEventData } from "../event-log/serializers.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreatePromotionCodeInput {
  couponId: string;
  code: string;
  maxRedemptions?: number | null;
  expiresAt?: Date | null;
  active?: boolean | null;
}

const CODE = /^[A-Za-z0-9_-]{3,40}$/;

export async function createPromotionCode(
  tenant: Tenant,
  input: CreatePromotionCodeInput,
  now: Date,
): Promise<PromotionCode> {
  const code = input.code.trim();
  if (!CODE.test(code)) {
    throw new InvalidInputError("code is 3–40 letters, digits, '-' or '_'", ["input", "code"]);
  }
  const max = input.maxRedemptions;
  if (max != null && (!Number.isInteger(max) || max < 1)) {
    throw new InvalidInputError("maxRedemptions must be a whole number of at least 1", ["input", "maxRedemptions"]);
  }
  if (input.expiresAt != null && input.expiresAt <= now) {
    throw new InvalidInputError("expiresAt must be in the future", ["input", "expiresAt"]);
  }
  const coupon = await tenant.prisma.coupon.findUnique({ where: byId(tenant.scope, input.couponId) });
  if (!coupon || coupon.deletedAt !== null)
    throw new NotFoundError(`No coupon ${input.couponId}`, ["input", "couponId"]);
  try {
    return await tenant.prisma.$transaction(async (tx) => {
      const created = await tx.promotionCode.create({
        data: {
          id: newId("PromotionCode"),
          ...tenant.scope,
          couponId: coupon.id,
          code,
          active: input.active ?? true,
          maxRedemptions: max ?? null,
          expiresAt: input.expiresAt ?? null,
          createdAt: now,
        },
      });
      await recordEvent(tx, tenant.scope, "promotion_code.created", promotionCodeEventData(created));
      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new InvalidInputError(`An active promotion code ${code} exists`, ["input", "code"], "PROMOTION_CODE_TAKEN");
  }
}

/** Turns a code on or off; turning one on whose text another active code has is PROMOTION_CODE_TAKEN. */
export async function updatePromotionCode(tenant: Tenant, id: string, active: boolean): Promise<PromotionCode> {
  const found = await tenant.prisma.promotionCode.findUnique({
    where: byId(tenant.scope, id),
    select: { id: true, code: true, active: true },
  });
  if (!found) throw new NotFoundError(`No promotion code ${id}`, ["input", "id"]);
  try {
    return await tenant.prisma.$transaction(async (tx) => {
      const updated = await tx.promotionCode.update({ where: byId(tenant.scope, id), data: { active } });
      const data = promotionCodeEventData(updated);
      const previous = previousValues({ ...data, active: found.active }, data, ["active"]);
      if (previous) await recordEvent(tx, tenant.scope, "promotion_code.updated", data, previous);
      return updated;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new InvalidInputError(
      `An active promotion code ${found.code} exists`,
      ["input", "active"],
      "PROMOTION_CODE_TAKEN",
    );
  }
}
