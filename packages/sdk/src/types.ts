// The API's objects as named types (`Tally.Meter`, or `import type { Meter } from "@tally/sdk"`),
// each the fragment the SDK selects for it (src/operations/*.graphql), and the parameters of the
// methods whose id is an argument of its own. Interfaces, so editors show the name, not the shape.
import type * as G from "./generated/graphql.js";
import type { ListParams } from "./methods.js";

export interface TestClock extends G.TestClockFieldsFragment {}
export interface Customer extends G.CustomerFieldsFragment {}
export interface Meter extends G.MeterFieldsFragment {}
export interface MeterEvent extends G.MeterEventFieldsFragment {}
export interface MeterEventSummary extends G.MeterEventSummaryFieldsFragment {}
export interface Product extends G.ProductFieldsFragment {}
export interface Price extends G.PriceFieldsFragment {}
export interface Subscription extends G.SubscriptionFieldsFragment {}
export interface Money extends G.MoneyFieldsFragment {}
export interface InvoiceLine extends G.InvoiceLineFieldsFragment {}
export interface Invoice extends G.InvoiceFieldsFragment {}
export interface InvoicePreview extends G.InvoicePreviewFieldsFragment {}
export interface InvoiceItem extends G.InvoiceItemFieldsFragment {}
export interface CreditGrant extends G.CreditGrantFieldsFragment {}
export interface CreditPurchase extends G.CreditPurchaseFieldsFragment {}
export interface CreditHold extends G.CreditHoldFieldsFragment {}
export type CustomerWithAutoRecharge = Extract<
  G.SetCreditAutoRechargeMutation["setCreditAutoRecharge"],
  { __typename: "Customer" }
>;
export interface CreditBalanceTransaction extends G.CreditBalanceTransactionFieldsFragment {}
export interface CreditNote extends G.CreditNoteFieldsFragment {}
export interface CustomerBalanceTransaction extends G.CustomerBalanceTransactionFieldsFragment {}
export interface UsageAlert extends G.UsageAlertFieldsFragment {}
export interface AlertTrigger extends G.AlertTriggerFieldsFragment {}
export interface WebhookEndpoint extends G.WebhookEndpointFieldsFragment {}
export interface WebhookDelivery extends G.WebhookDeliveryFieldsFragment {}
export interface Event extends G.EventFieldsFragment {}
/** A price's segment condition, an alert's filter (docs/concepts/prices.md#segments). */
export type MeterSegmentCondition = G.PriceFieldsFragment["meterSegmentConditions"][number];
/** A summary's group: one dimension's value (null: events without one). */
export type DimensionValue = G.MeterEventSummaryFieldsFragment["dimensions"][number];
/** A summary's filter: events whose value for `dimension` is one of `values`. */
export type DimensionFilter = G.DimensionFilterInput;
export interface Coupon extends G.CouponFieldsFragment {}
export interface PromotionCode extends G.PromotionCodeFieldsFragment {}
export interface Discount extends G.DiscountFieldsFragment {}
export interface TaxRate extends G.TaxRateFieldsFragment {}
export interface CustomerSession extends G.CustomerSessionFieldsFragment {}
export interface UsageUpdate extends G.UsageUpdateFieldsFragment {}
export interface ViewerInvoice extends G.ViewerInvoiceFieldsFragment {}
export interface ViewerUpcomingInvoice extends G.ViewerUpcomingInvoiceFieldsFragment {}
export interface ApiKey extends G.ApiKeyFieldsFragment {}

/** `apiKeys.create` and `apiKeys.roll`'s result: the key and its secret, shown this once. */
export interface ApiKeyWithSecret {
  apiKey: ApiKey;
  secret: string;
}

/** `webhookEndpoints.create`'s result: the endpoint and its whsec_ signing secret, shown this once. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** What a `del` answers: the id of the object that is gone. */
export interface Deleted {
  id: string;
  deleted: boolean;
}

export type DeletedWebhookEndpoint = Deleted;
export type DeletedTestClock = Deleted;
export type DeletedInvoice = Deleted;
export type DeletedInvoiceItem = Deleted;

export type TestClockCreateParams = G.CreateTestClockInput;
export type TestClockAdvanceParams = Omit<G.AdvanceTestClockInput, "id">;
export type TestClockListParams = ListParams<G.TestClocksQueryVariables>;
export type CustomerCreateParams = G.CreateCustomerInput;
export type CustomerUpdateParams = Omit<G.UpdateCustomerInput, "id">;
export type CustomerListParams = ListParams<G.CustomersQueryVariables>;
export type MeterCreateParams = G.CreateMeterInput;
export type MeterUpdateParams = Omit<G.UpdateMeterInput, "id">;
export type MeterListParams = ListParams<G.MetersQueryVariables>;
export type MeterEventSummaryListParams = Omit<G.MeterEventSummariesQueryVariables, "meterId">;
export type MeterEventCreateParams = G.RecordMeterEventInput;
export type MeterEventCancelParams = G.CancelMeterEventInput;
export type ProductCreateParams = G.CreateProductInput;
export type ProductUpdateParams = Omit<G.UpdateProductInput, "id">;
export type ProductListParams = ListParams<G.ProductsQueryVariables>;
export type PriceCreateParams = G.CreatePriceInput;
export type PriceUpdateParams = Omit<G.UpdatePriceInput, "id">;
export type PriceListParams = ListParams<G.PricesQueryVariables>;
export type SubscriptionCreateParams = G.CreateSubscriptionInput;
export type SubscriptionCancelParams = Omit<G.CancelSubscriptionInput, "id">;
export type SubscriptionUpdateParams = Omit<G.UpdateSubscriptionInput, "id">;
export type SubscriptionListParams = ListParams<G.SubscriptionsQueryVariables>;
export type InvoiceListParams = ListParams<G.InvoicesQueryVariables>;
export type InvoicePreviewParams = G.PreviewInvoiceQueryVariables;
export type InvoiceCreateParams = G.CreateInvoiceInput;
export type InvoiceItemCreateParams = G.CreateInvoiceItemInput;
export type InvoiceItemUpdateParams = Omit<G.UpdateInvoiceItemInput, "id">;
export type InvoiceItemListParams = ListParams<G.InvoiceItemsQueryVariables>;
export type InvoicePayParams = Omit<G.PayInvoiceInput, "id">;
export type CreditNoteCreateParams = G.CreateCreditNoteInput;
export type CreditNoteListParams = ListParams<G.CreditNotesQueryVariables>;
export type CustomerBalanceTransactionCreateParams = Omit<G.CreateCustomerBalanceTransactionInput, "customerId">;
export type CustomerBalanceTransactionListParams = Omit<
  ListParams<G.CustomerBalanceTransactionsQueryVariables>,
  "customerId"
>;
export type CreditGrantCreateParams = G.CreateCreditGrantInput;
export type CreditGrantListParams = ListParams<G.CreditGrantsQueryVariables>;
export type CreditPurchaseParams = G.PurchaseCreditsInput;
export type CreditPurchaseListParams = ListParams<G.CreditPurchasesQueryVariables>;
export type CreditAutoRechargeParams = G.CreditAutoRechargeInput;
export type CreditHoldCreateParams = G.CreateCreditHoldInput;
export type CreditHoldCaptureParams = Omit<G.CaptureCreditHoldInput, "id">;
export type CreditHoldListParams = ListParams<G.CreditHoldsQueryVariables>;
export type CreditBalanceTransactionListParams = ListParams<G.CreditBalanceTransactionsQueryVariables>;
export type UsageAlertCreateParams = G.CreateUsageAlertInput;
export type UsageAlertListParams = ListParams<G.UsageAlertsQueryVariables>;
export type AlertTriggerListParams = G.AlertTriggersQueryVariables;
export type WebhookEndpointCreateParams = G.CreateWebhookEndpointInput;
export type WebhookEndpointUpdateParams = Omit<G.UpdateWebhookEndpointInput, "id">;
export type WebhookEndpointListParams = ListParams<G.WebhookEndpointsQueryVariables>;
export type WebhookDeliveryListParams = ListParams<G.WebhookDeliveriesQueryVariables>;
export type ApiKeyCreateParams = G.CreateApiKeyInput;
export type ApiKeyRollParams = Omit<G.RollApiKeyInput, "id">;
export type ApiKeyListParams = ListParams<G.ApiKeysQueryVariables>;
export type EventListParams = ListParams<G.EventsQueryVariables>;
export type CouponCreateParams = G.CreateCouponInput;
export type CouponListParams = ListParams<G.CouponsQueryVariables>;
export type PromotionCodeCreateParams = G.CreatePromotionCodeInput;
export type PromotionCodeUpdateParams = Omit<G.UpdatePromotionCodeInput, "id">;
export type PromotionCodeListParams = ListParams<G.PromotionCodesQueryVariables>;
export type TaxRateCreateParams = G.CreateTaxRateInput;
export type TaxRateUpdateParams = Omit<G.UpdateTaxRateInput, "id">;
export type TaxRateListParams = ListParams<G.TaxRatesQueryVariables>;

export type CustomerSessionCreateParams = G.CreateCustomerSessionInput;
