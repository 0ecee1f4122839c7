// Steps for the credit purchase, auto-recharge and hold tests (docs/concepts/credits.md), one
// GraphQL request each: purchase, pay, void, set an auto-recharge, hold, capture, release, list.
import { expect } from "vitest";
import type { TestApp } from "./app.js";
import { MONEY, type Obj } from "./billing.js";

const ERROR = "... on Error { code message field }";
export const PURCHASE_FIELDS = `id customerId amount ${MONEY} status invoiceRequiresPayment autoRecharge
  invoice { id status number total ${MONEY} lines { kind amount ${MONEY} } }
  grant { id category remaining ${MONEY} priority name voidedAt effectiveAt expiresAt } createdAt`;
export const HOLD_FIELDS = `id customerId amount ${MONEY} capturedAmount ${MONEY} status idempotencyKey expiresAt closedAt`;

export function spendCredits(app: TestApp, key?: string) {
  const gql = async (query: string, variables?: Obj, headers?: Obj) => {
    const res = headers
      ? await (async () => {
          const response = await app.fetch("/graphql", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${key ?? app.account.testSecretKey}`,
              ...headers,
            },
            body: JSON.stringify({ query, variables }),
          });
          return (await response.json()) as { data?: Obj; errors?: unknown };
        })()
      : await app.gql(query, variables, key);
    if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as Obj;
  };
  const mutate = async (name: string, inputType: string, type: string, fields: string, input: Obj, headers?: Obj) =>
    (
      await gql(
        `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename ... on ${type} { ${fields} } ${ERROR} } }`,
        { input },
        headers,
      )
    )[name];
  const must = (result: Obj, type: string) => {
    if (result.__typename !== type) throw new Error(`Expected ${type}, got ${JSON.stringify(result)}`);
    return result;
  };
  const self = {
    tryPurchase: (input: Obj, headers?: Obj) =>
      mutate("purchaseCredits", "PurchaseCreditsInput", "CreditPurchase", PURCHASE_FIELDS, input, headers),
    purchase: async (customerId: string, amount: string, input: Obj = {}) =>
      must(await self.tryPurchase({ customerId, amount, currency: "usd", ...input }), "CreditPurchase"),
    pay: async (invoiceId: string) =>
      must(
        await mutate("payInvoice", "PayInvoiceInput", "Invoice", "id status", { id: invoiceId, paidOutOfBand: true }),
        "Invoice",
      ),
    void: async (invoiceId: string) =>
      must(await mutate("voidInvoice", "VoidInvoiceInput", "Invoice", "id status", { id: invoiceId }), "Invoice"),
    purchases: async (customerId: string): Promise<Obj[]> =>
      (
        await gql(
          `query($c: ID) { creditPurchases(first: 100, customerId: $c) { edges { node { ${PURCHASE_FIELDS} } } } }`,
          { c: customerId },
        )
      ).creditPurchases.edges
        .map((edge: Obj) => edge.node)
        .reverse(),
    trySetAutoRecharge: (customerId: string, autoRecharge: Obj | null) =>
      mutate(
        "setCreditAutoRecharge",
        "SetCreditAutoRechargeInput",
        "Customer",
        `id creditAutoRecharge { currency thresholdAmount rechargeToAmount fixedAmount monthlyLimit grantName grantPriority grantExpiresInDays invoiceRequiresPayment }`,
        { customerId, autoRecharge },
      ),
    tryHold: (input: Obj) => mutate("createCreditHold", "CreateCreditHoldInput", "CreditHold", HOLD_FIELDS, input),
    hold: async (customerId: string, amount: string, input: Obj = {}) =>
      must(
        await self.tryHold({
          customerId,
          amount,
          currency: "usd",
          idempotencyKey: `k_${Math.random().toString(36).slice(2)}`,
          ...input,
        }),
        "CreditHold",
      ),
    tryCapture: (id: string, amount?: string) =>
      mutate("captureCreditHold", "CaptureCreditHoldInput", "CreditHold", HOLD_FIELDS, { id, amount }),
    tryRelease: (id: string) =>
      mutate("releaseCreditHold", "ReleaseCreditHoldInput", "CreditHold", HOLD_FIELDS, { id }),
    holds: async (customerId: string): Promise<Obj[]> =>
      (
        await gql(`query($c: ID!) { creditHolds(first: 100, customerId: $c) { edges { node { ${HOLD_FIELDS} } } } }`, {
          c: customerId,
        })
      ).creditHolds.edges.map((edge: Obj) => edge.node),
    /** Customer.creditBalance in usd (all four figures), or null without grants. */
    balance: async (customerId: string): Promise<Obj | null> => {
      const data = await gql(
        `query($id: ID!) { customer(id: $id) { creditBalance { currency available projectedAvailable held availableAfterHolds } availableCreditBalance(currency: "usd") ${MONEY} } }`,
        { id: customerId },
      );
      const usd = data.customer.creditBalance.find((b: Obj) => b.currency === "usd") ?? null;
      if (usd) expect(data.customer.availableCreditBalance.amount).toBe(usd.availableAfterHolds);
      return usd;
    },
    /** An EVERY_PERIOD CREDIT_BALANCE alert on the customer, with a reader of its triggers. */
    balanceAlert: async (customerId: string, meterId: string, threshold: string) => {
      const input = {
        title: "Low balance",
        type: "CREDIT_BALANCE",
        meterId,
        customerId,
        threshold,
        recurrence: "EVERY_PERIOD",
      };
      const id = (
        await gql(
          `mutation($input: CreateUsageAlertInput!) { createUsageAlert(input: $input) { ... on UsageAlert { id } } }`,
          { input },
        )
      ).createUsageAlert.id as string;
      return {
        id,
        triggers: async (): Promise<Obj[]> =>
          (await gql(`query($id: ID!) { alertTriggers(alertId: $id) { value } }`, { id })).alertTriggers,
      };
    },
    events: async (type: string): Promise<Obj[]> =>
      (
        await gql(`query($t: String) { events(first: 100, type: $t) { edges { node { id type data } } } }`, { t: type })
      ).events.edges.map((edge: Obj) => edge.node),
  };
  return self;
}

export type SpendCredits = ReturnType<typeof spendCredits>;
