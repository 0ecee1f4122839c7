// createCreditGrant (docs/concepts/credits.md#creating-a-grant): validate the amount, scope, priority and dates, then store the grant
// with its GRANT ledger row and its billing.credit_grant.created event in one transaction.
import { minorUnits, normalizeCurrency, toDecimal, type Decimal } from "@tally/billing";
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { CreditGrant, CreditGrantCategory } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { lockedCustomerNow } from "../../db/locks.js";
import { recordEvent } from "../event-log/record.js";
import { creditGrantEventData } from "../event-log/serializers.js";
import { recordGrant } from "./ledger.js";
import { findCustomer } from "../customers.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";

export interface CreateCreditGrantInput {
  customerId: string;
  /** The amount arrives as a decimal.js value of the API's Decimal scalar. */
  amount: { amount: { toFixed(): string }; currency: string };
  category: CreditGrantCategory;
  scope: { allMeteredPrices?: boolean | null; priceIds?: readonly string[] | null };
  priority?: number | null;
  effectiveAt?: Date | null;
  expiresAt?: Date | null;
  name?: string | null;
}

const MAX_SCOPED_PRICES = 20;
const DEFAULT_PRIORITY = 50;
const MAX_PRIORITY = 100;
const MAX_NAME_LENGTH = 100;
/** Far below the column's 26 integer digits; no credit is anywhere near it. */
const MAX_AMOUNT = toDecimal("1e15");

export type GrantScope = { allMeteredPrices: true; priceIds: [] } | { allMeteredPrices: false; priceIds: string[] };

/** A positive amount in a known currency, with no more digits than the currency's minor unit; `fields` name the inputs at fault. */
export function validateAmount(
  input: CreateCreditGrantInput["amount"],
  fields = { amount: ["input", "amount", "amount"], currency: ["input", "amount", "currency"] },
): { amount: Decimal; currency: string } {
  const currency = normalizeCurrency(input.currency);
  if (currency === null) throw new InvalidInputError(`Unknown currency: ${input.currency}`, fields.currency);
  const amount = toDecimal(input.amount.toFixed());
  const field = fields.amount;
  if (!amount.greaterThan(0))
    throw new InvalidInputError(`amount must be greater than 0; got ${amount.toFixed()}`, field);
  const digits = minorUnits(currency);
  if (amount.decimalPlaces() > digits) {
    throw new InvalidInputError(
      `${currency} amounts have at most ${digits} decimal places; got ${amount.toFixed()}`,
      field,
    );
  }
  if (amount.greaterThanOrEqualTo(MAX_AMOUNT))
    throw new InvalidInputError(`amount must be less than ${MAX_AMOUNT.toFixed()}`, field);
  return { amount, currency };
}

/** Every metered price (allMeteredPrices: true) or 1–20 of this account's metered prices in the grant's currency. */
export async function validateScope(
  tenant: Tenant,
  input: CreateCreditGrantInput["scope"],
  currency: string,
): Promise<GrantScope> {
  const field = ["input", "scope"];
  const all = input.allMeteredPrices === true;
  const ids = input.priceIds;
  if (all && ids != null)
    throw new InvalidInputError("Give either allMeteredPrices: true or priceIds, not both", field);
  if (all) return { allMeteredPrices: true, priceIds: [] };
  if (ids == null) throw new InvalidInputError("Give the grant's scope: allMeteredPrices: true or priceIds", field);
  if (ids.length < 1 || ids.length > MAX_SCOPED_PRICES) {
    throw new InvalidInputError(`priceIds has 1–${MAX_SCOPED_PRICES} prices; got ${ids.length}`, [
      ...field,
      "priceIds",
    ]);
  }
  const prices = await tenant.prisma.price.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, usageType: true, currency: true },
  });
  const byId = new Map(prices.map((price) => [price.id, price]));
  ids.forEach((id, index) => {
    const at = [...field, "priceIds", String(index)];
    const price = byId.get(id);
    if (!price) throw new NotFoundError(`No price ${id}`, at);
    if (ids.indexOf(id) !== index) throw new InvalidInputError(`Price ${id} appears twice`, at);
    if (price.usageType !== "METERED")
      throw new InvalidInputError(`Price ${id} is licensed: credits pay metered usage only`, at);
    if (price.currency !== currency) {
      throw new InvalidInputError(
        `Price ${id} is in ${price.currency}, the grant in ${currency}: it could never apply`,
        at,
        "CURRENCY_MISMATCH",
      );
    }
  });
  return { allMeteredPrices: false, priceIds: [...ids] };
}

export function validatePriority(priority: number | null | undefined): number {
  const value = priority ?? DEFAULT_PRIORITY;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PRIORITY) {
    throw new InvalidInputError(`priority must be an integer from 0 (applies first) to ${MAX_PRIORITY}; got ${value}`, [
      "input",
      "priority",
    ]);
  }
  return value;
}

export function validateName(name: string | null | undefined): string | null {
  const value = name?.trim() || null;
  if (value && value.length > MAX_NAME_LENGTH)
    throw new InvalidInputError(`name must be at most ${MAX_NAME_LENGTH} characters`, ["input", "name"]);
  return value;
}

/** effectiveAt defaults to the customer's now; an expiry must come after it, and after now (no grant is born expired). */
function validateDates(input: CreateCreditGrantInput, now: Date): { effectiveAt: Date; expiresAt: Date | null } {
  const effectiveAt = input.effectiveAt ?? now;
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null && expiresAt <= effectiveAt) {
    throw new InvalidInputError(`expiresAt must be after effectiveAt ${effectiveAt.toISOString()}`, [
      "input",
      "expiresAt",
    ]);
  }
  if (expiresAt !== null && expiresAt <= now) {
    throw new InvalidInputError(`expiresAt must be after the customer's now ${now.toISOString()}`, [
      "input",
      "expiresAt",
    ]);
  }
  return { effectiveAt, expiresAt };
}

export async function createCreditGrant(
  tenant: Tenant,
  clock: Clock,
  input: CreateCreditGrantInput,
): Promise<CreditGrant> {
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  const { amount, currency } = validateAmount(input.amount);
  const scope = await validateScope(tenant, input.scope, currency);
  const priority = validatePriority(input.priority);
  const name = validateName(input.name);

  return tenant.prisma.$transaction(async (tx) => {
    // Under the clock's share lock, "now" cannot move while the dates are checked against it.
    const now = await lockedCustomerNow(tx, tenant.scope, customer, clock);
    const { effectiveAt, expiresAt } = validateDates(input, now);
    return insertGrant(tx, tenant.scope, {
      customerId: customer.id,
      name,
      currency,
      amount,
      category: input.category,
      priority,
      scope,
      effectiveAt,
      expiresAt,
      at: now,
    });
  });
}

/** A checked grant as stored. */
export interface NewGrant {
  customerId: string;
  name: string | null;
  currency: string;
  amount: Decimal;
  category: CreditGrantCategory;
  priority: number;
  scope: GrantScope;
  effectiveAt: Date;
  expiresAt: Date | null;
  /** The customer's now. */
  at: Date;
}

/** Stores a checked grant with its GRANT ledger row and its billing.credit_grant.created event, in the caller's transaction. */
export async function insertGrant(tx: Tx, scope: Scope, input: NewGrant): Promise<CreditGrant> {
  const grant = await tx.creditGrant.create({
    data: {
      id: newId("CreditGrant"),
      ...scope,
      customerId: input.customerId,
      name: input.name,
      currency: input.currency,
      amount: input.amount.toFixed(),
      remaining: input.amount.toFixed(),
      category: input.category,
      priority: input.priority,
      ...input.scope,
      effectiveAt: input.effectiveAt,
      expiresAt: input.expiresAt,
      createdAt: input.at,
    },
  });
  await recordGrant(tx, scope, grant, input.at);
  await recordEvent(tx, scope, "billing.credit_grant.created", creditGrantEventData(grant));
  return grant;
}
