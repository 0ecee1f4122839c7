// Prices (docs/concepts/prices.md#price-fields): creation checked by the engine's validator, the few mutable fields, and how a
// stored price becomes the engine's PriceModel and Interval (and a subscription, which copies its price's interval, a schedule).
import {
  MAX_DIMENSION_VALUE_LENGTH,
  toDecimal,
  validatePriceInput,
  type SegmentCondition,
  type Interval,
  type PriceInput,
  type PriceModel,
  type Problem,
  type ScheduledSubscription,
  type Tier,
} from "@tally/billing";
import type { Tenant } from "../context.js";
import { isUniqueViolation } from "../db/errors.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Price, Prisma, Subscription } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { findProduct } from "./products.js";
import { byId } from "../db/tenant-scope.js";

/** A tier as the Price row stores it in its JSON column (amounts as decimal strings). */
export interface StoredTier {
  upTo: string | null;
  unitAmount: string;
  flatAmount: string;
}

export interface CreatePriceInput extends PriceInput {
  productId: string;
  nickname?: string | null;
  lookupKey?: string | null;
  /** Move `lookupKey` from the price that has it to this one (Stripe's transfer_lookup_key). */
  transferLookupKey?: boolean | null;
  /** The events of its meter the price bills (docs/concepts/prices.md#segments); none: all, or the remainder. */
  meterSegmentConditions?: readonly SegmentCondition[] | null;
}

/** Absent fields stay as they are; `nickname: null` / `lookupKey: null` remove them. */
export interface UpdatePriceInput {
  id: string;
  nickname?: string | null;
  active?: boolean | null;
  lookupKey?: string | null;
  transferLookupKey?: boolean | null;
}

/** The GraphQL layer's Prisma selection for the returned price (relations folded into one query). */
type PriceQuery = Pick<Prisma.PriceCreateArgs, "include" | "select">;

const MAX_NICKNAME_LENGTH = 250;
/** Stripe's limit for lookup keys. */
const MAX_LOOKUP_KEY_LENGTH = 200;

/** Problems with the mutable text fields, in the validator's shape (paths in input field names). */
function labelProblems(input: { nickname?: string | null; lookupKey?: string | null }): Problem[] {
  const problems: Problem[] = [];
  if (input.nickname != null && input.nickname.length > MAX_NICKNAME_LENGTH) {
    problems.push({ path: ["nickname"], message: `must be at most ${MAX_NICKNAME_LENGTH} characters` });
  }
  if (input.lookupKey != null && (input.lookupKey.length < 1 || input.lookupKey.length > MAX_LOOKUP_KEY_LENGTH)) {
    problems.push({ path: ["lookupKey"], message: `must be 1–${MAX_LOOKUP_KEY_LENGTH} characters (null removes it)` });
  }
  return problems;
}

/**
 * One InvalidInputError for all problems: a result union carries one error, so its field is the
 * first problem's path and its message lists every problem ("2 problems: tiers.1.upTo must …; …").
 */
function invalidInput(problems: Problem[]): InvalidInputError {
  const texts = problems.map((p) => `${p.path.join(".")} ${p.message}`);
  const message = texts.length === 1 ? texts[0]! : `${texts.length} problems: ${texts.join("; ")}`;
  return new InvalidInputError(message, ["input", ...problems[0]!.path]);
}

function lookupKeyTaken(lookupKey: string): InvalidInputError {
  return new InvalidInputError(
    `lookupKey "${lookupKey}" is already used by another price; pass transferLookupKey: true to move it here`,
    ["input", "lookupKey"],
  );
}

/** A METERED price's meter must exist in the tenant and be ACTIVE (docs/concepts/meters.md#status); its dimension keys. */
async function assertUsableMeter(tenant: Tenant, meterId: string): Promise<string[]> {
  const field = ["input", "recurring", "meterId"];
  const meter = await tenant.prisma.meter.findUnique({
    where: byId(tenant.scope, meterId),
    select: { status: true, dimensionPayloadKeys: true },
  });
  if (!meter) throw new NotFoundError(`No meter ${meterId}`, field);
  if (meter.status !== "ACTIVE") {
    throw new InvalidInputError(
      `Meter ${meterId} is inactive: reactivate it before attaching it to a new price`,
      field,
      "METER_INACTIVE",
    );
  }
  return meter.dimensionPayloadKeys;
}

/**
 * Conditions on distinct dimensions of a meter, each value 1–100 characters (docs/concepts/prices.md#segments);
 * a price's or an alert's (at input `field`). Null keys: there is no meter, so no conditions.
 */
export function validConditions(
  conditions: readonly SegmentCondition[],
  dimensionKeys: readonly string[] | null,
  field: string[] = ["input", "meterSegmentConditions"],
): SegmentCondition[] {
  if (conditions.length > 0 && dimensionKeys === null) {
    throw new InvalidInputError("Only a METERED price can have meterSegmentConditions", field);
  }
  conditions.forEach((c, i) => {
    if (!dimensionKeys!.includes(c.dimension)) {
      throw new InvalidInputError(`${c.dimension} is not a dimension of the meter`, [...field, String(i), "dimension"]);
    }
    if (conditions.findIndex((o) => o.dimension === c.dimension) !== i) {
      throw new InvalidInputError(`${c.dimension} has two conditions`, [...field, String(i), "dimension"]);
    }
    if (c.value.length < 1 || c.value.length > MAX_DIMENSION_VALUE_LENGTH) {
      throw new InvalidInputError(`A condition's value is 1–${MAX_DIMENSION_VALUE_LENGTH} characters`, [
        ...field,
        String(i),
        "value",
      ]);
    }
  });
  return conditions.map((c) => ({ dimension: c.dimension, value: c.value }));
}

/** The price's segment conditions as its JSON column stores them. */
export function segmentConditionsOf(price: Pick<Price, "meterSegmentConditions">): SegmentCondition[] {
  return (price.meterSegmentConditions as unknown as SegmentCondition[] | null) ?? [];
}

/** The columns that store a validated PriceModel. */
function modelColumns(model: PriceModel) {
  if (model.scheme === "PER_UNIT") {
    return {
      billingScheme: model.scheme,
      unitAmount: model.unitAmount.toFixed(),
      transformDivideBy: model.transformQuantity?.divideBy ?? null,
      transformRound: model.transformQuantity?.round ?? null,
    };
  }
  const tiers: StoredTier[] = model.tiers.map((tier) => ({
    upTo: tier.upTo?.toFixed() ?? null,
    unitAmount: tier.unitAmount.toFixed(),
    flatAmount: tier.flatAmount.toFixed(),
  }));
  return { billingScheme: model.scheme, tiersMode: model.tiersMode, tiers: tiers as unknown as Prisma.InputJsonValue };
}

/** Frees `lookupKey` from whichever price holds it, inside the caller's transaction. */
async function releaseLookupKey(tx: Prisma.TransactionClient, lookupKey: string): Promise<void> {
  await tx.price.updateMany({ where: { lookupKey }, data: { lookupKey: null } });
}

/** Runs a write that may set a lookup key, turning the unique constraint's refusal into a typed error. */
async function withLookupKey<T>(lookupKey: string | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (lookupKey && isUniqueViolation(error)) throw lookupKeyTaken(lookupKey);
    throw error;
  }
}

export async function createPrice(tenant: Tenant, input: CreatePriceInput, query: PriceQuery = {}): Promise<Price> {
  const validation = validatePriceInput(input);
  const problems = [...(validation.ok ? [] : validation.problems), ...labelProblems(input)];
  if (!validation.ok || problems.length > 0) throw invalidInput(problems);
  const { model, currency, recurring } = validation;

  await findProduct(tenant, input.productId, ["input", "productId"]);
  const dimensionKeys = recurring.meterId !== null ? await assertUsableMeter(tenant, recurring.meterId) : null;
  const meterSegmentConditions = validConditions(input.meterSegmentConditions ?? [], dimensionKeys);

  const lookupKey = input.lookupKey ?? null;
  const data = {
    id: newId("Price"),
    ...tenant.scope,
    productId: input.productId,
    currency,
    nickname: input.nickname ?? null,
    lookupKey,
    interval: recurring.interval,
    intervalCount: recurring.intervalCount,
    usageType: recurring.usageType,
    meterId: recurring.meterId,
    meterSegmentConditions: meterSegmentConditions as unknown as Prisma.InputJsonValue,
    ...modelColumns(model),
  };
  return withLookupKey(lookupKey, () =>
    tenant.prisma.$transaction(async (tx) => {
      if (lookupKey && input.transferLookupKey) await releaseLookupKey(tx, lookupKey);
      return tx.price.create({ ...query, data });
    }),
  );
}

/** The tenant's price, or NOT_FOUND on `field`. */
async function findPrice(tenant: Tenant, id: string, field: string[]): Promise<Price> {
  const price = await tenant.prisma.price.findUnique({ where: byId(tenant.scope, id) });
  if (!price) throw new NotFoundError(`No price ${id}`, field);
  return price;
}

export async function updatePrice(tenant: Tenant, input: UpdatePriceInput, query: PriceQuery = {}): Promise<Price> {
  const problems = labelProblems(input);
  if (input.active === null)
    problems.push({ path: ["active"], message: "cannot be null; omit it to keep the current value" });
  if (problems.length > 0) throw invalidInput(problems);

  await findPrice(tenant, input.id, ["input", "id"]);
  const lookupKey = input.lookupKey;
  const data = {
    ...(input.nickname !== undefined ? { nickname: input.nickname } : {}),
    ...(input.active != null ? { active: input.active } : {}),
    ...(lookupKey !== undefined ? { lookupKey } : {}),
  };
  return withLookupKey(lookupKey, () =>
    tenant.prisma.$transaction(async (tx) => {
      if (lookupKey && input.transferLookupKey) await releaseLookupKey(tx, lookupKey);
      return tx.price.update({ ...query, where: byId(tenant.scope, input.id), data });
    }),
  );
}

/** The tiers of a stored price, parsed to Decimals. */
function tiersOf(price: Pick<Price, "tiers">): Tier[] {
  const stored = (price.tiers ?? []) as unknown as StoredTier[];
  return stored.map((tier) => ({
    upTo: tier.upTo === null ? null : toDecimal(tier.upTo),
    unitAmount: toDecimal(tier.unitAmount),
    flatAmount: toDecimal(tier.flatAmount),
  }));
}

/** The engine's PriceModel of a stored price (amounts as Decimal, tiers parsed from the JSON column). */
export function priceModelOf(price: Price): PriceModel {
  if (price.billingScheme === "TIERED") {
    if (price.tiersMode === null) throw new Error(`Price ${price.id} is TIERED without a tiersMode`);
    return { scheme: "TIERED", tiersMode: price.tiersMode, tiers: tiersOf(price) };
  }
  if (price.unitAmount === null) throw new Error(`Price ${price.id} is PER_UNIT without a unitAmount`);
  const unitAmount = toDecimal(price.unitAmount.toFixed());
  if (price.transformDivideBy === null || price.transformRound === null) return { scheme: "PER_UNIT", unitAmount };
  return {
    scheme: "PER_UNIT",
    unitAmount,
    transformQuantity: { divideBy: price.transformDivideBy, round: price.transformRound },
  };
}

/** The engine's Interval of a stored price. */
export function intervalOf(price: Pick<Price, "interval" | "intervalCount">): Interval {
  return { unit: price.interval, count: price.intervalCount };
}

type StoredSchedule = Pick<
  Subscription,
  | "startDate"
  | "billingCycleAnchor"
  | "interval"
  | "intervalCount"
  | "currentPeriodStart"
  | "currentPeriodEnd"
  | "trialEnd"
>;

/** The engine's view of a stored subscription's periods: its schedule and open period. */
export function scheduleOf(subscription: StoredSchedule): ScheduledSubscription {
  return {
    // A trial is its own period; the billing schedule starts when it ends (docs/concepts/subscriptions.md#trials).
    startDate: subscription.trialEnd ?? subscription.startDate,
    billingCycleAnchor: subscription.billingCycleAnchor,
    interval: intervalOf(subscription),
    currentPeriodStart: subscription.currentPeriodStart,
    currentPeriodEnd: subscription.currentPeriodEnd,
  };
}
