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
export interface CreditGrant extends G.CreditGrantFieldsFragment {}
export interface CreditBalanceTransaction extends G.CreditBalanceTransactionFieldsFragment {}
export interface CreditNote extends G.CreditNoteFieldsFragment {}
export interface CustomerBalanceTransaction extends G.CustomerBalanceTransactionFieldsFragment {}
export interface UsageAlert extends G.UsageAlertFieldsFragment {}
export interface AlertTrigger extends G.AlertTriggerFieldsFragment {}
export interface WebhookEndpoint extends G.WebhookEndpointFieldsFragment {}
export interface WebhookDelivery extends G.WebhookDeliveryFieldsFragment {}
export interface Event extends G.EventFieldsFragment {}
export interface CustomerSession extends G.CustomerSessionFieldsFragment {}
export interface UsageUpdate extends G.UsageUpdateFieldsFragment {}
export interface ViewerInvoice extends G.ViewerInvoiceFieldsFragment {}
export interface ViewerUpcomingInvoice extends G.ViewerUpcomingInvoiceFieldsFragment {}

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
export type CreditBalanceTransactionListParams = ListParams<G.CreditBalanceTransactionsQueryVariables>;
export type UsageAlertCreateParams = G.CreateUsageAlertInput;
export type UsageAlertListParams = ListParams<G.UsageAlertsQueryVariables>;
export type AlertTriggerListParams = G.AlertTriggersQueryVariables;
export type WebhookEndpointCreateParams = G.CreateWebhookEndpointInput;
export type WebhookEndpointUpdateParams = Omit<G.UpdateWebhookEndpointInput, "id">;
export type WebhookEndpointListParams = ListParams<G.WebhookEndpointsQueryVariables>;
export type WebhookDeliveryListParams = ListParams<G.WebhookDeliveriesQueryVariables>;
export type EventListParams = ListParams<G.EventsQueryVariables>;

export type CustomerSessionCreateParams = G.CreateCustomerSessionInput;
