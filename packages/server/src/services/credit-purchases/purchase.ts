// purchaseCredits (docs/concepts/credits.md#purchases): a finalized invoice with one CREDIT_PURCHASE
// line (taxed only by the tax rates given) and the PAID grant it buys, made at once or, with
// invoiceRequiresPayment, when the invoice is paid (credits/purchase-grant.ts), in one transaction.
import { composeInvoice, toDecimal, ZERO, type Decimal, type TaxRule } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockedCustomerNow } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import { CREDIT_TRANSACTION, type Tx } from "../../db/transaction.js";
import { InvalidInputError } from "../../errors.js";
import type { CreditPurchase } from "../../generated/prisma/client.js";
import { recordSecrets } from "../../auth/secret-lookups.js";
import { newId } from "../../ids.js";
import { validateAmount, validateName, validatePriority, validateScope } from "../credits/create.js";
import { grantPurchase } from "../credits/purchase-grant.js";
import { findCustomer } from "../customers.js";
import { recordEvent } from "../event-log/record.js";
import { invoiceEventData } from "../event-log/serializers.js";
import { finalizationFields, invoiceAmounts, lineRows } from "../invoices/store.js";
import { checkTaxRates } from "../tax-rates.js";

export interface PurchaseGrantSettings {
  name?: string | null;
  priority?: number | null;
  expiresAt?: Date | null;
  /** None: every metered price. */
  priceIds?: readonly string[] | null;
}

export interface PurchaseCreditsInput {
  customerId: string;
  amount: { toFixed(): string };
  currency: string;
  grant?: PurchaseGrantSettings | null;
  /** Default false: the grant takes effect at once. */
  invoiceRequiresPayment?: boolean | null;
  /** Untaxed when none. */
  taxRateIds?: readonly string[] | null;
}

/** A purchase whose every field has been checked. */
export interface CheckedPurchase {
  customerId: string;
  testClockId: string | null;
  amount: Decimal;
  currency: string;
  grantName: string | null;
  grantPriority: number;
  grantExpiresAt: Date | null;
  grantPriceIds: string[];
  invoiceRequiresPayment: boolean;
  taxRates: TaxRule[];
}

export async function checkPurchase(tenant: Tenant, input: PurchaseCreditsInput): Promise<CheckedPurchase> {
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  const { amount, currency } = validateAmount(
    { amount: input.amount, currency: input.currency },
    { amount: ["input", "amount"], currency: ["input", "currency"] },
  );
  const grant = input.grant ?? {};
  const scope = await validateScope(
    tenant,
    grant.priceIds == null ? { allMeteredPrices: true } : { priceIds: grant.priceIds },
    currency,
  );
  const ids = input.taxRateIds ?? [];
  await checkTaxRates(tenant.prisma, ids, ["input", "taxRateIds"]);
  const rates = await tenant.prisma.taxRate.findMany({ where: { id: { in: [...ids] } } });
  return {
    customerId: customer.id,
    testClockId: customer.testClockId,
    amount,
    currency,
    grantName: validateName(grant.name),
    grantPriority: validatePriority(grant.priority),
    grantExpiresAt: grant.expiresAt ?? null,
    grantPriceIds: scope.priceIds,
    invoiceRequiresPayment: input.invoiceRequiresPayment === true,
    taxRates: ids.map((id) => {
      const rate = rates.find((found) => found.id === id)!;
      return { id, percentage: toDecimal(rate.percentage.toFixed()), inclusive: rate.inclusive };
    }),
  };
}

/**
 * Stores the purchase at the customer's `now` in the caller's transaction: its invoice, numbered
 * and OPEN (`invoice.created`, `invoice.finalized`), and its grant unless payment must come first.
 */
export async function storePurchase(
  tx: Tx,
  scope: Scope,
  purchase: CheckedPurchase,
  now: Date,
  options: { autoRecharge?: boolean } = {},
): Promise<CreditPurchase> {
  if (purchase.grantExpiresAt !== null && purchase.grantExpiresAt <= now) {
    throw new InvalidInputError(`grant.expiresAt must be after the customer's now ${now.toISOString()}`, [
      "input",
      "grant",
      "expiresAt",
    ]);
  }
  const id = newId("CreditPurchase");
  const draft = composeInvoice({
    kind: "MANUAL",
    period: { start: now, end: now },
    currency: purchase.currency,
    // A purchase has no usage or licence lines, which is all the billing mode decides.
    billingMode: "FLEXIBLE",
    at: now,
    items: [],
    grants: [],
    taxRates: { byItem: new Map(), fallback: purchase.taxRates },
    pending: {
      prorations: [],
      segments: [],
      invoiceItems: [
        {
          kind: "CREDIT_PURCHASE",
          itemId: id,
          priceId: null,
          description: purchase.grantName === null ? "Credit purchase" : `Credit purchase: ${purchase.grantName}`,
          tier: null,
          quantity: toDecimal("1"),
          unitAmount: purchase.amount,
          flatAmount: ZERO,
          amount: purchase.amount,
          periodStart: now,
          periodEnd: now,
        },
      ],
    },
  });
  const invoiceId = newId("Invoice");
  const fields = await finalizationFields(tx, scope, purchase.customerId, now);
  const invoice = await tx.invoice.create({
    data: {
      id: invoiceId,
      ...scope,
      ...fields,
      customerId: purchase.customerId,
      subscriptionId: null,
      billingReason: "MANUAL",
      description: "Credit purchase",
      ...invoiceAmounts(draft),
      createdAt: now,
      lines: { createMany: { data: lineRows(draft) } },
    },
    include: { lines: true },
  });
  await recordSecrets(tx, "INVOICE_DOCUMENT", [{ scope, id: invoiceId, secret: fields.documentToken }]);
  const stored = await tx.creditPurchase.create({
    data: {
      id,
      ...scope,
      customerId: purchase.customerId,
      invoiceId,
      status: "PENDING",
      currency: purchase.currency,
      amount: purchase.amount.toFixed(),
      grantName: purchase.grantName,
      grantPriority: purchase.grantPriority,
      grantExpiresAt: purchase.grantExpiresAt,
      grantPriceIds: purchase.grantPriceIds,
      invoiceRequiresPayment: purchase.invoiceRequiresPayment,
      autoRecharge: options.autoRecharge === true,
      createdAt: now,
    },
  });
  const data = invoiceEventData(invoice);
  await recordEvent(tx, scope, "invoice.created", data);
  await recordEvent(tx, scope, "invoice.finalized", data);
  if (purchase.invoiceRequiresPayment) return stored;
  const grant = await grantPurchase(tx, scope, stored, now);
  return { ...stored, status: "GRANTED", grantId: grant.id };
}

export async function purchaseCredits(
  tenant: Tenant,
  clock: Clock,
  input: PurchaseCreditsInput,
): Promise<CreditPurchase> {
  const purchase = await checkPurchase(tenant, input);
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, tenant.scope, { testClockId: purchase.testClockId }, clock);
    return storePurchase(tx, tenant.scope, purchase, now);
  }, CREDIT_TRANSACTION);
}
