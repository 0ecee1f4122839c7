// The resource namespaces: what each method takes and returns (the interfaces), and which
// generated operation it is, wrapped by which builder of methods.ts (the table). Meter events,
// which need identifiers, live in meter-events.ts. Every method takes RequestOptions last.
import * as G from "./generated/graphql.js";
import { createMeterEvents, type MeterEventsResource } from "./meter-events.js";
import { byId, create, list, query, retrieve, withId } from "./methods.js";
import type { List } from "./paginate.js";
import type { Requester, RequestOptions } from "./request.js";
import { type TallyResponse, withLastResponse } from "./response.js";
import { type Stream, stream } from "./stream.js";
import type * as T from "./types.js";

type R<X> = Promise<TallyResponse<X>>;
type O = RequestOptions;

export interface TestClocksResource {
  create(params: T.TestClockCreateParams, options?: O): R<T.TestClock>;
  retrieve(id: string, options?: O): R<T.TestClock>;
  /** Moves the clock forward; returns once every consequence (invoices, alerts) is done. */
  advance(id: string, params: T.TestClockAdvanceParams, options?: O): R<T.TestClock>;
  /** Newest first. */
  list(params?: T.TestClockListParams, options?: O): List<T.TestClock>;
  /** Deletes a clock no customer uses (TEST_CLOCK_IN_USE otherwise). */
  del(id: string, options?: O): R<T.DeletedTestClock>;
}

export interface CustomersResource {
  create(params: T.CustomerCreateParams, options?: O): R<T.Customer>;
  retrieve(id: string, options?: O): R<T.Customer>;
  list(params?: T.CustomerListParams, options?: O): List<T.Customer>;
  /** Changes only the fields given: `null` clears one; metadata merges (`""` removes a key). */
  update(id: string, params: T.CustomerUpdateParams, options?: O): R<T.Customer>;
  /** Refused with CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS while a subscription is not canceled; the customer stays readable. */
  del(id: string, options?: O): R<T.Customer>;
  /** A manual ADJUSTMENT of the customer balance: a negative amount credits the customer, a positive one is owed. */
  createBalanceTransaction(
    customerId: string,
    params: T.CustomerBalanceTransactionCreateParams,
    options?: O,
  ): R<T.CustomerBalanceTransaction>;
  /** The customer balance ledger, newest first. */
  listBalanceTransactions(
    customerId: string,
    params?: T.CustomerBalanceTransactionListParams,
    options?: O,
  ): List<T.CustomerBalanceTransaction>;
}

export interface CustomerSessionsResource {
  /** A `cs_…` token for the customer's browser (docs/concepts/customer-sessions.md); shown once. */
  create(params: T.CustomerSessionCreateParams, options?: O): R<T.CustomerSession>;
  /** Revokes every live session of the customer: refused everywhere within a second. */
  revokeAll(customerId: string, options?: O): R<{ revokedCount: number }>;
  /** The customer's period usage of the meter and upcoming invoice total, now and as events arrive (SSE). */
  subscribeUsage(customerId: string, meterId: string, options?: O): Stream<T.UsageUpdate>;
}

export interface MetersResource {
  create(params: T.MeterCreateParams, options?: O): R<T.Meter>;
  retrieve(id: string, options?: O): R<T.Meter>;
  list(params?: T.MeterListParams, options?: O): List<T.Meter>;
  /** Only `displayName` can change after creation. */
  update(id: string, params: T.MeterUpdateParams, options?: O): R<T.Meter>;
  deactivate(id: string, options?: O): R<T.Meter>;
  reactivate(id: string, options?: O): R<T.Meter>;
  /** The meter's aggregate for a customer over [startTime, endTime) (whole minutes), optionally per HOUR or DAY. */
  listEventSummaries(id: string, params: T.MeterEventSummaryListParams, options?: O): R<T.MeterEventSummary[]>;
}

export interface ProductsResource {
  create(params: T.ProductCreateParams, options?: O): R<T.Product>;
  retrieve(id: string, options?: O): R<T.Product>;
  list(params?: T.ProductListParams, options?: O): List<T.Product>;
  update(id: string, params: T.ProductUpdateParams, options?: O): R<T.Product>;
}

export interface PricesResource {
  create(params: T.PriceCreateParams, options?: O): R<T.Price>;
  retrieve(id: string, options?: O): R<T.Price>;
  list(params?: T.PriceListParams, options?: O): List<T.Price>;
  /** Only `nickname`, `active` and `lookupKey` can change after creation. */
  update(id: string, params: T.PriceUpdateParams, options?: O): R<T.Price>;
}

export interface SubscriptionsResource {
  create(params: T.SubscriptionCreateParams, options?: O): R<T.Subscription>;
  retrieve(id: string, options?: O): R<T.Subscription>;
  list(params?: T.SubscriptionListParams, options?: O): List<T.Subscription>;
  /** `atPeriodEnd: false` ends it now with a final invoice for the usage not yet invoiced. */
  cancel(id: string, params: T.SubscriptionCancelParams, options?: O): R<T.Subscription>;
  /** Changes items, quantities or the cycle, with prorations per `prorationBehavior` (docs/concepts/subscriptions.md#changing-a-subscription). */
  update(id: string, params: T.SubscriptionUpdateParams, options?: O): R<T.Subscription>;
}

export interface InvoicesResource {
  retrieve(id: string, options?: O): R<T.Invoice>;
  list(params?: T.InvoiceListParams, options?: O): List<T.Invoice>;
  /**
   * The invoice the subscription's current period would close with now: usage so far, credits that
   * would apply; with `subscriptionChanges`, the invoice that change would produce (nothing stored).
   */
  preview(params: T.InvoicePreviewParams, options?: O): R<T.InvoicePreview>;
  /** A DRAFT (billingReason MANUAL) holding the customer's pending one-off items unless `pendingInvoiceItemsBehavior: "EXCLUDE"`. */
  create(params: T.InvoiceCreateParams, options?: O): R<T.Invoice>;
  /** DRAFT → OPEN: numbered, finalizedAt, hostedInvoiceUrl and invoicePdf set (INVOICE_STATE_INVALID otherwise). */
  finalize(id: string, options?: O): R<T.Invoice>;
  /** Deletes a DRAFT; its items become pending again (INVOICE_STATE_INVALID for any other status). */
  del(id: string, options?: O): R<T.DeletedInvoice>;
  /** OPEN or UNCOLLECTIBLE → PAID, recording a payment made outside Tally (`paidOutOfBand: true`). */
  pay(id: string, params: T.InvoicePayParams, options?: O): R<T.Invoice>;
  /** OPEN or UNCOLLECTIBLE → VOID: the credits and customer balance it used are given back. */
  void(id: string, options?: O): R<T.Invoice>;
  /** OPEN → UNCOLLECTIBLE: written off; it may still be paid or voided. */
  markUncollectible(id: string, options?: O): R<T.Invoice>;
}

export interface CreditNotesResource {
  /** On an OPEN or PAID invoice, never more than it has left to credit (CREDIT_NOTE_EXCEEDS_CREDITABLE). */
  create(params: T.CreditNoteCreateParams, options?: O): R<T.CreditNote>;
  retrieve(id: string, options?: O): R<T.CreditNote>;
  /** Newest first, by invoice and/or customer. */
  list(params?: T.CreditNoteListParams, options?: O): List<T.CreditNote>;
  /** Only while its invoice is OPEN: the invoice owes the amount again. */
  void(id: string, options?: O): R<T.CreditNote>;
}

export interface InvoiceItemsResource {
  /** A one-off charge (amount, or priceId × quantity) for the next invoice, a subscription's, or a DRAFT (`invoiceId`). */
  create(params: T.InvoiceItemCreateParams, options?: O): R<T.InvoiceItem>;
  retrieve(id: string, options?: O): R<T.InvoiceItem>;
  /** While pending or on a DRAFT (INVOICE_STATE_INVALID after). */
  update(id: string, params: T.InvoiceItemUpdateParams, options?: O): R<T.InvoiceItem>;
  /** While pending or on a DRAFT (INVOICE_STATE_INVALID after). */
  del(id: string, options?: O): R<T.DeletedInvoiceItem>;
  /** Newest first; `pending: true` only those on no invoice yet. */
  list(params?: T.InvoiceItemListParams, options?: O): List<T.InvoiceItem>;
}

export interface CreditGrantsResource {
  create(params: T.CreditGrantCreateParams, options?: O): R<T.CreditGrant>;
  retrieve(id: string, options?: O): R<T.CreditGrant>;
  list(params?: T.CreditGrantListParams, options?: O): List<T.CreditGrant>;
  /** Voids what is left of the grant (a VOID ledger entry); it pays nothing more. */
  void(id: string, options?: O): R<T.CreditGrant>;
}

export interface CreditBalanceTransactionsResource {
  /** The credit ledger, newest first: GRANT (+), APPLICATION, EXPIRY and VOID (−) entries. */
  list(params?: T.CreditBalanceTransactionListParams, options?: O): List<T.CreditBalanceTransaction>;
}

export interface AlertsResource {
  create(params: T.UsageAlertCreateParams, options?: O): R<T.UsageAlert>;
  retrieve(id: string, options?: O): R<T.UsageAlert>;
  list(params?: T.UsageAlertListParams, options?: O): List<T.UsageAlert>;
  /** An archived alert stops firing; its triggers stay. */
  archive(id: string, options?: O): R<T.UsageAlert>;
  /** Firings of the account's alerts, oldest first, by alert and/or customer. */
  listTriggers(params?: T.AlertTriggerListParams, options?: O): R<T.AlertTrigger[]>;
  /** Every firing of the account's alerts (this key's mode) as it happens, over server-sent events. */
  streamTriggers(options?: O): Stream<T.AlertTrigger>;
}

export interface WebhookEndpointsResource {
  /** Returns `{ endpoint, secret }`: the whsec_ signing secret is shown this once. */
  create(params: T.WebhookEndpointCreateParams, options?: O): R<T.WebhookEndpointWithSecret>;
  retrieve(id: string, options?: O): R<T.WebhookEndpoint>;
  list(params?: T.WebhookEndpointListParams, options?: O): List<T.WebhookEndpoint>;
  /** `disabled: true` stops deliveries (pending ones are given up); `false` resumes them for new events. */
  update(id: string, params: T.WebhookEndpointUpdateParams, options?: O): R<T.WebhookEndpoint>;
  del(id: string, options?: O): R<T.DeletedWebhookEndpoint>;
}

export interface WebhookDeliveriesResource {
  /** An endpoint's deliveries, newest first: attempts, last status and error, next attempt. */
  list(params: T.WebhookDeliveryListParams, options?: O): List<T.WebhookDelivery>;
}

export interface EventsResource {
  retrieve(id: string, options?: O): R<T.Event>;
  /** Newest first; `type` filters by event type. */
  list(params?: T.EventListParams, options?: O): List<T.Event>;
}

export interface CouponsResource {
  /** percentOff, or amountOff with its currency; duration ONCE, REPEATING (durationInMonths) or FOREVER. */
  create(params: T.CouponCreateParams, options?: O): R<T.Coupon>;
  retrieve(id: string, options?: O): R<T.Coupon>;
  list(params?: T.CouponListParams, options?: O): List<T.Coupon>;
  /** Stops new redemptions; discounts already given keep applying. */
  del(id: string, options?: O): R<T.Coupon>;
}

export interface PromotionCodesResource {
  /** A customer-facing code of a coupon, unique among active codes (PROMOTION_CODE_TAKEN). */
  create(params: T.PromotionCodeCreateParams, options?: O): R<T.PromotionCode>;
  /** Turns the code on or off. */
  update(id: string, params: T.PromotionCodeUpdateParams, options?: O): R<T.PromotionCode>;
  /** Newest first; by coupon, code (ignoring case) or active. */
  list(params?: T.PromotionCodeListParams, options?: O): List<T.PromotionCode>;
}

export interface TaxRatesResource {
  /** percentage and inclusive never change afterwards. */
  create(params: T.TaxRateCreateParams, options?: O): R<T.TaxRate>;
  retrieve(id: string, options?: O): R<T.TaxRate>;
  list(params?: T.TaxRateListParams, options?: O): List<T.TaxRate>;
  /** Texts and `active`; an inactive rate stays where it is set but can be set nowhere new. */
  update(id: string, params: T.TaxRateUpdateParams, options?: O): R<T.TaxRate>;
}

export interface CreditsResource {
  /** Buys PAID credits with a finalized CREDIT_PURCHASE invoice; the grant is made at once, or when it is paid with invoiceRequiresPayment. */
  purchase(params: T.CreditPurchaseParams, options?: O): R<T.CreditPurchase>;
  /** Newest first. */
  listPurchases(params?: T.CreditPurchaseListParams, options?: O): List<T.CreditPurchase>;
  /** Sets the customer's auto-recharge; `null` removes it. */
  setAutoRecharge(
    customerId: string,
    autoRecharge: T.CreditAutoRechargeParams | null,
    options?: O,
  ): R<Omit<T.CustomerWithAutoRecharge, "__typename">>;
}

export interface CreditHoldsResource {
  /** Reserves available credit for a job, or throws INSUFFICIENT_CREDIT; idempotencyKey makes retries safe. */
  create(params: T.CreditHoldCreateParams, options?: O): R<T.CreditHold>;
  retrieve(id: string, options?: O): R<T.CreditHold>;
  /** Charges `amount` (≤ held; default all) against the grants and releases the rest. */
  capture(id: string, params?: T.CreditHoldCaptureParams, options?: O): R<T.CreditHold>;
  release(id: string, options?: O): R<T.CreditHold>;
  /** The customer's holds, newest first. */
  list(params: T.CreditHoldListParams, options?: O): List<T.CreditHold>;
}

export interface ApiKeysResource {
  /** Returns `{ apiKey, secret }`: the secret is shown this once. `mode` must be the calling key's. */
  create(params: T.ApiKeyCreateParams, options?: O): R<T.ApiKeyWithSecret>;
  /** A new key (`{ apiKey, secret }`); the old one keeps working for `expiresIn` seconds (0–7 days). */
  roll(id: string, params: T.ApiKeyRollParams, options?: O): R<T.ApiKeyWithSecret>;
  /** The key stops working at once, on every server. */
  revoke(id: string, options?: O): R<T.ApiKey>;
  /** The calling key's account and mode's keys that are not revoked, newest first; hints, never secrets. */
  list(params?: T.ApiKeyListParams, options?: O): List<T.ApiKey>;
}

export interface Resources {
  testClocks: TestClocksResource;
  customers: CustomersResource;
  customerSessions: CustomerSessionsResource;
  meters: MetersResource;
  meterEvents: MeterEventsResource;
  products: ProductsResource;
  prices: PricesResource;
  subscriptions: SubscriptionsResource;
  invoices: InvoicesResource;
  invoiceItems: InvoiceItemsResource;
  creditGrants: CreditGrantsResource;
  credits: CreditsResource;
  creditHolds: CreditHoldsResource;
  creditNotes: CreditNotesResource;
  creditBalanceTransactions: CreditBalanceTransactionsResource;
  alerts: AlertsResource;
  webhookEndpoints: WebhookEndpointsResource;
  webhookDeliveries: WebhookDeliveriesResource;
  events: EventsResource;
  apiKeys: ApiKeysResource;
  coupons: CouponsResource;
  promotionCodes: PromotionCodesResource;
  taxRates: TaxRatesResource;
}

/** A promotion code from a mutation, whose `code` came aliased (operations/discounts.graphql), named `code` again. */
function promotionCodeOf<A extends unknown[]>(
  call: (...args: A) => Promise<TallyResponse<G.PromotionCodeResultFieldsFragment>>,
): (...args: A) => Promise<TallyResponse<T.PromotionCode>> {
  return async (...args) => {
    const result = await call(...args);
    const { promotionCodeText, ...rest } = result;
    return withLastResponse({ ...rest, code: promotionCodeText }, result.lastResponse);
  };
}

export function createResources(requester: Requester): Resources {
  const summaries = query(requester, G.MeterEventSummariesDocument, "meterEventSummaries");
  const preview = retrieve(requester, G.PreviewInvoiceDocument, "previewInvoice", "subscriptionId");
  const setAutoRecharge = create(requester, G.SetCreditAutoRechargeDocument, "setCreditAutoRecharge");
  const captureHold = withId(requester, G.CaptureCreditHoldDocument, "captureCreditHold");
  const triggers = query(requester, G.AlertTriggersDocument, "alertTriggers");
  const adjustBalance = create(
    requester,
    G.CreateCustomerBalanceTransactionDocument,
    "createCustomerBalanceTransaction",
  );
  const balanceTransactions = list(requester, G.CustomerBalanceTransactionsDocument, "customerBalanceTransactions");
  return {
    testClocks: {
      create: create(requester, G.CreateTestClockDocument, "createTestClock"),
      retrieve: retrieve(requester, G.TestClockDocument, "testClock"),
      advance: withId(requester, G.AdvanceTestClockDocument, "advanceTestClock"),
      list: list(requester, G.TestClocksDocument, "testClocks"),
      del: byId(requester, G.DeleteTestClockDocument, "deleteTestClock"),
    },
    customers: {
      create: create(requester, G.CreateCustomerDocument, "createCustomer"),
      retrieve: retrieve(requester, G.CustomerDocument, "customer"),
      list: list(requester, G.CustomersDocument, "customers"),
      update: withId(requester, G.UpdateCustomerDocument, "updateCustomer"),
      del: byId(requester, G.DeleteCustomerDocument, "deleteCustomer"),
      createBalanceTransaction: (customerId, params, options) => adjustBalance({ ...params, customerId }, options),
      listBalanceTransactions: (customerId, params = {}, options) =>
        balanceTransactions({ ...params, customerId }, options),
    },
    customerSessions: {
      create: create(requester, G.CreateCustomerSessionDocument, "createCustomerSession"),
      revokeAll: (customerId, options) =>
        create(requester, G.RevokeCustomerSessionsDocument, "revokeCustomerSessions")({ customerId }, options),
      subscribeUsage: (customerId, meterId, options = {}) =>
        stream(
          (signal) =>
            requester.stream(
              G.CustomerUsageUpdatedDocument,
              { customerId, meterId },
              { ...options, signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal },
            ),
          (data: G.CustomerUsageUpdatedSubscription) => data.customerUsageUpdated,
        ),
    },
    meters: {
      create: create(requester, G.CreateMeterDocument, "createMeter"),
      retrieve: retrieve(requester, G.MeterDocument, "meter"),
      list: list(requester, G.MetersDocument, "meters"),
      update: withId(requester, G.UpdateMeterDocument, "updateMeter"),
      deactivate: byId(requester, G.DeactivateMeterDocument, "deactivateMeter"),
      reactivate: byId(requester, G.ReactivateMeterDocument, "reactivateMeter"),
      listEventSummaries: (id, params, options) => summaries({ ...params, meterId: id }, options),
    },
    meterEvents: createMeterEvents(requester),
    products: {
      create: create(requester, G.CreateProductDocument, "createProduct"),
      retrieve: retrieve(requester, G.ProductDocument, "product"),
      list: list(requester, G.ProductsDocument, "products"),
      update: withId(requester, G.UpdateProductDocument, "updateProduct"),
    },
    prices: {
      create: create(requester, G.CreatePriceDocument, "createPrice"),
      retrieve: retrieve(requester, G.PriceDocument, "price"),
      list: list(requester, G.PricesDocument, "prices"),
      update: withId(requester, G.UpdatePriceDocument, "updatePrice"),
    },
    subscriptions: {
      create: create(requester, G.CreateSubscriptionDocument, "createSubscription"),
      retrieve: retrieve(requester, G.SubscriptionDocument, "subscription"),
      list: list(requester, G.SubscriptionsDocument, "subscriptions"),
      cancel: withId(requester, G.CancelSubscriptionDocument, "cancelSubscription"),
      update: withId(requester, G.UpdateSubscriptionDocument, "updateSubscription"),
    },
    invoices: {
      retrieve: retrieve(requester, G.InvoiceDocument, "invoice"),
      list: list(requester, G.InvoicesDocument, "invoices"),
      preview: ({ subscriptionId, ...changes }, options) => preview(subscriptionId, options, changes),
      create: create(requester, G.CreateInvoiceDocument, "createInvoice"),
      finalize: byId(requester, G.FinalizeInvoiceDocument, "finalizeInvoice"),
      del: byId(requester, G.DeleteInvoiceDocument, "deleteInvoice"),
      pay: withId(requester, G.PayInvoiceDocument, "payInvoice"),
      void: byId(requester, G.VoidInvoiceDocument, "voidInvoice"),
      markUncollectible: byId(requester, G.MarkInvoiceUncollectibleDocument, "markInvoiceUncollectible"),
    },
    creditNotes: {
      create: create(requester, G.CreateCreditNoteDocument, "createCreditNote"),
      retrieve: retrieve(requester, G.CreditNoteDocument, "creditNote"),
      list: list(requester, G.CreditNotesDocument, "creditNotes"),
      void: byId(requester, G.VoidCreditNoteDocument, "voidCreditNote"),
    },
    invoiceItems: {
      create: create(requester, G.CreateInvoiceItemDocument, "createInvoiceItem"),
      retrieve: retrieve(requester, G.InvoiceItemDocument, "invoiceItem"),
      update: withId(requester, G.UpdateInvoiceItemDocument, "updateInvoiceItem"),
      del: byId(requester, G.DeleteInvoiceItemDocument, "deleteInvoiceItem"),
      list: list(requester, G.InvoiceItemsDocument, "invoiceItems"),
    },
    creditGrants: {
      create: create(requester, G.CreateCreditGrantDocument, "createCreditGrant"),
      retrieve: retrieve(requester, G.CreditGrantDocument, "creditGrant"),
      list: list(requester, G.CreditGrantsDocument, "creditGrants"),
      void: byId(requester, G.VoidCreditGrantDocument, "voidCreditGrant"),
    },
    credits: {
      purchase: create(requester, G.PurchaseCreditsDocument, "purchaseCredits"),
      listPurchases: list(requester, G.CreditPurchasesDocument, "creditPurchases"),
      setAutoRecharge: (customerId, autoRecharge, options) => setAutoRecharge({ customerId, autoRecharge }, options),
    },
    creditHolds: {
      create: create(requester, G.CreateCreditHoldDocument, "createCreditHold"),
      retrieve: retrieve(requester, G.CreditHoldDocument, "creditHold"),
      capture: (id, params = {}, options) => captureHold(id, params, options),
      release: byId(requester, G.ReleaseCreditHoldDocument, "releaseCreditHold"),
      list: list(requester, G.CreditHoldsDocument, "creditHolds"),
    },
    creditBalanceTransactions: {
      list: list(requester, G.CreditBalanceTransactionsDocument, "creditBalanceTransactions"),
    },
    alerts: {
      create: create(requester, G.CreateUsageAlertDocument, "createUsageAlert"),
      retrieve: retrieve(requester, G.UsageAlertDocument, "usageAlert"),
      list: list(requester, G.UsageAlertsDocument, "usageAlerts"),
      archive: byId(requester, G.ArchiveUsageAlertDocument, "archiveUsageAlert"),
      listTriggers: (params = {}, options) => triggers(params, options),
      streamTriggers: (options = {}) =>
        stream(
          (signal) =>
            requester.stream(
              G.UsageAlertTriggeredDocument,
              {},
              {
                ...options,
                signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal,
              },
            ),
          (data: G.UsageAlertTriggeredSubscription) => data.usageAlertTriggered,
        ),
    },
    webhookEndpoints: {
      create: create(requester, G.CreateWebhookEndpointDocument, "createWebhookEndpoint"),
      retrieve: retrieve(requester, G.WebhookEndpointDocument, "webhookEndpoint"),
      list: list(requester, G.WebhookEndpointsDocument, "webhookEndpoints"),
      update: withId(requester, G.UpdateWebhookEndpointDocument, "updateWebhookEndpoint"),
      del: byId(requester, G.DeleteWebhookEndpointDocument, "deleteWebhookEndpoint"),
    },
    webhookDeliveries: {
      list: list(requester, G.WebhookDeliveriesDocument, "webhookDeliveries"),
    },
    events: {
      retrieve: retrieve(requester, G.EventDocument, "event"),
      list: list(requester, G.EventsDocument, "events"),
    },
    coupons: {
      create: create(requester, G.CreateCouponDocument, "createCoupon"),
      retrieve: retrieve(requester, G.CouponDocument, "coupon"),
      list: list(requester, G.CouponsDocument, "coupons"),
      del: byId(requester, G.DeleteCouponDocument, "deleteCoupon"),
    },
    promotionCodes: {
      create: promotionCodeOf(create(requester, G.CreatePromotionCodeDocument, "createPromotionCode")),
      update: promotionCodeOf(withId(requester, G.UpdatePromotionCodeDocument, "updatePromotionCode")),
      list: list(requester, G.PromotionCodesDocument, "promotionCodes"),
    },
    taxRates: {
      create: create(requester, G.CreateTaxRateDocument, "createTaxRate"),
      retrieve: retrieve(requester, G.TaxRateDocument, "taxRate"),
      list: list(requester, G.TaxRatesDocument, "taxRates"),
      update: withId(requester, G.UpdateTaxRateDocument, "updateTaxRate"),
    },
    apiKeys: {
      create: create(requester, G.CreateApiKeyDocument, "createApiKey"),
      roll: withId(requester, G.RollApiKeyDocument, "rollApiKey"),
      revoke: byId(requester, G.RevokeApiKeyDocument, "revokeApiKey"),
      list: list(requester, G.ApiKeysDocument, "apiKeys"),
    },
  };
}
