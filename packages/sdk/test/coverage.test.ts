// Everything the API has, the SDK has: every Query, Mutation and Subscription root field of the
// repo's schema.graphql is sent by an SDK method (proved by calling the method and reading the
// document it sends), or is on the allowlist below with the reason.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { Tally } from "../src/index.js";

const schema = buildSchema(readFileSync(fileURLToPath(new URL("../../../schema.graphql", import.meta.url)), "utf8"));

/** Root fields the SDK leaves out on purpose; each needs its reason. */
const ALLOWLIST: Record<string, string> = {
  // Operator-only: needs the server's admin key, not an account's secret key (docs/api/authentication.md).
  "Mutation.createAccount": "operator-only",
  // Relay's generic refetch by global ID; every type has its own `retrieve`, and `client.graphql` reaches it.
  "Query.node": "generic Relay refetch",
  // Customer-session-only: TallyBrowser (@tally/sdk/browser) sends them; test/browser-client.test.ts checks it.
  "Query.viewer": "customer sessions only (TallyBrowser)",
  "Subscription.viewerUsageUpdated": "customer sessions only (TallyBrowser.subscribeUsage)",
};

/** The method that sends each root field, called with placeholder arguments. */
const METHODS: Record<string, (tally: Tally) => unknown> = {
  "Query.alertTriggers": (t) => t.alerts.listTriggers(),
  "Query.coupon": (t) => t.coupons.retrieve("id"),
  "Query.coupons": (t) => t.coupons.list(),
  "Query.promotionCodes": (t) => t.promotionCodes.list(),
  "Query.taxRate": (t) => t.taxRates.retrieve("id"),
  "Query.taxRates": (t) => t.taxRates.list(),
  "Mutation.createCoupon": (t) => t.coupons.create({ percentOff: "10", duration: "ONCE" }),
  "Mutation.deleteCoupon": (t) => t.coupons.del("id"),
  "Mutation.createPromotionCode": (t) => t.promotionCodes.create({ couponId: "id", code: "CODE" }),
  "Mutation.updatePromotionCode": (t) => t.promotionCodes.update("id", { active: false }),
  "Mutation.createTaxRate": (t) => t.taxRates.create({ displayName: "VAT", percentage: "20", inclusive: false }),
  "Mutation.updateTaxRate": (t) => t.taxRates.update("id", { active: false }),
  "Query.creditBalanceTransactions": (t) => t.creditBalanceTransactions.list(),
  "Query.creditGrant": (t) => t.creditGrants.retrieve("id"),
  "Query.creditPurchases": (t) => t.credits.listPurchases(),
  "Mutation.purchaseCredits": (t) => t.credits.purchase({ customerId: "c", amount: "10", currency: "usd" }),
  "Mutation.setCreditAutoRecharge": (t) => t.credits.setAutoRecharge("c", null),
  "Query.creditHold": (t) => t.creditHolds.retrieve("id"),
  "Query.creditHolds": (t) => t.creditHolds.list({ customerId: "c" }),
  "Mutation.createCreditHold": (t) =>
    t.creditHolds.create({ customerId: "c", amount: "1", currency: "usd", idempotencyKey: "k" }),
  "Mutation.captureCreditHold": (t) => t.creditHolds.capture("id", { amount: "1" }),
  "Mutation.releaseCreditHold": (t) => t.creditHolds.release("id"),
  "Query.creditGrants": (t) => t.creditGrants.list(),
  "Query.customer": (t) => t.customers.retrieve("id"),
  "Query.customers": (t) => t.customers.list(),
  "Query.event": (t) => t.events.retrieve("id"),
  "Query.events": (t) => t.events.list(),
  "Query.invoice": (t) => t.invoices.retrieve("id"),
  "Query.invoices": (t) => t.invoices.list(),
  "Query.invoiceItem": (t) => t.invoiceItems.retrieve("id"),
  "Query.invoiceItems": (t) => t.invoiceItems.list(),
  "Mutation.createInvoice": (t) => t.invoices.create({} as never),
  "Mutation.finalizeInvoice": (t) => t.invoices.finalize("id"),
  "Mutation.deleteInvoice": (t) => t.invoices.del("id"),
  "Mutation.createInvoiceItem": (t) => t.invoiceItems.create({} as never),
  "Mutation.updateInvoiceItem": (t) => t.invoiceItems.update("id", {}),
  "Mutation.deleteInvoiceItem": (t) => t.invoiceItems.del("id"),
  "Query.meter": (t) => t.meters.retrieve("id"),
  "Query.meterEventSummaries": (t) =>
    t.meters.listEventSummaries("id", { customerId: "c", startTime: "", endTime: "" }),
  "Query.meters": (t) => t.meters.list(),
  "Query.previewInvoice": (t) => t.invoices.preview({ subscriptionId: "id" }),
  "Query.price": (t) => t.prices.retrieve("id"),
  "Query.prices": (t) => t.prices.list(),
  "Query.product": (t) => t.products.retrieve("id"),
  "Query.products": (t) => t.products.list(),
  "Query.subscription": (t) => t.subscriptions.retrieve("id"),
  "Query.subscriptions": (t) => t.subscriptions.list(),
  "Query.testClock": (t) => t.testClocks.retrieve("id"),
  "Query.testClocks": (t) => t.testClocks.list(),
  "Query.apiKeys": (t) => t.apiKeys.list(),
  "Mutation.createApiKey": (t) => t.apiKeys.create({} as never),
  "Mutation.rollApiKey": (t) => t.apiKeys.roll("id", { expiresIn: 0 }),
  "Mutation.revokeApiKey": (t) => t.apiKeys.revoke("id"),
  "Query.usageAlert": (t) => t.alerts.retrieve("id"),
  "Query.usageAlerts": (t) => t.alerts.list(),
  "Query.webhookDeliveries": (t) => t.webhookDeliveries.list({ endpointId: "id" }),
  "Query.webhookEndpoint": (t) => t.webhookEndpoints.retrieve("id"),
  "Query.webhookEndpoints": (t) => t.webhookEndpoints.list(),
  "Mutation.advanceTestClock": (t) => t.testClocks.advance("id", { frozenTime: "" }),
  "Mutation.archiveUsageAlert": (t) => t.alerts.archive("id"),
  "Mutation.cancelMeterEvent": (t) => t.meterEvents.cancel({ eventName: "e", identifier: "i" }),
  "Mutation.cancelSubscription": (t) => t.subscriptions.cancel("id", { atPeriodEnd: true }),
  "Mutation.updateSubscription": (t) => t.subscriptions.update("id", { items: [] }),
  "Mutation.updateCustomer": (t) => t.customers.update("id", { name: "n" }),
  "Mutation.deleteCustomer": (t) => t.customers.del("id"),
  "Mutation.createCreditGrant": (t) => t.creditGrants.create({} as never),
  "Mutation.createCustomer": (t) => t.customers.create({}),
  "Mutation.createMeter": (t) => t.meters.create({} as never),
  "Mutation.createPrice": (t) => t.prices.create({} as never),
  "Mutation.createProduct": (t) => t.products.create({} as never),
  "Mutation.createSubscription": (t) => t.subscriptions.create({} as never),
  "Mutation.createTestClock": (t) => t.testClocks.create({} as never),
  "Mutation.createUsageAlert": (t) => t.alerts.create({} as never),
  "Mutation.createWebhookEndpoint": (t) => t.webhookEndpoints.create({} as never),
  "Mutation.deactivateMeter": (t) => t.meters.deactivate("id"),
  "Mutation.deleteWebhookEndpoint": (t) => t.webhookEndpoints.del("id"),
  "Mutation.deleteTestClock": (t) => t.testClocks.del("id"),
  "Mutation.reactivateMeter": (t) => t.meters.reactivate("id"),
  "Mutation.recordMeterEvent": (t) => t.meterEvents.create({} as never),
  "Mutation.recordMeterEvents": (t) => t.meterEvents.createMany([]),
  "Mutation.recordMeterEventsAsync": (t) => t.meterEvents.recordAsync([]),
  "Mutation.updateMeter": (t) => t.meters.update("id", { displayName: "" }),
  "Mutation.updatePrice": (t) => t.prices.update("id", {}),
  "Mutation.updateProduct": (t) => t.products.update("id", {}),
  "Mutation.updateWebhookEndpoint": (t) => t.webhookEndpoints.update("id", {}),
  "Mutation.voidCreditGrant": (t) => t.creditGrants.void("id"),
  "Query.creditNote": (t) => t.creditNotes.retrieve("id"),
  "Query.creditNotes": (t) => t.creditNotes.list(),
  "Query.customerBalanceTransactions": (t) => t.customers.listBalanceTransactions("id"),
  "Mutation.payInvoice": (t) => t.invoices.pay("id", { paidOutOfBand: true }),
  "Mutation.voidInvoice": (t) => t.invoices.void("id"),
  "Mutation.markInvoiceUncollectible": (t) => t.invoices.markUncollectible("id"),
  "Mutation.createCreditNote": (t) => t.creditNotes.create({} as never),
  "Mutation.voidCreditNote": (t) => t.creditNotes.void("id"),
  "Mutation.createCustomerBalanceTransaction": (t) =>
    t.customers.createBalanceTransaction("id", { amount: { amount: "-1", currency: "usd" } }),
  "Subscription.usageAlertTriggered": (t) => t.alerts.streamTriggers().ready,
  "Subscription.customerUsageUpdated": (t) => t.customerSessions.subscribeUsage("c", "m").ready,
  "Mutation.createCustomerSession": (t) => t.customerSessions.create({} as never),
  "Mutation.revokeCustomerSessions": (t) => t.customerSessions.revokeAll("c"),
};

function rootFields(): string[] {
  const roots = [
    ["Query", schema.getQueryType()],
    ["Mutation", schema.getMutationType()],
    ["Subscription", schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, type]) => Object.keys(type?.getFields() ?? {}).map((field) => `${kind}.${field}`));
}

/** The root field a method's request selects, read from the document it sends; nothing reaches a server. */
async function sentRootField(call: (tally: Tally) => unknown): Promise<string> {
  let sent: string | undefined;
  const tally = new Tally({
    apiKey: "sk_test_coverage",
    maxNetworkRetries: 0,
    fetch: async (_input, init) => {
      const operation = parse(JSON.parse(String(init!.body)).query).definitions.find(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )!;
      const kind = { query: "Query", mutation: "Mutation", subscription: "Subscription" }[operation.operation];
      const [field] = operation.selectionSet.selections;
      sent = `${kind}.${field!.kind === Kind.FIELD ? field!.name.value : "?"}`;
      throw new TypeError("not sent");
    },
  });
  await Promise.resolve(call(tally)).catch(() => {});
  return sent ?? "nothing sent";
}

describe("SDK coverage of schema.graphql", () => {
  it("every root field is sent by an SDK method, or allowlisted", () => {
    const missing = rootFields().filter((field) => !(field in METHODS) && !(field in ALLOWLIST));
    expect(missing, "add an SDK method (and a row in METHODS) for each, or allowlist it with a reason").toEqual([]);
  });

  it("has no row for a root field the schema no longer has", () => {
    const fields = new Set(rootFields());
    expect([...Object.keys(METHODS), ...Object.keys(ALLOWLIST)].filter((field) => !fields.has(field))).toEqual([]);
  });

  it.each(Object.entries(METHODS))("%s is what its method sends", async (field, call) => {
    expect(await sentRootField(call)).toBe(field);
  });
});
