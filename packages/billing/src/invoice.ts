import { adjustedTotals, adjustLines, payableAmount, type AdjustedLine, type TaxRates } from "./adjustments.js";
import { applyCredits, type CreditApplication, type CreditGrantState } from "./credits.js";
import { applyCustomerBalance } from "./customer-balance.js";
import type { DiscountAmount, DiscountRule } from "./discounts.js";
import { Decimal, ZERO, roundMoney, sum, type DecimalInput } from "./money.js";
import type { TaxAmount } from "./tax.js";
import type { Period } from "./periods.js";
import { isPrepaidLine, type InvoiceLine } from "./invoice-line.js";
import type { ProrationLine } from "./proration.js";
import { priceQuantity } from "./pricing/price.js";
import { priceContinuation } from "./pricing/continuation.js";
import { describeTierRange } from "./pricing/tiers.js";
import type { PriceModel } from "./pricing/types.js";

/** One subscription item as the invoice sees it. */
export interface InvoiceItem {
  itemId: string;
  priceId: string;
  /** Shown on the invoice, e.g. the product's name. */
  description: string;
  usageType: "LICENSED" | "METERED";
  model: PriceModel;
  /** Licensed quantity (an integer; a number is converted to Decimal at once). Ignored for METERED items. */
  quantity: DecimalInput | number;
}

/** The period licensed items are billed for (in advance) and its proration factor (1 for a full period). */
export interface LicenseWindow {
  period: Period;
  prorationFactor: Decimal;
  /** A free trial: each licensed item is shown at 0 as "Trial period for …" (docs/concepts/subscriptions.md#trials). */
  trial?: boolean;
}

/** The period metered items are billed for (in arrears) and each metered item's aggregated quantity (missing = 0). */
export interface UsageWindow {
  period: Period;
  quantities: ReadonlyMap<string, Decimal>;
  /** Items whose price started inside the period (a change): each one's usage starts here (missing = period start). */
  starts?: ReadonlyMap<string, Date>;
  /** Each item's quantity of the period already invoiced by threshold invoices: only the rest is billed (priceContinuation). */
  billed?: ReadonlyMap<string, Decimal>;
}

/** Usage of part of a period at an item's earlier metered price (docs/concepts/subscriptions.md#metered-items-and-changes). */
export interface UsageSegment {
  item: InvoiceItem;
  period: Period;
  quantity: Decimal;
}

/**
 * What waits for an invoice: from subscription changes, PRORATION lines and usage at replaced
 * prices; one-off INVOICE_ITEM lines (invoice-item.ts), their amounts fixed at creation.
 */
export interface PendingCharges {
  prorations: readonly ProrationLine[];
  segments: readonly UsageSegment[];
  invoiceItems?: readonly InvoiceLine[];
}

interface SnapshotBase {
  currency: string;
  billingMode: "CLASSIC" | "FLEXIBLE";
  /** The invoice's time: decides which credit grants apply. */
  at: Date;
  items: readonly InvoiceItem[];
  grants: readonly CreditGrantState[];
  /** Left by subscription changes since the last invoice; billed before the invoice's own lines. */
  pending?: PendingCharges;
  /** The discounts in force at the invoice's time, in the order they apply (docs/concepts/discounts.md); none: no discount. */
  discounts?: readonly DiscountRule[];
  /** The lines' tax rates (docs/concepts/tax-rates.md); none: no tax. */
  taxRates?: TaxRates;
  /** Each price's product, for discounts restricted to products. */
  products?: ReadonlyMap<string, string>;
  /** The customer's balance in the invoice's currency, applied last (docs/concepts/customer-balance.md#on-invoices); missing = 0. */
  customerBalance?: Decimal;
}

/**
 * Everything an invoice depends on. FIRST: the subscription starts (licensed items for the first
 * period). PERIOD_END: a period ends (its usage, plus licensed items for the next period unless the
 * subscription ends there). FINAL: cancellation now (usage of the closed part of the period).
 * UPDATE: a change invoiced at once (only its pending charges), for the period it happens in.
 * MANUAL: an invoice made by hand (createInvoice): only its pending charges, for `period`.
 */
export type InvoiceSnapshot = SnapshotBase &
  (
    | { kind: "FIRST"; license: LicenseWindow }
    | { kind: "PERIOD_END"; usage: UsageWindow; license?: LicenseWindow }
    | { kind: "FINAL"; usage: UsageWindow }
    | { kind: "UPDATE"; period: Period }
    | { kind: "MANUAL"; period: Period }
  );

/** An invoice before it is stored. No lines (`lines.length === 0`) means no invoice is created. */
export interface InvoiceDraft {
  currency: string;
  /** The billing period the invoice closes (docs/concepts/invoices.md#the-invoices-period). */
  periodStart: Date;
  periodEnd: Date;
  /** Each line with its discount and tax amounts (docs/concepts/invoices.md#lines). */
  lines: AdjustedLine[];
  subtotal: Decimal;
  totalDiscountAmount: Decimal;
  totalDiscountAmounts: DiscountAmount[];
  tax: Decimal;
  totalTaxAmounts: TaxAmount[];
  subtotalExcludingTax: Decimal;
  totalExcludingTax: Decimal;
  creditsApplied: Decimal;
  creditApplications: CreditApplication[];
  total: Decimal;
  /** The customer balance before and after the invoice (negative: a credit). */
  startingBalance: Decimal;
  endingBalance: Decimal;
  amountDue: Decimal;
}

/**
 * Significant digits a prorated amount is settled to before rounding: a factor like 1/3 carries a
 * last-digit error at the engine's precision, which must not decide a half-cent tie (0.285 × 1/3 = 0.095 → 0.10).
 */
const PRORATION_DIGITS = 50;

function describe(item: InvoiceItem, tier: number | null, prorated: boolean): string {
  const base =
    item.model.scheme === "TIERED" && tier !== null
      ? `${item.description} — tier ${tier} (${describeTierRange(item.model.tiers, tier - 1)})`
      : item.description;
  return prorated ? `${base} (prorated)` : base;
}

function toLines(
  item: InvoiceItem,
  kind: InvoiceLine["kind"],
  quantity: Decimal,
  period: Period,
  factor: Decimal,
  currency: string,
  billed?: Decimal,
): InvoiceLine[] {
  const prorated = !factor.equals(1);
  // A threshold invoice that billed no quantity may still have charged a first tier's flat amount.
  const priced =
    billed !== undefined
      ? priceContinuation(item.model, billed, Decimal.max(quantity, billed))
      : priceQuantity(item.model, quantity);
  return priced.map((priced) => ({
    kind,
    itemId: item.itemId,
    priceId: item.priceId,
    description: describe(item, priced.tier, prorated),
    tier: priced.tier,
    quantity: priced.quantity,
    unitAmount: priced.unitAmount,
    flatAmount: priced.flatAmount,
    amount: roundMoney(priced.amount.times(factor).toSignificantDigits(PRORATION_DIGITS), currency),
    periodStart: period.start,
    periodEnd: period.end,
  }));
}

/**
 * USAGE lines: the closed period's usage, or on a CLASSIC first invoice a zero line per metered
 * item (a placeholder billing nothing, not even a first tier's flat fee, which the period's own
 * usage invoice charges). A final invoice of a period cut to nothing bills no usage.
 */
function usageLines(snapshot: InvoiceSnapshot): InvoiceLine[] {
  if (snapshot.kind === "UPDATE" || snapshot.kind === "MANUAL") return [];
  const metered = snapshot.items.filter((item) => item.usageType === "METERED");
  const one = new Decimal(1);
  if (snapshot.kind === "FIRST") {
    if (snapshot.billingMode === "FLEXIBLE") return [];
    return metered.flatMap((item) =>
      toLines(item, "USAGE", ZERO, snapshot.license.period, one, snapshot.currency).map((line) => ({
        ...line,
        flatAmount: ZERO,
        amount: ZERO,
      })),
    );
  }
  const { period, quantities } = snapshot.usage;
  if (snapshot.kind === "FINAL" && period.end <= period.start) return [];
  return metered.flatMap((item) => {
    const start = snapshot.usage.starts?.get(item.itemId) ?? period.start;
    const own = { start: new Date(Math.max(start.getTime(), period.start.getTime())), end: period.end };
    // A price that started at the window's end (a change at that instant) has no usage in it.
    if (own.end <= own.start) return [];
    const billed = snapshot.usage.billed?.get(item.itemId);
    return toLines(item, "USAGE", quantities.get(item.itemId) ?? ZERO, own, one, snapshot.currency, billed);
  });
}

/** Lines a change left: usage at replaced metered prices, then PRORATION lines as computed at the change. */
function pendingLines(snapshot: InvoiceSnapshot): InvoiceLine[] {
  if (snapshot.pending === undefined) return [];
  const one = new Decimal(1);
  return [
    ...snapshot.pending.segments.flatMap((segment) =>
      toLines(segment.item, "USAGE", segment.quantity, segment.period, one, snapshot.currency),
    ),
    ...snapshot.pending.prorations,
    ...(snapshot.pending.invoiceItems ?? []),
  ];
}

/** A licensed item's line for a free trial: its quantity at no charge. */
function trialLine(license: LicenseWindow) {
  return (item: InvoiceItem): InvoiceLine => ({
    kind: "LICENSE",
    itemId: item.itemId,
    priceId: item.priceId,
    description: `Trial period for ${item.description}`,
    tier: null,
    quantity: new Decimal(item.quantity),
    unitAmount: ZERO,
    flatAmount: ZERO,
    amount: ZERO,
    periodStart: license.period.start,
    periodEnd: license.period.end,
  });
}

/** LICENSE lines: licensed items for the coming (or first) period, prorated by the window's factor. */
function licenseLines(snapshot: InvoiceSnapshot): InvoiceLine[] {
  const license = "license" in snapshot ? snapshot.license : undefined;
  if (license === undefined) return [];
  if (license.trial) return snapshot.items.filter((item) => item.usageType === "LICENSED").map(trialLine(license));
  return snapshot.items
    .filter((item) => item.usageType === "LICENSED")
    .flatMap((item) =>
      toLines(item, "LICENSE", new Decimal(item.quantity), license.period, license.prorationFactor, snapshot.currency),
    );
}

const NO_TAX: TaxRates = { byItem: new Map(), fallback: [] };

/**
 * Composes an invoice from a snapshot (docs/concepts/subscriptions.md#what-each-invoice-carries);
 * the same pure step serves previews and real invoices. The steps, in their fixed order
 * (docs/concepts/discounts.md#the-order-of-the-steps): the lines' amounts, discounts, tax, then
 * credits (docs/concepts/credits.md) on each line's amount after discounts and tax.
 */
export function composeInvoice(snapshot: InvoiceSnapshot): InvoiceDraft {
  const { currency } = snapshot;
  const made = [...pendingLines(snapshot), ...usageLines(snapshot), ...licenseLines(snapshot)];
  const lines = adjustLines(made, {
    currency,
    discounts: snapshot.discounts ?? [],
    taxRates: snapshot.taxRates ?? NO_TAX,
    products: snapshot.products ?? new Map(),
  });
  const { totalAfterTax, ...totals } = adjustedTotals(lines);
  const payable = lines.map((line) => ({ kind: line.kind, priceId: line.priceId, amount: payableAmount(line) }));
  const credits = applyCredits({
    currency,
    at: snapshot.at,
    lines: payable.filter((line) => !isPrepaidLine(line)),
    grants: snapshot.grants,
  });
  // Captured holds were paid by their grants at capture: credit already applied, not applied again.
  const creditsApplied = credits.total.plus(sum(payable.filter(isPrepaidLine).map((line) => line.amount)));
  const total = totalAfterTax.minus(creditsApplied);
  const period =
    snapshot.kind === "FIRST"
      ? snapshot.license.period
      : snapshot.kind === "UPDATE" || snapshot.kind === "MANUAL"
        ? snapshot.period
        : snapshot.usage.period;
  return {
    currency,
    periodStart: period.start,
    periodEnd: period.end,
    lines,
    ...totals,
    creditsApplied,
    creditApplications: credits.applications,
    total,
    ...applyCustomerBalance(total, snapshot.customerBalance),
  };
}
