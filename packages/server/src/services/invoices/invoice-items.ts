// One-off invoice items (docs/concepts/invoices.md#one-off-invoice-items): createInvoiceItem,
// updateInvoiceItem, deleteInvoiceItem. An item waits (pending) for its subscription's next
// invoice, or the customer's next in its currency, or sits on a DRAFT; it can be changed or
// deleted until an invoice is finalized with it. Its amount is fixed here, when it is made.
import {
  amountItem,
  minorUnits,
  normalizeCurrency,
  pricedItem,
  toDecimal,
  type Decimal,
  type InvoiceItemAmounts,
  type PerUnitModel,
} from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockedCustomerNow } from "../../db/locks.js";
import { byId, scopeClause } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { PendingInvoiceItem, Price } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { findCustomer } from "../customers.js";
import { priceModelOf } from "../prices.js";
import { lockDraft, recomposeDraft } from "./drafts.js";
import { invoiceStateError } from "./transitions.js";

/** Far below the amount column's 60 integer digits; no one-off charge is anywhere near it. */
const MAX_AMOUNT = toDecimal("1e15");
const MAX_QUANTITY = 1_000_000_000;
const MAX_DESCRIPTION_LENGTH = 500;

export interface InvoiceItemPeriodInput {
  start: Date;
  end: Date;
}

export interface CreateInvoiceItemInput {
  customerId: string;
  /** A decimal.js value of the API's Decimal scalar. */
  amount?: { toFixed(): string } | null;
  priceId?: string | null;
  quantity?: number | null;
  currency?: string | null;
  description?: string | null;
  subscriptionId?: string | null;
  invoiceId?: string | null;
  period?: InvoiceItemPeriodInput | null;
}

export interface UpdateInvoiceItemInput {
  id: string;
  amount?: { toFixed(): string } | null;
  quantity?: number | null;
  description?: string | null;
  period?: InvoiceItemPeriodInput | null;
}

const field = (...path: string[]) => ["input", ...path];

/** Nonzero, within bounds, with no more digits than the currency's minor unit (never rounded silently). */
function checkAmount(value: { toFixed(): string }, currency: string): Decimal {
  const amount = toDecimal(value.toFixed());
  if (amount.isZero()) throw new InvalidInputError("amount must not be 0", field("amount"));
  if (amount.abs().greaterThanOrEqualTo(MAX_AMOUNT)) {
    throw new InvalidInputError(`amount must lie strictly between -${MAX_AMOUNT} and ${MAX_AMOUNT}`, field("amount"));
  }
  const digits = minorUnits(currency);
  if (amount.decimalPlaces() > digits) {
    throw new InvalidInputError(`${currency} amounts have at most ${digits} decimal places; got ${amount.toFixed()}`, [
      "input",
      "amount",
    ]);
  }
  return amount;
}

function checkQuantity(quantity: number): Decimal {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new InvalidInputError(`quantity must be a whole number from 1 to ${MAX_QUANTITY}`, field("quantity"));
  }
  return toDecimal(String(quantity));
}

function checkDescription(description: string | null | undefined, fallback: string | null): string {
  const text = description?.trim() || fallback;
  if (!text) throw new InvalidInputError("An item given as an amount needs a description", field("description"));
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidInputError(`description has at most ${MAX_DESCRIPTION_LENGTH} characters`, field("description"));
  }
  return text;
}

function checkPeriod(period: InvoiceItemPeriodInput): InvoiceItemPeriodInput {
  if (period.end < period.start)
    throw new InvalidInputError("period.end must not be before period.start", field("period"));
  return period;
}

/** A one-off item's price: an active LICENSED per-unit price (a package price bills whole packages). */
function checkPrice(price: (Price & { product: { name: string } }) | null, id: string) {
  if (price === null) throw new NotFoundError(`No price ${id}`, field("priceId"));
  if (!price.active) throw new InvalidInputError(`Price ${id} is archived`, field("priceId"));
  const model = priceModelOf(price);
  if (price.usageType !== "LICENSED" || model.scheme !== "PER_UNIT") {
    throw new InvalidInputError(`A one-off item's price must be LICENSED and per-unit; ${id} is not`, field("priceId"));
  }
  return { price, model };
}

/** The model of an item's price, per-unit since its creation checked it (prices never change their amounts). */
function perUnitModel(price: Price): PerUnitModel {
  const model = priceModelOf(price);
  if (model.scheme !== "PER_UNIT") throw new Error(`Invoice item price ${price.id} is not per-unit`);
  return model;
}

function sameCurrency(expected: string, actual: string, path: string[], what: string): void {
  if (expected !== actual) {
    throw new InvalidInputError(`${what} is in ${actual}, the item in ${expected}`, path, "CURRENCY_MISMATCH");
  }
}

function amountColumns(amounts: InvoiceItemAmounts) {
  return {
    quantity: amounts.quantity.toFixed(),
    unitAmount: amounts.unitAmount.toFixed(),
    flatAmount: "0",
    amount: amounts.amount.toFixed(),
  };
}

export async function createInvoiceItem(tenant: Tenant, clock: Clock, input: CreateInvoiceItemInput): Promise<string> {
  const { scope } = tenant;
  const customer = await findCustomer(tenant, input.customerId, field("customerId"));
  const byPrice = input.priceId != null;
  if (byPrice === (input.amount != null)) throw new InvalidInputError("Give either amount or priceId", field("amount"));
  if (!byPrice && input.quantity != null) throw new InvalidInputError("quantity goes with priceId", field("quantity"));
  const priced = byPrice
    ? checkPrice(
        await tenant.prisma.price.findUnique({ where: byId(tenant.scope, input.priceId!), include: { product: true } }),
        input.priceId!,
      )
    : null;
  const given = input.currency == null ? null : normalizeCurrency(input.currency);
  if (input.currency != null && given === null) {
    throw new InvalidInputError(`Unknown currency: ${input.currency}`, field("currency"));
  }
  const subscription =
    input.subscriptionId == null
      ? null
      : await tenant.prisma.subscription.findFirst({ where: { id: input.subscriptionId, customerId: customer.id } });
  if (input.subscriptionId != null && subscription === null) {
    throw new NotFoundError(
      `Customer ${customer.id} has no subscription ${input.subscriptionId}`,
      field("subscriptionId"),
    );
  }
  if (subscription?.status === "CANCELED") {
    throw new InvalidInputError(
      `Subscription ${subscription.id} is canceled`,
      field("subscriptionId"),
      "SUBSCRIPTION_NOT_ACTIVE",
    );
  }
  const draft =
    input.invoiceId == null
      ? null
      : await tenant.prisma.invoice.findFirst({ where: { id: input.invoiceId, customerId: customer.id } });
  if (input.invoiceId != null && draft === null) {
    throw new NotFoundError(`Customer ${customer.id} has no invoice ${input.invoiceId}`, field("invoiceId"));
  }
  if (draft && subscription && draft.subscriptionId !== subscription.id) {
    throw new InvalidInputError(
      `Invoice ${draft.id} is not for subscription ${subscription.id}`,
      field("subscriptionId"),
    );
  }
  const currency = priced?.price.currency ?? given ?? subscription?.currency ?? draft?.currency;
  if (currency === undefined) {
    throw new InvalidInputError(
      "An item given as an amount needs a currency (or a subscription or invoice)",
      field("currency"),
    );
  }
  if (given !== null) sameCurrency(currency, given, field("currency"), "currency");
  if (subscription)
    sameCurrency(currency, subscription.currency, field("subscriptionId"), `Subscription ${subscription.id}`);
  if (draft) sameCurrency(currency, draft.currency, field("invoiceId"), `Invoice ${draft.id}`);
  const amounts = priced
    ? pricedItem(priced.model, checkQuantity(input.quantity ?? 1), currency)
    : amountItem(checkAmount(input.amount!, currency));
  const description = checkDescription(input.description, priced?.price.product.name ?? null);
  const id = newId("InvoiceItem");

  await tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    if (draft) await lockDraft(tx, scope, draft.id, field("invoiceId"));
    const period = input.period ? checkPeriod(input.period) : { start: now, end: now };
    await tx.pendingInvoiceItem.create({
      data: {
        id,
        ...scope,
        customerId: customer.id,
        currency,
        subscriptionId: subscription?.id ?? draft?.subscriptionId ?? null,
        kind: "INVOICE_ITEM",
        priceId: priced?.price.id ?? null,
        description,
        ...amountColumns(amounts),
        periodStart: period.start,
        periodEnd: period.end,
        createdAt: now,
        invoiceId: draft?.id ?? null,
      },
    });
    if (draft) await recomposeDraft(tx, scope, draft.id);
  });
  return id;
}

/**
 * Locks the item where it stands: a DRAFT's row first (the order of db/locks.ts), then the item's.
 * Refused once an invoice was finalized with it.
 */
async function lockEditable(tenant: Tenant, tx: Tx, id: string): Promise<PendingInvoiceItem & { price: Price | null }> {
  const { scope } = tenant;
  const seen = await tx.pendingInvoiceItem.findFirst({ where: { id, kind: "INVOICE_ITEM" } });
  if (seen === null) throw new NotFoundError(`No invoice item ${id}`, field("id"));
  if (seen.invoiceId !== null) await lockDraft(tx, scope, seen.invoiceId, field("id"));
  await tx.$queryRaw`SELECT "id" FROM "PendingInvoiceItem" WHERE "id" = ${id} AND ${scopeClause(scope)} FOR UPDATE`;
  const item = await tx.pendingInvoiceItem.findFirst({ where: { id }, include: { price: true } });
  // Deleted, or taken by an invoice between the first read and the lock: as if read after.
  if (item === null) throw new NotFoundError(`No invoice item ${id}`, field("id"));
  if (item.invoiceId !== null && item.invoiceId !== seen.invoiceId) {
    const taker = await tx.invoice.findUniqueOrThrow({
      where: byId(scope, item.invoiceId),
      select: { number: true, status: true },
    });
    throw invoiceStateError({ id: item.invoiceId, ...taker }, "changed", field("id"));
  }
  return item;
}

async function customerOfItem(tenant: Tenant, id: string) {
  const item = await tenant.prisma.pendingInvoiceItem.findFirst({
    where: { id, kind: "INVOICE_ITEM" },
    select: { customer: { select: { testClockId: true } } },
  });
  if (item === null) throw new NotFoundError(`No invoice item ${id}`, field("id"));
  return item.customer;
}

export async function updateInvoiceItem(tenant: Tenant, clock: Clock, input: UpdateInvoiceItemInput): Promise<void> {
  const { scope } = tenant;
  const customer = await customerOfItem(tenant, input.id);
  await tenant.prisma.$transaction(async (tx) => {
    await lockedCustomerNow(tx, scope, customer, clock);
    const item = await lockEditable(tenant, tx, input.id);
    if (input.amount != null && item.priceId !== null) {
      throw new InvalidInputError("An item with a price changes by its quantity", field("amount"));
    }
    if (input.quantity != null && item.priceId === null) {
      throw new InvalidInputError("An item given as an amount changes by its amount", field("quantity"));
    }
    const amounts =
      input.quantity != null
        ? pricedItem(perUnitModel(item.price!), checkQuantity(input.quantity), item.currency)
        : input.amount != null
          ? amountItem(checkAmount(input.amount, item.currency))
          : null;
    const period = input.period ? checkPeriod(input.period) : null;
    await tx.pendingInvoiceItem.update({
      where: byId(scope, item.id),
      data: {
        ...(amounts ? amountColumns(amounts) : {}),
        ...(input.description != null ? { description: checkDescription(input.description, null) } : {}),
        ...(period ? { periodStart: period.start, periodEnd: period.end } : {}),
      },
    });
    if (item.invoiceId !== null) await recomposeDraft(tx, scope, item.invoiceId);
  });
}

export async function deleteInvoiceItem(tenant: Tenant, clock: Clock, id: string): Promise<PendingInvoiceItem> {
  const { scope } = tenant;
  const customer = await customerOfItem(tenant, id);
  return tenant.prisma.$transaction(async (tx) => {
    await lockedCustomerNow(tx, scope, customer, clock);
    const item = await lockEditable(tenant, tx, id);
    await tx.pendingInvoiceItem.delete({ where: byId(scope, id) });
    if (item.invoiceId !== null) await recomposeDraft(tx, scope, item.invoiceId);
    const { price: _price, ...row } = item;
    return row;
  });
}
