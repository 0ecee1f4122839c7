// Scenario helpers for billing tests: each step is one typed GraphQL request, named like the seed's
// story (meter → prices → customer → subscription → usage → preview → advance → invoices); the
// catalog steps are catalog.ts's, by id. Steps that must succeed fail the test with the server's
// answer when they do not.
import { graphql } from "../generated/gql.js";
import type {
  BillingInvoiceFragment,
  BillingPreviewFragment,
  CancelSubscriptionInput,
  CreatePriceInput,
  CreateSubscriptionInput,
  CreateCustomerInput,
  InvoiceStatus,
  MeterAggregation,
  RecordMeterEventInput,
  UpdateSubscriptionInput,
} from "../generated/graphql.js";
import type { TestApp } from "./app.js";
import { catalog, type PriceOptions } from "./catalog.js";

export const MONEY = "{ amount currency }";

/** A loosely typed record, for inputs built field by field and answers of hand-written documents. */
export type Obj = Record<string, any>;

graphql(`
  fragment BillingLine on InvoiceLine {
    kind
    description
    price {
      id
    }
    tier
    quantity
    unitAmount
    amount {
      amount
      currency
    }
    periodStart
    periodEnd
  }
`);

graphql(`
  fragment BillingInvoice on Invoice {
    id
    number
    status
    billingReason
    currency
    periodStart
    periodEnd
    createdAt
    finalizedAt
    customer {
      id
    }
    subscription {
      id
    }
    lines {
      ...BillingLine
    }
    subtotal {
      amount
      currency
    }
    creditsApplied {
      amount
      currency
    }
    total {
      amount
      currency
    }
    amountDue {
      amount
      currency
    }
  }
`);

graphql(`
  fragment BillingPreview on InvoicePreview {
    customer {
      id
    }
    subscription {
      id
    }
    currency
    periodStart
    periodEnd
    lines {
      ...BillingLine
    }
    subtotal {
      amount
      currency
    }
    creditsApplied {
      amount
      currency
    }
    total {
      amount
      currency
    }
    amountDue {
      amount
      currency
    }
  }
`);

const CANCEL = graphql(`
  mutation BillingCancelSubscription($input: CancelSubscriptionInput!) {
    cancelSubscription(input: $input) {
      __typename
      ...CatalogSubscription
      ...CatalogError
    }
  }
`);

const UPDATE = graphql(`
  mutation BillingUpdateSubscription($input: UpdateSubscriptionInput!) {
    updateSubscription(input: $input) {
      __typename
      ...CatalogSubscription
      ...CatalogError
    }
  }
`);

const RECORD = graphql(`
  mutation BillingRecordMeterEvent($input: RecordMeterEventInput!) {
    recordMeterEvent(input: $input) {
      __typename
      ... on MeterEvent {
        identifier
        value
        timestamp
      }
      ...CatalogError
    }
  }
`);

const PREVIEW = graphql(`
  query BillingPreviewInvoice($id: ID!) {
    previewInvoice(subscriptionId: $id) {
      ...BillingPreview
    }
  }
`);

const SUBSCRIPTION = graphql(`
  query BillingSubscription($id: ID!) {
    subscription(id: $id) {
      ...CatalogSubscription
    }
  }
`);

const INVOICES = graphql(`
  query BillingInvoices($customerId: ID, $subscriptionId: ID, $status: InvoiceStatus) {
    invoices(first: 100, customerId: $customerId, subscriptionId: $subscriptionId, status: $status) {
      edges {
        node {
          ...BillingInvoice
        }
      }
    }
  }
`);

function expectType<T extends { __typename?: string }, Name extends string>(
  result: T,
  typename: Name,
  step: string,
): Extract<T, { __typename?: Name }> {
  if (result?.__typename !== typename) throw new Error(`${step} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { __typename?: Name }>;
}

export function billing(app: TestApp, key?: string) {
  const c = catalog(app, key);
  const data: TestApp["data"] = (document, variables) => app.data(document, variables, key);

  return {
    clock: async (frozenTime: string) => (await c.clock(frozenTime)).id,
    advance: (clockId: string, frozenTime: string) => c.advance(clockId, frozenTime),
    meter: async (eventName: string, aggregation: MeterAggregation = "SUM") =>
      (await c.meter(eventName, aggregation)).id,
    product: async (name: string) => (await c.product(name)).id,
    /** createPrice with the product made on the fly; `recurring` defaults to monthly. */
    price: async (input: Obj & { product?: string }) => (await c.price(input as PriceOptions)).id,
    licensed: async (unitAmount: string, options: Obj = {}) => (await c.licensed(unitAmount, options)).id,
    metered: async (meterId: string, pricing: Obj, options: Obj = {}) =>
      (await c.metered(meterId, pricing as Partial<CreatePriceInput>, options)).id,
    customer: async (input: Obj = {}) => (await c.customer(input as CreateCustomerInput)).id,
    /** The createSubscription result (a Subscription or an error). */
    trySubscribe: (input: Obj) => c.trySubscribe(input as CreateSubscriptionInput),
    subscribe: (input: Obj) => c.subscribe(input as CreateSubscriptionInput),
    /** The cancelSubscription result (a Subscription or an error). */
    async cancel(id: string, atPeriodEnd: boolean, input: Partial<CancelSubscriptionInput> = {}) {
      return (await data(CANCEL, { input: { id, atPeriodEnd, ...input } })).cancelSubscription;
    },
    /** The updateSubscription result (a Subscription or an error). */
    async tryUpdate(input: UpdateSubscriptionInput) {
      return (await data(UPDATE, { input })).updateSubscription;
    },
    async update(input: UpdateSubscriptionInput) {
      return expectType((await data(UPDATE, { input })).updateSubscription, "Subscription", "updateSubscription");
    },
    async record(input: Obj) {
      const r = (await data(RECORD, { input: input as RecordMeterEventInput })).recordMeterEvent;
      return expectType(r, "MeterEvent", "recordMeterEvent");
    },
    async preview(subscriptionId: string): Promise<BillingPreviewFragment | null> {
      return (await data(PREVIEW, { id: subscriptionId })).previewInvoice ?? null;
    },
    async subscription(id: string) {
      return (await data(SUBSCRIPTION, { id })).subscription;
    },
    /** Invoices, oldest first (the API lists newest first). */
    async invoices(
      filter: { customerId?: string; subscriptionId?: string; status?: InvoiceStatus } = {},
    ): Promise<BillingInvoiceFragment[]> {
      return (await data(INVOICES, filter)).invoices.edges.map((edge) => edge.node).reverse();
    },
  };
}

export type Billing = ReturnType<typeof billing>;

/** An invoice reduced to what a reader of the seed checks: lines as "kind tier quantity × unitAmount = amount". */
export function summary(invoice: Pick<BillingInvoiceFragment, "total" | "lines">): { total: string; lines: string[] } {
  return {
    total: invoice.total.amount,
    lines: invoice.lines.map((l) => `${l.kind} ${l.tier ?? "-"} ${l.quantity} × ${l.unitAmount} = ${l.amount.amount}`),
  };
}
