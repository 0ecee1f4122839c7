// The resource namespaces, as a table: each method is one generated operation wrapped by one of
// the builders in methods.ts (meter events, which need identifiers, live in meter-events.ts).
import type { Sdk } from "./generated/graphql.js";
import { createMeterEvents } from "./meter-events.js";
import { list, mutation, query, retrieve, type CallOptions } from "./methods.js";

export function createResources(sdk: Sdk, options: CallOptions) {
  return {
    testClocks: {
      create: mutation(options, sdk.CreateTestClock, "createTestClock"),
      /** Moves the clock forward; returns once every consequence (invoices, alerts) is done. */
      advance: mutation(options, sdk.AdvanceTestClock, "advanceTestClock"),
      retrieve: retrieve(options, sdk.TestClock, "testClock"),
    },
    customers: {
      create: mutation(options, sdk.CreateCustomer, "createCustomer"),
      retrieve: retrieve(options, sdk.Customer, "customer"),
      list: list(options, sdk.Customers, "customers"),
    },
    meters: {
      create: mutation(options, sdk.CreateMeter, "createMeter"),
      retrieve: retrieve(options, sdk.Meter, "meter"),
      list: list(options, sdk.Meters, "meters"),
      /** Only `displayName` can change after creation. */
      update: mutation(options, sdk.UpdateMeter, "updateMeter"),
      deactivate: mutation(options, sdk.DeactivateMeter, "deactivateMeter"),
      reactivate: mutation(options, sdk.ReactivateMeter, "reactivateMeter"),
      /** The meter's aggregate for a customer over [startTime, endTime) (whole minutes), optionally per HOUR or DAY. */
      eventSummaries: query(options, sdk.MeterEventSummaries, "meterEventSummaries"),
    },
    meterEvents: createMeterEvents(sdk, options),
    products: {
      create: mutation(options, sdk.CreateProduct, "createProduct"),
      retrieve: retrieve(options, sdk.Product, "product"),
      list: list(options, sdk.Products, "products"),
      update: mutation(options, sdk.UpdateProduct, "updateProduct"),
    },
    prices: {
      create: mutation(options, sdk.CreatePrice, "createPrice"),
      retrieve: retrieve(options, sdk.Price, "price"),
      list: list(options, sdk.Prices, "prices"),
      /** Only `nickname`, `active` and `lookupKey` can change after creation. */
      update: mutation(options, sdk.UpdatePrice, "updatePrice"),
    },
    subscriptions: {
      create: mutation(options, sdk.CreateSubscription, "createSubscription"),
      retrieve: retrieve(options, sdk.Subscription, "subscription"),
      list: list(options, sdk.Subscriptions, "subscriptions"),
      /** `atPeriodEnd: false` ends it now with a final invoice for the usage not yet invoiced. */
      cancel: mutation(options, sdk.CancelSubscription, "cancelSubscription"),
    },
    invoices: {
      retrieve: retrieve(options, sdk.Invoice, "invoice"),
      list: list(options, sdk.Invoices, "invoices"),
      /** The invoice the subscription's current period would close with now: usage so far, credits that would apply. */
      preview: retrieve(options, sdk.PreviewInvoice, "previewInvoice", "subscriptionId"),
    },
    creditGrants: {
      create: mutation(options, sdk.CreateCreditGrant, "createCreditGrant"),
      retrieve: retrieve(options, sdk.CreditGrant, "creditGrant"),
      list: list(options, sdk.CreditGrants, "creditGrants"),
      /** Voids what is left of the grant (a VOID ledger entry); it pays nothing more. */
      void: mutation(options, sdk.VoidCreditGrant, "voidCreditGrant"),
      /** The credit ledger, newest first: GRANT (+), APPLICATION, EXPIRY and VOID (−) entries. */
      balanceTransactions: list(options, sdk.CreditBalanceTransactions, "creditBalanceTransactions"),
    },
    alerts: {
      create: mutation(options, sdk.CreateUsageAlert, "createUsageAlert"),
      retrieve: retrieve(options, sdk.UsageAlert, "usageAlert"),
      list: list(options, sdk.UsageAlerts, "usageAlerts"),
      /** An archived alert stops firing; its triggers stay. */
      archive: mutation(options, sdk.ArchiveUsageAlert, "archiveUsageAlert"),
      /** Firings of the account's alerts, oldest first, by alert and/or customer. */
      triggers: query(options, sdk.AlertTriggers, "alertTriggers"),
    },
    webhookEndpoints: {
      /** Returns `{ endpoint, secret }`: the whsec_ signing secret is shown this once. */
      create: mutation(options, sdk.CreateWebhookEndpoint, "createWebhookEndpoint"),
      retrieve: retrieve(options, sdk.WebhookEndpoint, "webhookEndpoint"),
      list: list(options, sdk.WebhookEndpoints, "webhookEndpoints"),
      /** `disabled: true` stops deliveries (pending ones are given up); `false` resumes them for new events. */
      update: mutation(options, sdk.UpdateWebhookEndpoint, "updateWebhookEndpoint"),
      delete: mutation(options, sdk.DeleteWebhookEndpoint, "deleteWebhookEndpoint"),
    },
    events: {
      retrieve: retrieve(options, sdk.Event, "event"),
      list: list(options, sdk.Events, "events"),
    },
  };
}

export type Resources = ReturnType<typeof createResources>;
