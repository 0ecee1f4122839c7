// Coupons (docs/concepts/discounts.md#coupons): percent or amount off, a duration, optional
// products, redemption limits. Only the name changes after creation; deleting a coupon stops new
// redemptions while the discounts already given run their course.
import { addInterval, minorUnits, normalizeCurrency, toDecimal } from "@tally/billing";
import type { Tenant } from "../../context.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Coupon, CouponDuration } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { recordEvent } from "../event-log/record.js";
import { couponEventData } from "../event-log/serializers.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreateCouponInput {
  name?: string | null;
  /** decimal.js values of the API's Decimal scalar. */
  percentOff?: { toFixed(): string } | null;
  amountOff?: { toFixed(): string } | null;
  currency?: string | null;
  duration: CouponDuration;
  durationInMonths?: number | null;
  appliesToProductIds?: readonly string[] | null;
  maxRedemptions?: number | null;
  redeemBy?: Date | null;
}

/** Far below the column's 26 integer digits. */
const MAX_AMOUNT_OFF = toDecimal("1e15");
const MAX_PRODUCTS = 100;

const field = (name: string) => ["input", name];

/** Exactly one of percentOff (0–100], at most 2 decimals… and amountOff > 0 with its currency. */
function terms(input: CreateCouponInput) {
  if ((input.percentOff == null) === (input.amountOff == null)) {
    throw new InvalidInputError("Give exactly one of percentOff and amountOff", field("percentOff"));
  }
  if (input.percentOff != null) {
    const percentOff = toDecimal(input.percentOff.toFixed());
    if (!percentOff.greaterThan(0) || percentOff.greaterThan(100) || percentOff.decimalPlaces() > 2) {
      throw new InvalidInputError(
        `percentOff must be above 0 and at most 100, with at most 2 decimals; got ${percentOff.toFixed()}`,
        field("percentOff"),
      );
    }
    if (input.currency != null) throw new InvalidInputError("currency goes with amountOff only", field("currency"));
    return { percentOff: percentOff.toFixed(), amountOff: null, currency: null };
  }
  const currency = input.currency == null ? null : normalizeCurrency(input.currency);
  if (currency === null) throw new InvalidInputError("amountOff needs a known currency", field("currency"));
  const amountOff = toDecimal(input.amountOff!.toFixed());
  if (!amountOff.greaterThan(0) || amountOff.greaterThanOrEqualTo(MAX_AMOUNT_OFF)) {
    throw new InvalidInputError(
      `amountOff must be above 0 and below 1e15; got ${amountOff.toFixed()}`,
      field("amountOff"),
    );
  }
  if (amountOff.decimalPlaces() > minorUnits(currency)) {
    throw new InvalidInputError(
      `${currency} amounts have at most ${minorUnits(currency)} decimal places; got ${amountOff.toFixed()}`,
      field("amountOff"),
    );
  }
  return { percentOff: null, amountOff: amountOff.toFixed(), currency };
}

/** durationInMonths (1–36) with REPEATING and only with it. */
function months(input: CreateCouponInput): number | null {
  if (input.duration !== "REPEATING") {
    if (input.durationInMonths != null) {
      throw new InvalidInputError("durationInMonths goes with duration REPEATING only", field("durationInMonths"));
    }
    return null;
  }
  const value = input.durationInMonths;
  if (value == null || !Number.isInteger(value) || value < 1 || value > 36) {
    throw new InvalidInputError("duration REPEATING needs durationInMonths from 1 to 36", field("durationInMonths"));
  }
  return value;
}

async function products(tenant: Tenant, ids: readonly string[] | null | undefined): Promise<string[]> {
  if (ids == null) return [];
  if (ids.length < 1 || ids.length > MAX_PRODUCTS || new Set(ids).size !== ids.length) {
    throw new InvalidInputError(
      `appliesToProductIds has 1–${MAX_PRODUCTS} distinct products`,
      field("appliesToProductIds"),
    );
  }
  const found = await tenant.prisma.product.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  const missing = ids.find((id) => !found.some((product) => product.id === id));
  if (missing !== undefined) throw new NotFoundError(`No product ${missing}`, field("appliesToProductIds"));
  return [...ids];
}

export async function createCoupon(tenant: Tenant, input: CreateCouponInput, now: Date): Promise<Coupon> {
  const name = input.name?.trim() || null;
  if (name !== null && name.length > 40) throw new InvalidInputError("name is at most 40 characters", field("name"));
  const max = input.maxRedemptions;
  if (max != null && (!Number.isInteger(max) || max < 1)) {
    throw new InvalidInputError("maxRedemptions must be a whole number of at least 1", field("maxRedemptions"));
  }
  if (input.redeemBy != null && input.redeemBy <= now) {
    throw new InvalidInputError("redeemBy must be in the future", field("redeemBy"));
  }
  const data = {
    id: newId("Coupon"),
    ...tenant.scope,
    name,
    ...terms(input),
    duration: input.duration,
    durationInMonths: months(input),
    appliesToProductIds: await products(tenant, input.appliesToProductIds),
    maxRedemptions: max ?? null,
    redeemBy: input.redeemBy ?? null,
    createdAt: now,
  };
  return tenant.prisma.$transaction(async (tx) => {
    const coupon = await tx.coupon.create({ data });
    await recordEvent(tx, tenant.scope, "coupon.created", couponEventData(coupon));
    return coupon;
  });
}

/** Stops new redemptions; discounts already given keep applying (Stripe's rule). */
export async function deleteCoupon(tenant: Tenant, id: string, now: Date): Promise<Coupon> {
  const coupon = await tenant.prisma.coupon.findUnique({ where: byId(tenant.scope, id) });
  if (!coupon || coupon.deletedAt !== null) throw new NotFoundError(`No coupon ${id}`, ["input", "id"]);
  return tenant.prisma.$transaction(async (tx) => {
    const deleted = await tx.coupon.update({ where: byId(tenant.scope, id), data: { deletedAt: now } });
    await recordEvent(tx, tenant.scope, "coupon.deleted", couponEventData(deleted));
    return deleted;
  });
}

/** When a discount of the coupon given at `start` stops applying: REPEATING after its months; ONCE and FOREVER: not by date. */
export function discountEnd(coupon: Pick<Coupon, "duration" | "durationInMonths">, start: Date): Date | null {
  if (coupon.duration !== "REPEATING") return null;
  return addInterval(start, { unit: "MONTH", count: coupon.durationInMonths! }, 1);
}
