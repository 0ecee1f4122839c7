// Tax rates (docs/concepts/tax-rates.md): created with a percentage that never changes, updated in
// their texts and active flag; the rates a customer, subscription or item carries are checked here.
import { Decimal } from "@tally/billing";
import type { Tenant } from "../context.js";
import type { Tx } from "../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { TaxRate } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { recordEvent } from "./event-log/record.js";
import { previousValues, taxRateEventData } from "./event-log/serializers.js";
import { byId, type Scope } from "../db/tenant-scope.js";

export interface CreateTaxRateInput {
  displayName: string;
  /** A decimal.js value of the API's Decimal scalar. */
  percentage: { toFixed(): string };
  inclusive: boolean;
  country?: string | null;
  jurisdiction?: string | null;
  description?: string | null;
}

export interface UpdateTaxRateInput {
  id: string;
  active?: boolean | null;
  displayName?: string | null;
  description?: string | null;
  country?: string | null;
  jurisdiction?: string | null;
}

/** At most this many rates on one customer, subscription or item (Stripe's limit). */
export const MAX_TAX_RATES = 5;

function text(value: string | null | undefined, name: string, max: number, required = false): string | null {
  const trimmed = value?.trim() || null;
  if (required && trimmed === null) throw new InvalidInputError(`${name} is required`, ["input", name]);
  if (trimmed !== null && trimmed.length > max) {
    throw new InvalidInputError(`${name} is at most ${max} characters`, ["input", name]);
  }
  return trimmed;
}

/** A percentage from 0 to 100 with at most 4 decimals (the column's). */
function percentageOf(value: { toFixed(): string }): Decimal {
  const percentage = new Decimal(value.toFixed());
  if (percentage.isNegative() || percentage.greaterThan(100) || percentage.decimalPlaces() > 4) {
    throw new InvalidInputError(
      `percentage must be from 0 to 100 with at most 4 decimals; got ${percentage.toFixed()}`,
      ["input", "percentage"],
    );
  }
  return percentage;
}

/** ISO 3166-1 alpha-2, upper case. */
function countryOf(value: string | null | undefined): string | null {
  const country = value?.trim().toUpperCase() || null;
  if (country !== null && !/^[A-Z]{2}$/.test(country)) {
    throw new InvalidInputError(`country is a two-letter ISO 3166-1 code; got ${value}`, ["input", "country"]);
  }
  return country;
}

export function createTaxRate(tenant: Tenant, input: CreateTaxRateInput, at: Date): Promise<TaxRate> {
  const data = {
    id: newId("TaxRate"),
    ...tenant.scope,
    displayName: text(input.displayName, "displayName", 50, true)!,
    description: text(input.description, "description", 500),
    percentage: percentageOf(input.percentage).toFixed(),
    inclusive: input.inclusive,
    country: countryOf(input.country),
    jurisdiction: text(input.jurisdiction, "jurisdiction", 50),
    createdAt: at,
  };
  return tenant.prisma.$transaction(async (tx) => {
    const rate = await tx.taxRate.create({ data });
    await recordEvent(tx, tenant.scope, "tax_rate.created", taxRateEventData(rate));
    return rate;
  });
}

/** Changes the given texts and the active flag; percentage and inclusive never change. */
export async function updateTaxRate(tenant: Tenant, input: UpdateTaxRateInput): Promise<TaxRate> {
  const found = await tenant.prisma.taxRate.findUnique({ where: byId(tenant.scope, input.id) });
  if (!found) throw new NotFoundError(`No tax rate ${input.id}`, ["input", "id"]);
  const update = {
    where: byId(tenant.scope, input.id),
    data: {
      ...(input.active != null ? { active: input.active } : {}),
      ...(input.displayName != null ? { displayName: text(input.displayName, "displayName", 50, true)! } : {}),
      ...(input.description !== undefined ? { description: text(input.description, "description", 500) } : {}),
      ...(input.country !== undefined ? { country: countryOf(input.country) } : {}),
      ...(input.jurisdiction !== undefined ? { jurisdiction: text(input.jurisdiction, "jurisdiction", 50) } : {}),
    },
  };
  return tenant.prisma.$transaction(async (tx) => {
    const updated = await tx.taxRate.update(update);
    const data = taxRateEventData(updated);
    const previous = previousValues(taxRateEventData(found), data, [
      "active",
      "displayName",
      "description",
      "country",
      "jurisdiction",
    ]);
    if (previous) await recordEvent(tx, tenant.scope, "tax_rate.updated", data, previous);
    return updated;
  });
}

/**
 * Checks tax rate ids given to a customer, subscription or item: distinct, at most MAX_TAX_RATES,
 * each the tenant's and active (TAX_RATE_INACTIVE: an archived rate stays where it is but is added
 * nowhere).
 */
export async function checkTaxRates(db: Pick<Tx, "taxRate">, ids: readonly string[], field: string[]): Promise<void> {
  if (new Set(ids).size !== ids.length) throw new InvalidInputError("A tax rate appears twice", field);
  if (ids.length > MAX_TAX_RATES) throw new InvalidInputError(`At most ${MAX_TAX_RATES} tax rates`, field);
  const rates = await db.taxRate.findMany({ where: { id: { in: [...ids] } } });
  for (const [index, id] of ids.entries()) {
    const rate = rates.find((found) => found.id === id);
    if (!rate) throw new NotFoundError(`No tax rate ${id}`, [...field, String(index)]);
    if (!rate.active) {
      throw new InvalidInputError(`Tax rate ${id} is inactive`, [...field, String(index)], "TAX_RATE_INACTIVE");
    }
  }
}

/** Whose tax rates: a customer's or subscription's defaults, or an item's own. */
export type RateOwner = { customerId: string } | { subscriptionId: string } | { itemId: string };

/** Replaces the owner's tax rates (rows of its join table) with the checked `ids`. */
export async function setTaxRates(
  tx: Pick<Tx, "customerTaxRate" | "subscriptionTaxRate" | "subscriptionItemTaxRate">,
  scope: Scope,
  owner: RateOwner,
  ids: readonly string[],
): Promise<void> {
  const rows = ids.map((taxRateId) => ({ accountId: scope.accountId, mode: scope.mode, taxRateId }));
  if ("customerId" in owner) {
    await tx.customerTaxRate.deleteMany({ where: owner });
    await tx.customerTaxRate.createMany({ data: rows.map((row) => ({ ...row, ...owner })) });
  } else if ("subscriptionId" in owner) {
    await tx.subscriptionTaxRate.deleteMany({ where: owner });
    await tx.subscriptionTaxRate.createMany({ data: rows.map((row) => ({ ...row, ...owner })) });
  } else {
    await tx.subscriptionItemTaxRate.deleteMany({ where: owner });
    await tx.subscriptionItemTaxRate.createMany({ data: rows.map((row) => ({ ...row, ...owner })) });
  }
}
