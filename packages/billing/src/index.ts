export { Decimal, ZERO, formatMoney, roundMoney, sum, toDecimal, type DecimalInput } from "./money.js";
export {
  NON_CURRENCY_CODES,
  UnknownCurrencyError,
  isKnownCurrency,
  minorUnits,
  normalizeCurrency,
} from "./currency.js";
export {
  AGGREGATIONS,
  addEvent,
  aggregate,
  emptyPartial,
  finalizeAggregate,
  mergePartials,
  partialOf,
  type Aggregation,
  type PartialAggregate,
  type UsageEvent,
} from "./aggregate.js";
export type { PerUnitModel, PriceModel, PricedLine, Tier, TieredModel, TransformQuantity } from "./pricing/types.js";
export { priceQuantity } from "./pricing/price.js";
export { priceContinuation } from "./pricing/continuation.js";
export { pricePerUnit, transformQuantity } from "./pricing/per-unit.js";
export { priceGraduated } from "./pricing/graduated.js";
export { priceVolume } from "./pricing/volume.js";
export { describeTierRange, tierBounds } from "./pricing/tiers.js";
export {
  MAX_AMOUNT_DECIMAL_PLACES,
  validatePriceInput,
  type PriceInput,
  type PriceValidation,
  type Problem,
  type RawDecimal,
  type Recurring,
} from "./pricing/validate.js";
export {
  INTERVAL_UNITS,
  MAX_INTERVAL_COUNT,
  addInterval,
  alertPeriod,
  currentPeriod,
  hasEnded,
  nextPeriod,
  openPeriod,
  periodContaining,
  periodsBetween,
  prorationFactor,
  subscriptionPeriod,
  type BillingSchedule,
  type Interval,
  type IntervalUnit,
  type Period,
  type ScheduledSubscription,
} from "./periods.js";
export {
  applyCredits,
  compareGrants,
  isGrantApplicable,
  type CreditApplication,
  type CreditGrantState,
  type CreditInput,
  type CreditResult,
  type CreditableLine,
} from "./credits.js";
export {
  composeInvoice,
  type InvoiceDraft,
  type InvoiceItem,
  type InvoiceSnapshot,
  type LicenseWindow,
  type PendingCharges,
  type UsageSegment,
  type UsageWindow,
} from "./invoice.js";
export {
  inPeriod,
  prorateLicensedChanges,
  splitPeriod,
  splitUsage,
  type LicensedChange,
  type LicensedHolding,
  type ProrationContext,
  type ProrationLine,
} from "./proration.js";
export {
  EVENT_VALUE_LIMIT,
  MAX_STORED_EVENTS,
  MAX_SUBSCRIPTION_ITEMS,
  MAX_TIERS,
  PRICE_DECIMAL_LIMIT,
  fitsColumn,
  invoiceArithmeticBounds,
} from "./limits.js";
export { isPrepaidLine, type InvoiceLine } from "./invoice-line.js";
export {
  MAX_COMBINATIONS_PER_MONTH,
  MAX_DIMENSION_VALUE_LENGTH,
  MAX_DIMENSIONS,
  conditionsOverlap,
  dimensionValuesOf,
  findSegmentOverlap,
  groupPartials,
  matchesConditions,
  segmentSelections,
  selectedPartial,
  selects,
  valuesByKey,
  type CombinationPartial,
  type DimensionFilter,
  type DimensionSelection,
  type DimensionValues,
  type GroupPartial,
  type SegmentCondition,
  type SegmentedPrice,
} from "./dimensions.js";
export {
  applyDiscounts,
  splitProRata,
  totalDiscountAmounts,
  type DiscountAmount,
  type DiscountRule,
  type DiscountableLine,
} from "./discounts.js";
export { exclusiveTax, inclusiveTax, taxLine, totalTaxAmounts, type TaxAmount, type TaxRule } from "./tax.js";
export {
  adjustLines,
  adjustedTotals,
  payableAmount,
  type AdjustedLine,
  type AdjustedTotals,
  type Adjustments,
  type TaxRates,
} from "./adjustments.js";
export { amountItem, pricedItem, type InvoiceItemAmounts } from "./invoice-item.js";
export { applyCustomerBalance, type BalanceApplication } from "./customer-balance.js";
export { canTransition, type InvoiceStatus } from "./invoice-status.js";
export {
  creditableAmount,
  planCreditNote,
  type CreditNoteInvoiceLine,
  type CreditNotePlan,
  type CreditNoteRequest,
  type CreditableInvoice,
  type PlannedCreditNoteLine,
} from "./credit-notes.js";
export {
  admitUnderCap,
  quantityAfter,
  type CapDecision,
  type CappedEvent,
  type PeriodEndSnapshot,
} from "./spend-cap.js";
export { forecastTotal } from "./forecast.js";
