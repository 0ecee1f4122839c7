// Event data: a JSON snapshot of the object at the time of the event, in the API's shape (IDs for
// related objects, decimals as strings, money as { amount, currency } in major units, ISO dates),
// so a webhook consumer reads the same fields as a GraphQL client.
import { formatMoney } from "@tally/billing";
import type {
  AlertTrigger,
  CreditGrant,
  CreditNote,
  CreditNoteLine,
  Coupon,
  Customer,
  Invoice,
  InvoiceLine,
  Meter,
  PromotionCode,
  Subscription,
  SubscriptionItem,
  TaxRate,
  UsageAlert,
} from "../../generated/prisma/client.js";

type Json = Record<string, unknown>;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const money = (amount: { toFixed(): string }, currency: string) => ({
  amount: formatMoney(amount.toFixed(), currency),
  currency,
});

/** The values `fields` had in `before` where `after` differs: an update event's `previousAttributes` (null when nothing changed). */
export function previousValues(before: Json, after: Json, fields: readonly string[]): Json | null {
  const changed = fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  return changed.length === 0 ? null : Object.fromEntries(changed.map((field) => [field, before[field]]));
}

export function invoiceEventData(invoice: Invoice & { lines: InvoiceLine[] }): Json {
  const lines = [...invoice.lines].sort((a, b) => a.position - b.position);
  return {
    id: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    billingReason: invoice.billingReason,
    status: invoice.status,
    currency: invoice.currency,
    periodStart: iso(invoice.periodStart),
    periodEnd: iso(invoice.periodEnd),
    lines: lines.map((line) => ({
      id: line.id,
      kind: line.kind,
      description: line.description,
      priceId: line.priceId,
      tier: line.tier,
      quantity: line.quantity.toFixed(),
      unitAmount: line.unitAmount.toFixed(),
      amount: money(line.amount, invoice.currency),
      periodStart: iso(line.periodStart),
      periodEnd: iso(line.periodEnd),
    })),
    subtotal: money(invoice.subtotal, invoice.currency),
    creditsApplied: money(invoice.creditsApplied, invoice.currency),
    total: money(invoice.total, invoice.currency),
    amountDue: money(invoice.amountDue, invoice.currency),
    startingBalance: money(invoice.startingBalance, invoice.currency),
    endingBalance: money(invoice.endingBalance, invoice.currency),
    amountPaid: money(invoice.amountPaid, invoice.currency),
    amountRemaining: money(invoice.amountRemaining, invoice.currency),
    paidOutOfBand: invoice.paidOutOfBand,
    dueDate: iso(invoice.dueDate),
    createdAt: iso(invoice.createdAt),
    finalizedAt: iso(invoice.finalizedAt),
    paidAt: iso(invoice.paidAt),
    voidedAt: iso(invoice.voidedAt),
    markedUncollectibleAt: iso(invoice.markedUncollectibleAt),
  };
}

/** credit_note.*: the note as the CreditNote type shows it. */
export function creditNoteEventData(note: CreditNote & { lines: CreditNoteLine[] }): Json {
  const lines = [...note.lines].sort((a, b) => a.position - b.position);
  return {
    id: note.id,
    number: note.number,
    invoiceId: note.invoiceId,
    customerId: note.customerId,
    type: note.type,
    status: note.status,
    reason: note.reason,
    memo: note.memo,
    amount: money(note.amount, note.currency),
    creditAmount: money(note.creditAmount, note.currency),
    outOfBandAmount: money(note.outOfBandAmount, note.currency),
    lines: lines.map((line) => ({
      id: line.id,
      invoiceLineId: line.invoiceLineId,
      description: line.description,
      quantity: line.quantity?.toFixed() ?? null,
      unitAmount: line.unitAmount?.toFixed() ?? null,
      amount: money(line.amount, note.currency),
    })),
    createdAt: iso(note.createdAt),
    voidedAt: iso(note.voidedAt),
  };
}

export function subscriptionEventData(subscription: Subscription & { items: SubscriptionItem[] }): Json {
  const items = [...subscription.items].sort((a, b) => a.position - b.position);
  return {
    id: subscription.id,
    customerId: subscription.customerId,
    status: subscription.status,
    billingMode: subscription.billingMode,
    currency: subscription.currency,
    items: items.map((item) => ({ id: item.id, priceId: item.priceId, quantity: item.quantity })),
    startDate: iso(subscription.startDate),
    billingCycleAnchor: iso(subscription.billingCycleAnchor),
    currentPeriodStart: iso(subscription.currentPeriodStart),
    currentPeriodEnd: iso(subscription.currentPeriodEnd),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    canceledAt: iso(subscription.canceledAt),
    trialStart: iso(subscription.trialStart),
    trialEnd: iso(subscription.trialEnd),
    createdAt: iso(subscription.createdAt),
  };
}

export function meterEventData(meter: Meter): Json {
  return {
    id: meter.id,
    displayName: meter.displayName,
    eventName: meter.eventName,
    aggregation: meter.aggregation,
    customerPayloadKey: meter.customerPayloadKey,
    valuePayloadKey: meter.valuePayloadKey,
    dimensionPayloadKeys: meter.dimensionPayloadKeys,
    status: meter.status,
    createdAt: iso(meter.createdAt),
  };
}

export function customerEventData(customer: Customer): Json {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    metadata: customer.metadata,
    testClockId: customer.testClockId,
    invoiceDaysUntilDue: customer.invoiceDaysUntilDue,
    createdAt: iso(customer.createdAt),
  };
}

function usageAlertEventData(alert: UsageAlert): Json {
  return {
    id: alert.id,
    title: alert.title,
    meterId: alert.meterId,
    customerId: alert.customerId,
    threshold: alert.threshold.toFixed(),
    recurrence: alert.recurrence,
    status: alert.status,
    createdAt: iso(alert.createdAt),
  };
}

/** billing.alert.triggered: the trigger with its alert. */
export function alertTriggerEventData(trigger: AlertTrigger, alert: UsageAlert): Json {
  return {
    id: trigger.id,
    alert: usageAlertEventData(alert),
    customerId: trigger.customerId,
    value: trigger.value.toFixed(),
    triggeredAt: iso(trigger.triggeredAt),
  };
}

/** billing.credit_grant.*: the grant as the CreditGrant type shows it. */
export function creditGrantEventData(grant: CreditGrant): Json {
  return {
    id: grant.id,
    customerId: grant.customerId,
    name: grant.name,
    amount: money(grant.amount, grant.currency),
    remaining: money(grant.remaining, grant.currency),
    category: grant.category,
    priority: grant.priority,
    priceIds: grant.allMeteredPrices ? null : grant.priceIds,
    effectiveAt: iso(grant.effectiveAt),
    expiresAt: iso(grant.expiresAt),
    voidedAt: iso(grant.voidedAt),
    createdAt: iso(grant.createdAt),
  };
}

export function couponEventData(coupon: Coupon): Json {
  return {
    id: coupon.id,
    name: coupon.name,
    percentOff: coupon.percentOff?.toFixed() ?? null,
    amountOff: coupon.amountOff && coupon.currency ? money(coupon.amountOff, coupon.currency) : null,
    duration: coupon.duration,
    durationInMonths: coupon.durationInMonths,
    appliesToProductIds: coupon.appliesToProductIds,
    maxRedemptions: coupon.maxRedemptions,
    timesRedeemed: coupon.timesRedeemed,
    redeemBy: iso(coupon.redeemBy),
    deletedAt: iso(coupon.deletedAt),
    createdAt: iso(coupon.createdAt),
  };
}

export function promotionCodeEventData(code: PromotionCode): Json {
  return {
    id: code.id,
    couponId: code.couponId,
    code: code.code,
    active: code.active,
    maxRedemptions: code.maxRedemptions,
    timesRedeemed: code.timesRedeemed,
    expiresAt: iso(code.expiresAt),
    createdAt: iso(code.createdAt),
  };
}

export function taxRateEventData(rate: TaxRate): Json {
  return {
    id: rate.id,
    displayName: rate.displayName,
    description: rate.description,
    percentage: rate.percentage.toFixed(),
    inclusive: rate.inclusive,
    country: rate.country,
    jurisdiction: rate.jurisdiction,
    active: rate.active,
    createdAt: iso(rate.createdAt),
  };
}
