// Scenario helpers for billing tests: each step is one GraphQL request, named like the seed's
// story (meter → prices → customer → subscription → usage → preview → advance → invoices); the
// catalog steps are catalog.ts's, by id. Steps that must succeed fail the test with the server's
// answer when they do not.
import type { CreateSubscriptionInput } from "../generated/graphql.js";
import type { TestApp } from "./app.js";
import { catalog, type PriceOptions } from "./catalog.js";

export const MONEY = "{ amount currency }";
export const LINE_FIELDS = `kind description price { id } tier quantity unitAmount amount ${MONEY} periodStart periodEnd`;
export const INVOICE_FIELDS = `id number status billingReason currency periodStart periodEnd createdAt finalizedAt
  customer { id } subscription { id }
  lines { ${LINE_FIELDS} }
  subtotal ${MONEY} creditsApplied ${MONEY} total ${MONEY} amountDue ${MONEY}`;
export const SUBSCRIPTION_FIELDS = `id status billingMode currency startDate billingCycleAnchor currentPeriodStart currentPeriodEnd
  cancelAtPeriodEnd canceledAt trialStart trialEnd createdAt customer { id } items { id quantity price { id } }`;
export const PREVIEW_FIELDS = `customer { id } subscription { id } currency periodStart periodEnd lines { ${LINE_FIELDS} }
  subtotal ${MONEY} creditsApplied ${MONEY} total ${MONEY} amountDue ${MONEY}`;
const ERROR = "... on Error { code message field }";

export type Obj = Record<string, any>;

function expectType(result: Obj, typename: string, step: string): Obj {
  if (result?.__typename !== typename) throw new Error(`${step} failed: ${JSON.stringify(result)}`);
  return result;
}

export interface Billing {
  clock(frozenTime: string): Promise<string>;
  advance(clockId: string, frozenTime: string): Promise<Obj>;
  meter(eventName: string, aggregation?: "SUM" | "COUNT" | "LAST" | "MAX"): Promise<string>;
  product(name: string): Promise<string>;
  /** createPrice with the product made on the fly; `recurring` defaults to monthly. */
  price(input: Obj & { product?: string }): Promise<string>;
  licensed(unitAmount: string, options?: Obj): Promise<string>;
  metered(meterId: string, pricing: Obj, options?: Obj): Promise<string>;
  customer(input?: Obj): Promise<string>;
  /** The createSubscription result (a Subscription or an error). */
  trySubscribe(input: Obj): Promise<Obj>;
  subscribe(input: Obj): Promise<Obj>;
  cancel(id: string, atPeriodEnd: boolean): Promise<Obj>;
  record(input: Obj): Promise<Obj>;
  preview(subscriptionId: string): Promise<Obj | null>;
  subscription(id: string): Promise<Obj | null>;
  /** Invoices, oldest first (the API lists newest first). */
  invoices(filter?: Obj): Promise<Obj[]>;
}

export function billing(app: TestApp, key?: string): Billing {
  const c = catalog(app, key);
  const gql = async (query: string, variables?: Obj) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const mutate = async (name: string, inputType: string, input: Obj, fields: string) =>
    (
      await gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { __typename ${fields} ${ERROR} } }`, {
        input,
      })
    )[name];

  const self: Billing = {
    clock: async (frozenTime) => (await c.clock(frozenTime)).id,
    advance: (clockId, frozenTime) => c.advance(clockId, frozenTime),
    meter: async (eventName, aggregation = "SUM") => (await c.meter(eventName, aggregation)).id,
    product: async (name) => (await c.product(name)).id,
    price: async (input) => (await c.price(input as PriceOptions)).id,
    licensed: async (unitAmount, options = {}) => (await c.licensed(unitAmount, options)).id,
    metered: async (meterId, pricing, options = {}) => (await c.metered(meterId, pricing, options)).id,
    customer: async (input = {}) => (await c.customer(input)).id,
    trySubscribe: (input) => c.trySubscribe(input as CreateSubscriptionInput),
    subscribe: (input) => c.subscribe(input as CreateSubscriptionInput),
    cancel(id, atPeriodEnd) {
      return mutate(
        "cancelSubscription",
        "CancelSubscriptionInput",
        { id, atPeriodEnd },
        `... on Subscription { ${SUBSCRIPTION_FIELDS} }`,
      );
    },
    async record(input) {
      const r = await mutate(
        "recordMeterEvent",
        "RecordMeterEventInput",
        input,
        "... on MeterEvent { identifier value timestamp }",
      );
      return expectType(r, "MeterEvent", "recordMeterEvent");
    },
    async preview(subscriptionId) {
      return (
        await gql(`query($id: ID!) { previewInvoice(subscriptionId: $id) { ${PREVIEW_FIELDS} } }`, {
          id: subscriptionId,
        })
      ).previewInvoice;
    },
    async subscription(id) {
      return (await gql(`query($id: ID!) { subscription(id: $id) { ${SUBSCRIPTION_FIELDS} } }`, { id })).subscription;
    },
    async invoices(filter = {}) {
      const data = await gql(
        `query($customerId: ID, $subscriptionId: ID, $status: InvoiceStatus) {
          invoices(first: 100, customerId: $customerId, subscriptionId: $subscriptionId, status: $status) { edges { node { ${INVOICE_FIELDS} } } }
        }`,
        filter,
      );
      return data.invoices.edges.map((edge: Obj) => edge.node).reverse();
    },
  };
  return self;
}

/** An invoice reduced to what a reader of the seed checks: lines as "kind description quantity × unitAmount = amount". */
export function summary(invoice: Obj): { total: string; lines: string[] } {
  return {
    total: invoice.total.amount,
    lines: invoice.lines.map(
      (l: Obj) => `${l.kind} ${l.tier ?? "-"} ${l.quantity} × ${l.unitAmount} = ${l.amount.amount}`,
    ),
  };
}
