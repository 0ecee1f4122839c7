import { normalizeCurrency } from "../currency.js";
import { MAX_TIERS, PRICE_DECIMAL_LIMIT } from "../limits.js";
import { Decimal, ZERO } from "../money.js";
import { MAX_INTERVAL_COUNT, type IntervalUnit } from "../periods.js";
import type { PerUnitModel, PriceModel, Tier, TieredModel, TransformQuantity } from "./types.js";

/** Decimal places allowed in amounts and tier bounds (docs/concepts/prices.md#price-fields, as Stripe's `*_decimal` fields). */
export const MAX_AMOUNT_DECIMAL_PLACES = 12;

/** A raw decimal from the API: a decimal string ("0.04") or an already parsed Decimal. */
export type RawDecimal = string | Decimal | null | undefined;

/** One tier as the API receives it. */
interface RawTier {
  upTo?: RawDecimal;
  unitAmount?: RawDecimal;
  flatAmount?: RawDecimal;
}

/** createPrice's input as the API receives it (CONTRACT.graphql `CreatePriceInput`); enums are already checked by GraphQL. */
export interface PriceInput {
  currency: string;
  recurring: {
    interval: IntervalUnit;
    intervalCount?: number | null;
    usageType: "LICENSED" | "METERED";
    meterId?: string | null;
  };
  billingScheme?: "PER_UNIT" | "TIERED" | null;
  unitAmount?: RawDecimal;
  tiersMode?: "GRADUATED" | "VOLUME" | null;
  tiers?: readonly RawTier[] | null;
  transformQuantity?: TransformQuantity | null;
}

/** The validated recurring settings of a price. */
export interface Recurring {
  interval: IntervalUnit;
  intervalCount: number;
  usageType: "LICENSED" | "METERED";
  meterId: string | null;
}

/** One validation problem; `path` uses the input's field names, e.g. ['tiers', '1', 'upTo']. */
export interface Problem {
  path: string[];
  message: string;
}

/** The validator's answer: a typed price, or every problem found. */
export type PriceValidation =
  | { ok: true; model: PriceModel; currency: string; recurring: Recurring }
  | { ok: false; problems: Problem[] };

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** Parses a decimal field that must be ≥ 0, below 10^19, with at most 12 decimal places; null (with problems) when it is not. */
function parseAmount(raw: string | Decimal, path: string[], problems: Problem[]): Decimal | null {
  const valid = typeof raw === "string" ? DECIMAL_PATTERN.test(raw) : Decimal.isDecimal(raw) && raw.isFinite();
  if (!valid) {
    problems.push({ path, message: 'must be a decimal number such as "0.04"' });
    return null;
  }
  const value = new Decimal(raw);
  const found = problems.length;
  if (value.isNegative() && !value.isZero()) problems.push({ path, message: "must be ≥ 0" });
  if (value.gte(PRICE_DECIMAL_LIMIT)) problems.push({ path, message: "must be less than 1e19" });
  if (value.decimalPlaces() > MAX_AMOUNT_DECIMAL_PLACES) {
    problems.push({ path, message: `must have at most ${MAX_AMOUNT_DECIMAL_PLACES} decimal places` });
  }
  return problems.length === found ? value : null;
}

function validateRecurring(input: PriceInput["recurring"], problems: Problem[]): Recurring {
  const { interval, usageType } = input;
  const intervalCount = input.intervalCount ?? 1;
  const meterId = input.meterId ?? null;
  const max = MAX_INTERVAL_COUNT[interval];
  if (!Number.isInteger(intervalCount) || intervalCount < 1 || intervalCount > max) {
    problems.push({
      path: ["recurring", "intervalCount"],
      message: `must be an integer from 1 to ${max} for ${interval} (at most 3 years)`,
    });
  }
  if (usageType === "METERED" && (meterId === null || meterId === "")) {
    problems.push({ path: ["recurring", "meterId"], message: "is required for METERED prices" });
  }
  if (usageType === "LICENSED" && meterId !== null) {
    problems.push({ path: ["recurring", "meterId"], message: "is not allowed for LICENSED prices" });
  }
  return { interval, intervalCount, usageType, meterId };
}

/** Records a problem for each given field of `fields` (fields a scheme does not allow). */
function forbid(input: PriceInput, fields: Array<keyof PriceInput>, reason: string, problems: Problem[]): void {
  for (const field of fields) {
    if (isGiven(input[field])) problems.push({ path: [field], message: `is not allowed ${reason}` });
  }
}

function validateTransform(input: TransformQuantity, problems: Problem[]): TransformQuantity | null {
  if (Number.isSafeInteger(input.divideBy) && input.divideBy >= 1)
    return { divideBy: input.divideBy, round: input.round };
  problems.push({ path: ["transformQuantity", "divideBy"], message: "must be an integer ≥ 1" });
  return null;
}

function validatePerUnit(input: PriceInput, problems: Problem[]): PerUnitModel | null {
  forbid(input, ["tiersMode", "tiers"], "for PER_UNIT prices", problems);
  const transform = isGiven(input.transformQuantity) ? validateTransform(input.transformQuantity, problems) : undefined;
  if (!isGiven(input.unitAmount)) {
    problems.push({ path: ["unitAmount"], message: "is required for PER_UNIT prices" });
    return null;
  }
  const unitAmount = parseAmount(input.unitAmount, ["unitAmount"], problems);
  if (unitAmount === null || transform === null) return null;
  return transform
    ? { scheme: "PER_UNIT", unitAmount, transformQuantity: transform }
    : { scheme: "PER_UNIT", unitAmount };
}

/** Checks a tier's upTo: null for the last tier only, otherwise > 0 and above the previous bound. */
function validateUpTo(
  raw: RawDecimal,
  path: string[],
  isLast: boolean,
  previous: Decimal | null,
  problems: Problem[],
): Decimal | null {
  if (isLast) {
    if (isGiven(raw)) problems.push({ path, message: "must be null: the last tier is unbounded" });
    return null;
  }
  if (!isGiven(raw)) {
    problems.push({ path, message: "is required: only the last tier is unbounded" });
    return null;
  }
  const upTo = parseAmount(raw, path, problems);
  if (upTo?.isZero()) problems.push({ path, message: "must be > 0" });
  else if (upTo && previous?.greaterThanOrEqualTo(upTo)) {
    problems.push({ path, message: `must be greater than the previous tier's upTo (${previous.toString()})` });
  }
  return upTo;
}

/** Checks a tier's amounts: each defaults to 0 but not both may be missing (an invalid one reads as 0 beside its problem). */
function validateTierAmounts(raw: RawTier, path: string[], problems: Problem[]): Omit<Tier, "upTo"> {
  if (!isGiven(raw.unitAmount) && !isGiven(raw.flatAmount))
    problems.push({ path, message: "needs a unitAmount or a flatAmount" });
  const amount = (field: "unitAmount" | "flatAmount") => {
    const value = raw[field];
    return (isGiven(value) ? parseAmount(value, [...path, field], problems) : null) ?? ZERO;
  };
  return { unitAmount: amount("unitAmount"), flatAmount: amount("flatAmount") };
}

function validateTiers(input: readonly RawTier[], problems: Problem[]): Tier[] | null {
  const found = problems.length;
  if (input.length === 0) problems.push({ path: ["tiers"], message: "must have at least one tier" });
  if (input.length > MAX_TIERS) {
    problems.push({ path: ["tiers"], message: `must have at most ${MAX_TIERS} entries (got ${input.length})` });
    return null;
  }
  let previous: Decimal | null = null;
  const tiers = input.map((raw, index) => {
    const path = ["tiers", String(index)];
    const upTo = validateUpTo(raw.upTo, [...path, "upTo"], index === input.length - 1, previous, problems);
    previous = upTo ?? previous;
    return { upTo, ...validateTierAmounts(raw, path, problems) };
  });
  return problems.length > found ? null : tiers;
}

function validateTiered(input: PriceInput, problems: Problem[]): TieredModel | null {
  const found = problems.length;
  forbid(input, ["unitAmount"], "for TIERED prices", problems);
  forbid(input, ["transformQuantity"], "with tiers", problems);
  if (!isGiven(input.tiersMode)) problems.push({ path: ["tiersMode"], message: "is required for TIERED prices" });
  if (!isGiven(input.tiers)) problems.push({ path: ["tiers"], message: "are required for TIERED prices" });
  const tiers = isGiven(input.tiers) ? validateTiers(input.tiers, problems) : null;
  if (problems.length > found || !isGiven(input.tiersMode) || tiers === null) return null;
  return { scheme: "TIERED", tiersMode: input.tiersMode, tiers };
}

/** Validates createPrice's input (docs/concepts/prices.md#price-fields): the typed price, or every problem with its field path. */
export function validatePriceInput(input: PriceInput): PriceValidation {
  const problems: Problem[] = [];
  const currency = normalizeCurrency(input.currency);
  if (currency === null) {
    problems.push({
      path: ["currency"],
      message: `must be an ISO 4217 currency code such as "usd" (got "${input.currency}")`,
    });
  }
  const recurring = validateRecurring(input.recurring, problems);
  const model =
    (input.billingScheme ?? "PER_UNIT") === "PER_UNIT"
      ? validatePerUnit(input, problems)
      : validateTiered(input, problems);
  if (currency === null || model === null || problems.length > 0) return { ok: false, problems };
  return { ok: true, model, currency, recurring };
}
