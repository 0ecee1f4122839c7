/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AdvanceTestClockInput = {
  frozenTime: string;
  id: string;
};

export type BillingMode =
  | 'CLASSIC'
  | 'FLEXIBLE';

export type BillingScheme =
  | 'PER_UNIT'
  | 'TIERED';

export type CancelMeterEventInput = {
  eventName: string;
  identifier: string;
};

export type CreateCreditGrantInput = {
  amount: MoneyInput;
  category: CreditGrantCategory;
  customerId: string;
  /** Default: the customer's now. */
  effectiveAt?: string | null | undefined;
  /** After effectiveAt and the customer's now; none: never expires. */
  expiresAt?: string | null | undefined;
  /** At most 100 characters. */
  name?: string | null | undefined;
  /** 0–100, lower applies first; default 50. */
  priority?: number | null | undefined;
  scope: CreditGrantScopeInput;
};

export type CreateCustomerInput = {
  email?: string | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  name?: string | null | undefined;
  testClockId?: string | null | undefined;
};

export type CreateMeterInput = {
  aggregation: MeterAggregation;
  /** The payload key naming the customer; default "customer_id". */
  customerPayloadKey?: string | null | undefined;
  displayName: string;
  eventName: string;
  /** The payload key holding the value; default "value". */
  valuePayloadKey?: string | null | undefined;
};

export type CreatePriceInput = {
  billingScheme?: BillingScheme | null | undefined;
  currency: string;
  lookupKey?: string | null | undefined;
  nickname?: string | null | undefined;
  productId: string;
  recurring: RecurringInput;
  tiers?: Array<PriceTierInput> | null | undefined;
  tiersMode?: TiersMode | null | undefined;
  /** Move lookupKey here from the price that has it. */
  transferLookupKey?: boolean | null | undefined;
  transformQuantity?: TransformQuantityInput | null | undefined;
  unitAmount?: string | null | undefined;
};

export type CreateProductInput = {
  description?: string | null | undefined;
  name: string;
};

export type CreateSubscriptionInput = {
  /** Default: startDate (trialEnd with a trial); before it plus one interval. */
  billingCycleAnchor?: string | null | undefined;
  /** Default FLEXIBLE. */
  billingMode?: BillingMode | null | undefined;
  customerId: string;
  items: Array<SubscriptionItemInput>;
  /** Default: the customer's now; at most 35 days back, never ahead. */
  startDate?: string | null | undefined;
  /** A free trial until then: after the customer's now, at most 730 days after startDate. */
  trialEnd?: string | null | undefined;
  /** A free trial of this many days from startDate (1–730); not with trialEnd. */
  trialPeriodDays?: number | null | undefined;
};

export type CreateTestClockInput = {
  frozenTime: string;
  name?: string | null | undefined;
};

export type CreditGrantCategory =
  | 'PAID'
  | 'PROMOTIONAL';

/** Exactly one of: allMeteredPrices: true, or priceIds (1–20 metered prices). */
export type CreditGrantScopeInput = {
  allMeteredPrices?: boolean | null | undefined;
  priceIds?: Array<string> | null | undefined;
};

export type ErrorCode =
  | 'CANCEL_WINDOW_EXPIRED'
  | 'CURRENCY_MISMATCH'
  | 'CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS'
  | 'CUSTOMER_NOT_FOUND'
  | 'CUSTOMER_NOT_SPECIFIED'
  | 'DUPLICATE_EVENT'
  | 'EVENT_ALREADY_INVOICED'
  | 'EVENT_NAME_TAKEN'
  | 'EVENT_NOT_FOUND'
  | 'FORBIDDEN'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INTERVAL_MISMATCH'
  | 'INVALID_INPUT'
  | 'INVALID_VALUE'
  | 'METER_INACTIVE'
  | 'METER_NOT_FOUND'
  | 'NOT_FOUND'
  | 'PRORATION_DATE_OUT_OF_PERIOD'
  | 'QUERY_TOO_COSTLY'
  | 'QUERY_TOO_DEEP'
  | 'SUBSCRIPTION_NOT_ACTIVE'
  | 'SUBSCRIPTION_NOT_TRIALING'
  | 'TEST_CLOCK_ADVANCE_TOO_FAR'
  | 'TEST_CLOCK_BACKWARDS'
  | 'TEST_CLOCK_IN_LIVE_MODE'
  | 'TEST_CLOCK_IN_USE'
  | 'TIMESTAMP_IN_FUTURE'
  | 'TIMESTAMP_TOO_FAR_IN_PAST'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_TOKENS'
  | 'UNSUPPORTED_MEDIA_TYPE';

export type MeterAggregation =
  | 'COUNT'
  | 'LAST'
  | 'MAX'
  | 'SUM';

export type MeterStatus =
  | 'ACTIVE'
  | 'INACTIVE';

export type MoneyInput = {
  amount: string;
  currency: string;
};

export type PriceTierInput = {
  flatAmount?: string | null | undefined;
  unitAmount?: string | null | undefined;
  upTo?: string | null | undefined;
};

export type RecordMeterEventInput = {
  customerId?: string | null | undefined;
  eventName: string;
  identifier?: string | null | undefined;
  payload?: Record<string, unknown> | null | undefined;
  timestamp?: string | null | undefined;
  value?: string | number | null | undefined;
};

export type RecordMeterEventsInput = {
  events: Array<RecordMeterEventInput>;
};

export type RecurringInput = {
  interval: RecurringInterval;
  intervalCount?: number | null | undefined;
  meterId?: string | null | undefined;
  usageType: UsageType;
};

export type RecurringInterval =
  | 'DAY'
  | 'MONTH'
  | 'WEEK'
  | 'YEAR';

export type RoundingDirection =
  | 'DOWN'
  | 'UP';

export type SubscriptionItemInput = {
  priceId: string;
  /** For licensed prices only; default 1. */
  quantity?: number | null | undefined;
};

export type SubscriptionStatus =
  | 'ACTIVE'
  | 'CANCELED'
  | 'TRIALING';

export type TiersMode =
  | 'GRADUATED'
  | 'VOLUME';

export type TransformQuantityInput = {
  divideBy: number;
  round: RoundingDirection;
};

export type UsageType =
  | 'LICENSED'
  | 'METERED';

export type UsageWindow =
  | 'DAY'
  | 'HOUR';

type CatalogError_InvalidInputError_Fragment = { code: ErrorCode, message: string, field: Array<string> | null };

type CatalogError_MeterEventError_Fragment = { code: ErrorCode, message: string, field: Array<string> | null };

type CatalogError_NotFoundError_Fragment = { code: ErrorCode, message: string, field: Array<string> | null };

export type CatalogErrorFragment =
  | CatalogError_InvalidInputError_Fragment
  | CatalogError_MeterEventError_Fragment
  | CatalogError_NotFoundError_Fragment
;

export type CatalogMeterFragment = { id: string, displayName: string, eventName: string, aggregation: MeterAggregation, customerPayloadKey: string, valuePayloadKey: string, status: MeterStatus, createdAt: string };

export type CatalogProductFragment = { id: string, name: string, description: string | null, active: boolean, createdAt: string };

export type CatalogPriceFragment = { id: string, currency: string, nickname: string | null, lookupKey: string | null, active: boolean, billingScheme: BillingScheme, unitAmount: string | null, tiersMode: TiersMode | null, createdAt: string, product: { id: string, name: string }, recurring: { interval: RecurringInterval, intervalCount: number, usageType: UsageType, meter: { id: string, eventName: string } | null }, tiers: Array<{ upTo: string | null, unitAmount: string, flatAmount: string }> | null, transformQuantity: { divideBy: number, round: RoundingDirection } | null };

export type CatalogSubscriptionFragment = { id: string, status: SubscriptionStatus, billingMode: BillingMode, currency: string, startDate: string, billingCycleAnchor: string, currentPeriodStart: string, currentPeriodEnd: string, cancelAtPeriodEnd: boolean, canceledAt: string | null, createdAt: string, customer: { id: string }, items: Array<{ id: string, quantity: number | null, price: { id: string } }> };

export type CatalogCreditGrantFragment = { id: string, name: string | null, category: CreditGrantCategory, priority: number, priceIds: Array<string> | null, effectiveAt: string, expiresAt: string | null, expiredAt: string | null, voidedAt: string | null, createdAt: string, customer: { id: string }, amount: { amount: string, currency: string }, remaining: { amount: string, currency: string } };

export type CatalogCreateMeterMutationVariables = Exact<{
  input: CreateMeterInput;
}>;


export type CatalogCreateMeterMutation = { createMeter:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'Meter', id: string, displayName: string, eventName: string, aggregation: MeterAggregation, customerPayloadKey: string, valuePayloadKey: string, status: MeterStatus, createdAt: string }
   };

export type CatalogCreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CatalogCreateProductMutation = { createProduct:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'Product', id: string, name: string, description: string | null, active: boolean, createdAt: string }
   };

export type CatalogCreatePriceMutationVariables = Exact<{
  input: CreatePriceInput;
}>;


export type CatalogCreatePriceMutation = { createPrice:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'Price', id: string, currency: string, nickname: string | null, lookupKey: string | null, active: boolean, billingScheme: BillingScheme, unitAmount: string | null, tiersMode: TiersMode | null, createdAt: string, product: { id: string, name: string }, recurring: { interval: RecurringInterval, intervalCount: number, usageType: UsageType, meter: { id: string, eventName: string } | null }, tiers: Array<{ upTo: string | null, unitAmount: string, flatAmount: string }> | null, transformQuantity: { divideBy: number, round: RoundingDirection } | null }
   };

export type CatalogCreateCustomerMutationVariables = Exact<{
  input: CreateCustomerInput;
}>;


export type CatalogCreateCustomerMutation = { createCustomer:
    | { __typename: 'Customer', id: string, name: string | null, email: string | null, metadata: Record<string, unknown> | null, createdAt: string }
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: Array<string> | null }
   };

export type CatalogCreateTestClockMutationVariables = Exact<{
  input: CreateTestClockInput;
}>;


export type CatalogCreateTestClockMutation = { createTestClock:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'TestClock', id: string, frozenTime: string }
   };

export type CatalogAdvanceTestClockMutationVariables = Exact<{
  input: AdvanceTestClockInput;
}>;


export type CatalogAdvanceTestClockMutation = { advanceTestClock:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'TestClock', id: string, frozenTime: string }
   };

export type CatalogCreateSubscriptionMutationVariables = Exact<{
  input: CreateSubscriptionInput;
}>;


export type CatalogCreateSubscriptionMutation = { createSubscription:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'Subscription', id: string, status: SubscriptionStatus, billingMode: BillingMode, currency: string, startDate: string, billingCycleAnchor: string, currentPeriodStart: string, currentPeriodEnd: string, cancelAtPeriodEnd: boolean, canceledAt: string | null, createdAt: string, customer: { id: string }, items: Array<{ id: string, quantity: number | null, price: { id: string } }> }
   };

export type CatalogCreateCreditGrantMutationVariables = Exact<{
  input: CreateCreditGrantInput;
}>;


export type CatalogCreateCreditGrantMutation = { createCreditGrant:
    | { __typename: 'CreditGrant', id: string, name: string | null, category: CreditGrantCategory, priority: number, priceIds: Array<string> | null, effectiveAt: string, expiresAt: string | null, expiredAt: string | null, voidedAt: string | null, createdAt: string, customer: { id: string }, amount: { amount: string, currency: string }, remaining: { amount: string, currency: string } }
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'NotFoundError', code: ErrorCode, message: string, field: Array<string> | null }
   };

export type TestMeterEventFragment = { identifier: string, eventName: string, value: string, timestamp: string, payload: Record<string, unknown> | null, createdAt: string, canceledAt: string | null, customer: { id: string } };

export type TestRecordMeterEventMutationVariables = Exact<{
  input: RecordMeterEventInput;
}>;


export type TestRecordMeterEventMutation = { recordMeterEvent:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'MeterEvent', identifier: string, eventName: string, value: string, timestamp: string, payload: Record<string, unknown> | null, createdAt: string, canceledAt: string | null, customer: { id: string } }
    | { __typename: 'MeterEventError', code: ErrorCode, message: string, field: Array<string> | null, existingEvent: { identifier: string, eventName: string, value: string, timestamp: string, payload: Record<string, unknown> | null, createdAt: string, canceledAt: string | null, customer: { id: string } } | null }
   };

export type TestRecordMeterEventsMutationVariables = Exact<{
  input: RecordMeterEventsInput;
}>;


export type TestRecordMeterEventsMutation = { recordMeterEvents:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'RecordMeterEventsSummary', accepted: number, duplicates: number, rejected: Array<{ index: number, code: ErrorCode, message: string }> }
   };

export type TestCancelMeterEventMutationVariables = Exact<{
  input: CancelMeterEventInput;
}>;


export type TestCancelMeterEventMutation = { cancelMeterEvent:
    | { __typename: 'InvalidInputError', code: ErrorCode, message: string, field: Array<string> | null }
    | { __typename: 'MeterEvent', identifier: string, eventName: string, value: string, timestamp: string, payload: Record<string, unknown> | null, createdAt: string, canceledAt: string | null, customer: { id: string } }
    | { __typename: 'MeterEventError', code: ErrorCode, message: string, field: Array<string> | null }
   };

export type TestMeterEventSummariesQueryVariables = Exact<{
  meterId: string;
  customerId: string;
  startTime: string;
  endTime: string;
  groupingWindow?: UsageWindow | null | undefined;
}>;


export type TestMeterEventSummariesQuery = { meterEventSummaries: Array<{ startTime: string, endTime: string, aggregatedValue: string }> };

export const CatalogErrorFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogErrorFragment, unknown>;
export const CatalogMeterFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogMeter"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Meter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"aggregation"}},{"kind":"Field","name":{"kind":"Name","value":"customerPayloadKey"}},{"kind":"Field","name":{"kind":"Name","value":"valuePayloadKey"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CatalogMeterFragment, unknown>;
export const CatalogProductFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CatalogProductFragment, unknown>;
export const CatalogPriceFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogPrice"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Price"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"lookupKey"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"billingScheme"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"}},{"kind":"Field","name":{"kind":"Name","value":"tiersMode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recurring"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"intervalCount"}},{"kind":"Field","name":{"kind":"Name","value":"usageType"}},{"kind":"Field","name":{"kind":"Name","value":"meter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"}},{"kind":"Field","name":{"kind":"Name","value":"flatAmount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transformQuantity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"divideBy"}},{"kind":"Field","name":{"kind":"Name","value":"round"}}]}}]}}]} as unknown as DocumentNode<CatalogPriceFragment, unknown>;
export const CatalogSubscriptionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogSubscription"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subscription"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"billingMode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"billingCycleAnchor"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodStart"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"cancelAtPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"canceledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CatalogSubscriptionFragment, unknown>;
export const CatalogCreditGrantFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogCreditGrant"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreditGrant"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"remaining"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"priceIds"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CatalogCreditGrantFragment, unknown>;
export const TestMeterEventFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMeterEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MeterEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"canceledAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<TestMeterEventFragment, unknown>;
export const CatalogCreateMeterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreateMeter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateMeterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createMeter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogMeter"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogMeter"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Meter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"aggregation"}},{"kind":"Field","name":{"kind":"Name","value":"customerPayloadKey"}},{"kind":"Field","name":{"kind":"Name","value":"valuePayloadKey"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreateMeterMutation, CatalogCreateMeterMutationVariables>;
export const CatalogCreateProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogProduct"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreateProductMutation, CatalogCreateProductMutationVariables>;
export const CatalogCreatePriceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreatePrice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePriceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogPrice"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogPrice"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Price"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"lookupKey"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"billingScheme"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"}},{"kind":"Field","name":{"kind":"Name","value":"tiersMode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recurring"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"intervalCount"}},{"kind":"Field","name":{"kind":"Name","value":"usageType"}},{"kind":"Field","name":{"kind":"Name","value":"meter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upTo"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"}},{"kind":"Field","name":{"kind":"Name","value":"flatAmount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transformQuantity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"divideBy"}},{"kind":"Field","name":{"kind":"Name","value":"round"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreatePriceMutation, CatalogCreatePriceMutationVariables>;
export const CatalogCreateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreateCustomerMutation, CatalogCreateCustomerMutationVariables>;
export const CatalogCreateTestClockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreateTestClock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTestClockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTestClock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestClock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"frozenTime"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreateTestClockMutation, CatalogCreateTestClockMutationVariables>;
export const CatalogAdvanceTestClockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogAdvanceTestClock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AdvanceTestClockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advanceTestClock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestClock"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"frozenTime"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogAdvanceTestClockMutation, CatalogAdvanceTestClockMutationVariables>;
export const CatalogCreateSubscriptionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreateSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubscriptionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogSubscription"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogSubscription"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Subscription"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"billingMode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"billingCycleAnchor"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodStart"}},{"kind":"Field","name":{"kind":"Name","value":"currentPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"cancelAtPeriodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"canceledAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreateSubscriptionMutation, CatalogCreateSubscriptionMutationVariables>;
export const CatalogCreateCreditGrantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CatalogCreateCreditGrant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCreditGrantInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCreditGrant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogCreditGrant"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogCreditGrant"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreditGrant"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"remaining"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"priceIds"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<CatalogCreateCreditGrantMutation, CatalogCreateCreditGrantMutationVariables>;
export const TestRecordMeterEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestRecordMeterEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordMeterEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMeterEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"TestMeterEvent"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MeterEventError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"existingEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TestMeterEvent"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMeterEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MeterEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"canceledAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<TestRecordMeterEventMutation, TestRecordMeterEventMutationVariables>;
export const TestRecordMeterEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestRecordMeterEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordMeterEventsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMeterEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RecordMeterEventsSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<TestRecordMeterEventsMutation, TestRecordMeterEventsMutationVariables>;
export const TestCancelMeterEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestCancelMeterEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelMeterEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelMeterEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"TestMeterEvent"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CatalogError"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TestMeterEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MeterEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"eventName"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"canceledAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CatalogError"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]} as unknown as DocumentNode<TestCancelMeterEventMutation, TestCancelMeterEventMutationVariables>;
export const TestMeterEventSummariesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TestMeterEventSummaries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meterId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"startTime"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endTime"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupingWindow"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UsageWindow"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meterEventSummaries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meterId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meterId"}}},{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"startTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"startTime"}}},{"kind":"Argument","name":{"kind":"Name","value":"endTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endTime"}}},{"kind":"Argument","name":{"kind":"Name","value":"groupingWindow"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupingWindow"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"aggregatedValue"}}]}}]}}]} as unknown as DocumentNode<TestMeterEventSummariesQuery, TestMeterEventSummariesQueryVariables>;