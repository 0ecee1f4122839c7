// Customers (docs/concepts/subscriptions.md#customers): name, email, metadata and an optional test clock (test mode only);
// updated field by field; deleted only without a subscription that is not canceled.
import type { Clock } from "../clock.js";
import type { Tenant } from "../context.js";
import { lockCustomer, lockedCustomerNow } from "../db/locks.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import { Prisma, type Customer } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { recordEvent } from "./event-log/record.js";
import { customerEventData, previousValues } from "./event-log/serializers.js";
import { replaceDiscounts, type DiscountInput } from "./discounts/apply.js";
import { checkTaxRates, setTaxRates } from "./tax-rates.js";
import { byId } from "../db/tenant-scope.js";

export interface CreateCustomerInput {
  name?: string | null;
  email?: string | null;
  metadata?: Record<string, unknown> | null;
  testClockId?: string | null;
  /** Coupons or promotion codes redeemed for the customer (docs/concepts/discounts.md#customers-and-subscriptions). */
  discounts?: readonly DiscountInput[] | null;
  /** Tax rates of its invoices' lines that have no subscription or item rates (docs/concepts/tax-rates.md#which-rates-apply). */
  defaultTaxRates?: readonly string[] | null;
  /** Days from an invoice's finalization to its dueDate; default 30. */
  invoiceDaysUntilDue?: number | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stripe's metadata rules: ≤ 50 keys, keys ≤ 40 characters, string values ≤ 500 characters. */
export function validateMetadata(metadata: Record<string, unknown>, field: string[]): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length > 50) throw new InvalidInputError("metadata has at most 50 keys", field);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 40)
      throw new InvalidInputError("metadata keys are 1–40 characters", [...field, key]);
    if (typeof value !== "string" || value.length > 500) {
      throw new InvalidInputError("metadata values are strings of at most 500 characters", [...field, key]);
    }
  }
  return metadata as Record<string, string>;
}

function validName(value: string | null | undefined): string | null {
  const name = value?.trim() || null;
  if (name && name.length > 250) throw new InvalidInputError("name must be at most 250 characters", ["input", "name"]);
  return name;
}

/** 0–730 days, Stripe's bound for days_until_due (docs/concepts/invoices.md#due-date). */
function validDaysUntilDue(days: number): number {
  if (!Number.isInteger(days) || days < 0 || days > 730) {
    throw new InvalidInputError("invoiceDaysUntilDue must be a whole number of days from 0 to 730", [
      "input",
      "invoiceDaysUntilDue",
    ]);
  }
  return days;
}

function validEmail(value: string | null | undefined): string | null {
  const email = value?.trim() || null;
  if (email && (email.length > 512 || !EMAIL.test(email))) {
    throw new InvalidInputError(`Not an email address: ${email}`, ["input", "email"]);
  }
  return email;
}

/** `query` is the GraphQL layer's Prisma selection, so the returned relations come in the same query. */
export async function createCustomer(
  tenant: Tenant,
  clock: Clock,
  input: CreateCustomerInput,
  query: Pick<Prisma.CustomerCreateArgs, "include" | "select"> = {},
): Promise<Customer> {
  const name = validName(input.name);
  const email = validEmail(input.email);
  const metadata = input.metadata ? validateMetadata(input.metadata, ["input", "metadata"]) : null;
  const days = input.invoiceDaysUntilDue == null ? null : validDaysUntilDue(input.invoiceDaysUntilDue);
  if (input.testClockId) {
    if (tenant.scope.mode !== "test") {
      throw new InvalidInputError(
        "Test clocks exist only in test mode.",
        ["input", "testClockId"],
        "TEST_CLOCK_IN_LIVE_MODE",
      );
    }
    const clock = await tenant.prisma.testClock.findUnique({
      where: byId(tenant.scope, input.testClockId),
      select: { id: true },
    });
    if (!clock) throw new NotFoundError(`No test clock ${input.testClockId}`, ["input", "testClockId"]);
  }
  return tenant.prisma.$transaction(async (tx) => {
    const testClockId = input.testClockId || null;
    const now = await lockedCustomerNow(tx, tenant.scope, { testClockId }, clock);
    const rates = input.defaultTaxRates ?? [];
    await checkTaxRates(tx, rates, ["input", "defaultTaxRates"]);
    const id = newId("Customer");
    await tx.customer.create({
      data: {
        id,
        ...tenant.scope,
        name,
        email,
        ...(metadata ? { metadata } : {}),
        testClockId,
        ...(days === null ? {} : { invoiceDaysUntilDue: days }),
      },
    });
    if (rates.length > 0) await setTaxRates(tx, tenant.scope, { customerId: id }, rates);
    if (input.discounts) await replaceDiscounts(tx, tenant.scope, { customerId: id }, input.discounts, now, null);
    const customer = await tx.customer.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    await recordEvent(tx, tenant.scope, "customer.created", customerEventData(customer));
    return customer;
  });
}

/** The tenant's customer (with its test clock id, for "now"), or NOT_FOUND on `field`; a deleted customer takes nothing new. */
export async function findCustomer(
  tenant: Tenant,
  id: string,
  field: string[],
): Promise<{ id: string; testClockId: string | null }> {
  const customer = await tenant.prisma.customer.findUnique({
    where: byId(tenant.scope, id),
    select: { id: true, testClockId: true, deletedAt: true },
  });
  if (!customer) throw new NotFoundError(`No customer ${id}`, field);
  if (customer.deletedAt !== null) throw new NotFoundError(`Customer ${id} is deleted`, field);
  return { id: customer.id, testClockId: customer.testClockId };
}

export interface UpdateCustomerInput {
  id: string;
  /** Omitted: unchanged; null or blank: cleared. */
  name?: string | null;
  email?: string | null;
  /** Merged into the stored metadata; a key set to "" is removed; null clears all (Stripe's rule). */
  metadata?: Record<string, unknown> | null;
  /** Replaces the customer's discounts; [] removes them all. */
  discounts?: readonly DiscountInput[] | null;
  /** Replaces the customer's default tax rates; [] removes them. */
  defaultTaxRates?: readonly string[] | null;
  /** Omitted or null: unchanged. Applies to invoices finalized from now on. */
  invoiceDaysUntilDue?: number | null;
}

function mergedMetadata(stored: Prisma.JsonValue, update: Record<string, unknown>): Record<string, string> {
  const merged: Record<string, unknown> = { ...((stored as Record<string, unknown> | null) ?? {}) };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  return validateMetadata(merged, ["input", "metadata"]);
}

/** Updates the given fields (docs/concepts/subscriptions.md#customers); records customer.updated with the earlier values. */
export async function updateCustomer(
  tenant: Tenant,
  clock: Clock,
  input: UpdateCustomerInput,
  query: Pick<Prisma.CustomerUpdateArgs, "include" | "select"> = {},
): Promise<Customer> {
  const data: Prisma.CustomerUpdateInput = {};
  if (input.name !== undefined) data.name = validName(input.name);
  if (input.email !== undefined) data.email = validEmail(input.email);
  const discounts = input.discounts;
  // Discounts start at the customer's now, read before the customer's row lock (db/locks.ts order).
  const clocked = discounts != null ? await findCustomer(tenant, input.id, ["input", "id"]) : null;
  if (input.invoiceDaysUntilDue != null) data.invoiceDaysUntilDue = validDaysUntilDue(input.invoiceDaysUntilDue);
  return tenant.prisma.$transaction(async (tx) => {
    const now = clocked ? await lockedCustomerNow(tx, tenant.scope, clocked, clock) : null;
    const locked = await lockCustomer(tx, tenant.scope, input.id, "update");
    if (!locked || locked.deletedAt !== null) throw new NotFoundError(`No customer ${input.id}`, ["input", "id"]);
    if (input.metadata !== undefined) {
      const metadata = input.metadata === null ? {} : mergedMetadata(locked.metadata, input.metadata);
      data.metadata = Object.keys(metadata).length === 0 ? Prisma.DbNull : metadata;
    }
    if (input.defaultTaxRates != null) {
      await checkTaxRates(tx, input.defaultTaxRates, ["input", "defaultTaxRates"]);
      await setTaxRates(tx, tenant.scope, { customerId: input.id }, input.defaultTaxRates);
    }
    if (discounts != null) await replaceDiscounts(tx, tenant.scope, { customerId: input.id }, discounts, now!, null);
    const updated = await tx.customer.update({ where: byId(tenant.scope, input.id), data });
    const previous = previousValues(customerEventData(locked), customerEventData(updated), [
      "name",
      "email",
      "metadata",
      "invoiceDaysUntilDue",
    ]);
    if (previous !== null)
      await recordEvent(tx, tenant.scope, "customer.updated", customerEventData(updated), previous);
    return tx.customer.findUniqueOrThrow({ ...query, where: byId(tenant.scope, input.id) });
  });
}

/**
 * Deletes a customer whose subscriptions are all canceled (CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS
 * otherwise): it stays readable with its invoices and events, and takes no new subscription,
 * credit grant or alert. Subscription creation holds the customer's row in share mode, so it and
 * the check here cannot interleave.
 */
export async function deleteCustomer(tenant: Tenant, clock: Clock, id: string): Promise<Customer> {
  const customer = await findCustomer(tenant, id, ["input", "id"]);
  return tenant.prisma.$transaction(async (tx) => {
    // The lock order of db/locks.ts: the test clock, then the customer row.
    const deletedAt = await lockedCustomerNow(tx, tenant.scope, customer, clock);
    const locked = await lockCustomer(tx, tenant.scope, id, "update");
    if (!locked || locked.deletedAt !== null) throw new NotFoundError(`No customer ${id}`, ["input", "id"]);
    const open = await tx.subscription.count({ where: { customerId: id, status: { not: "CANCELED" } } });
    if (open > 0) {
      throw new InvalidInputError(
        `Customer ${id} has ${open} subscription(s) not canceled; cancel them first`,
        ["input", "id"],
        "CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS",
      );
    }
    const deleted = await tx.customer.update({ where: byId(tenant.scope, id), data: { deletedAt } });
    await recordEvent(tx, tenant.scope, "customer.deleted", customerEventData(deleted));
    return deleted;
  });
}
