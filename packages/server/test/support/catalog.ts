// The catalog a test builds before it can bill anything (meters, products, prices, customers, test
// clocks, subscriptions, credit grants), one typed GraphQL request each with the caller's key.
// `tryX` returns the mutation's union (the object or a typed error) for tests that assert on errors;
// `x` must succeed and fails the test with the server's answer when it does not.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { graphql } from "../generated/gql.js";
import type {
  CreateCreditGrantInput,
  CreateCustomerInput,
  CreateMeterInput,
  CreatePriceInput,
  CreateProductInput,
  CreateSubscriptionInput,
  MeterAggregation,
  RecurringInput,
  UpdatePriceInput,
} from "../generated/graphql.js";
import type { TestApp } from "./app.js";

graphql(`
  fragment CatalogError on Error {
    code
    message
    field
  }
`);

graphql(`
  fragment CatalogMeter on Meter {
    id
    displayName
    eventName
    aggregation
    customerPayloadKey
    valuePayloadKey
    status
    createdAt
  }
`);

graphql(`
  fragment CatalogProduct on Product {
    id
    name
    description
    active
    createdAt
  }
`);

graphql(`
  fragment CatalogPrice on Price {
    id
    currency
    nickname
    lookupKey
    active
    billingScheme
    unitAmount
    tiersMode
    createdAt
    product {
      id
      name
    }
    recurring {
      interval
      intervalCount
      usageType
      meter {
        id
        eventName
      }
    }
    tiers {
      upTo
      unitAmount
      flatAmount
    }
    transformQuantity {
      divideBy
      round
    }
  }
`);

graphql(`
  fragment CatalogSubscription on Subscription {
    id
    status
    billingMode
    currency
    startDate
    billingCycleAnchor
    currentPeriodStart
    currentPeriodEnd
    cancelAtPeriodEnd
    canceledAt
    trialStart
    trialEnd
    createdAt
    customer {
      id
    }
    items {
      id
      quantity
      price {
        id
      }
    }
  }
`);

graphql(`
  fragment CatalogCreditGrant on CreditGrant {
    id
    customer {
      id
    }
    name
    amount {
      amount
      currency
    }
    remaining {
      amount
      currency
    }
    category
    priority
    priceIds
    effectiveAt
    expiresAt
    expiredAt
    voidedAt
    createdAt
  }
`);

const CREATE_METER = graphql(`
  mutation CatalogCreateMeter($input: CreateMeterInput!) {
    createMeter(input: $input) {
      __typename
      ...CatalogMeter
      ...CatalogError
    }
  }
`);

const CREATE_PRODUCT = graphql(`
  mutation CatalogCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      __typename
      ...CatalogProduct
      ...CatalogError
    }
  }
`);

const CREATE_PRICE = graphql(`
  mutation CatalogCreatePrice($input: CreatePriceInput!) {
    createPrice(input: $input) {
      __typename
      ...CatalogPrice
      ...CatalogError
    }
  }
`);

const UPDATE_PRICE = graphql(`
  mutation CatalogUpdatePrice($input: UpdatePriceInput!) {
    updatePrice(input: $input) {
      __typename
      ...CatalogPrice
      ...CatalogError
    }
  }
`);

const CREATE_CUSTOMER = graphql(`
  mutation CatalogCreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      __typename
      ... on Customer {
        id
        name
        email
        metadata
        createdAt
      }
      ...CatalogError
    }
  }
`);

const CREATE_TEST_CLOCK = graphql(`
  mutation CatalogCreateTestClock($input: CreateTestClockInput!) {
    createTestClock(input: $input) {
      __typename
      ... on TestClock {
        id
        frozenTime
      }
      ...CatalogError
    }
  }
`);

const ADVANCE_TEST_CLOCK = graphql(`
  mutation CatalogAdvanceTestClock($input: AdvanceTestClockInput!) {
    advanceTestClock(input: $input) {
      __typename
      ... on TestClock {
        id
        frozenTime
      }
      ...CatalogError
    }
  }
`);

const CREATE_SUBSCRIPTION = graphql(`
  mutation CatalogCreateSubscription($input: CreateSubscriptionInput!) {
    createSubscription(input: $input) {
      __typename
      ...CatalogSubscription
      ...CatalogError
    }
  }
`);

const CREATE_CREDIT_GRANT = graphql(`
  mutation CatalogCreateCreditGrant($input: CreateCreditGrantInput!) {
    createCreditGrant(input: $input) {
      __typename
      ...CatalogCreditGrant
      ...CatalogError
    }
  }
`);

type Result<T> = T extends { __typename?: infer N } ? T & { __typename: N } : never;
type Created<T, Name extends string> = Extract<Result<T>, { __typename: Name }>;

/** Price options without the product: `product` names one made on the fly, currency defaults to usd. */
export type PriceOptions = Omit<CreatePriceInput, "productId" | "currency"> & {
  product?: string;
  productId?: string;
  currency?: string;
};

function expectCreated<T extends { __typename?: string }, Name extends string>(
  result: T | null | undefined,
  typename: Name,
  step: string,
): Created<T, Name> {
  if (result?.__typename !== typename) throw new Error(`${step} failed: ${JSON.stringify(result)}`);
  return result as Created<T, Name>;
}

export function catalog(app: TestApp, key?: string) {
  const data = <R, V>(document: TypedDocumentNode<R, V>, variables: V) => app.data(document, variables, key);
  let meters = 0;

  const self = {
    async tryMeter(input: CreateMeterInput) {
      return (await data(CREATE_METER, { input })).createMeter;
    },
    /** A meter of `input`, or named `input` (a fresh unique name by default) and displayed so. */
    async meter(
      input: CreateMeterInput | string = `meter_${(meters += 1)}_${Math.random().toString(36).slice(2, 8)}`,
      aggregation: MeterAggregation = "SUM",
      extra: Partial<CreateMeterInput> = {},
    ) {
      const meter = await self.tryMeter(
        typeof input === "string" ? { displayName: input, eventName: input, aggregation, ...extra } : input,
      );
      return expectCreated(meter, "Meter", "createMeter");
    },
    /** A meter with a fresh unique event name. */
    freshMeter(aggregation: MeterAggregation = "SUM", extra: Partial<CreateMeterInput> = {}) {
      return self.meter(undefined, aggregation, extra);
    },
    async tryProduct(input: CreateProductInput) {
      return (await data(CREATE_PRODUCT, { input })).createProduct;
    },
    async product(input: CreateProductInput | string) {
      const product = await self.tryProduct(typeof input === "string" ? { name: input } : input);
      return expectCreated(product, "Product", "createProduct");
    },
    async tryPrice(input: CreatePriceInput) {
      return (await data(CREATE_PRICE, { input })).createPrice;
    },
    /** A price of a product made on the fly (or `productId`), in usd unless `currency` is given. */
    async price({ product = "Product", productId, currency = "usd", ...input }: PriceOptions) {
      const price = await self.tryPrice({
        productId: productId ?? (await self.product(product)).id,
        currency,
        ...input,
      });
      return expectCreated(price, "Price", "createPrice");
    },
    async tryUpdatePrice(input: UpdatePriceInput) {
      return (await data(UPDATE_PRICE, { input })).updatePrice;
    },
    async updatePrice(input: UpdatePriceInput) {
      return expectCreated(await self.tryUpdatePrice(input), "Price", "updatePrice");
    },
    /** A monthly per-unit licensed price. */
    licensed(unitAmount: string, options: Partial<PriceOptions> = {}) {
      return self.price({
        product: "License fee",
        unitAmount,
        ...options,
        recurring: { interval: "MONTH", usageType: "LICENSED", ...options.recurring } as RecurringInput,
      });
    },
    /** A monthly metered price of `meterId`, `pricing` being per-unit, package, graduated or volume. */
    metered(meterId: string, pricing: Partial<PriceOptions>, options: Partial<PriceOptions> = {}) {
      return self.price({
        product: "Usage",
        ...pricing,
        ...options,
        recurring: { interval: "MONTH", usageType: "METERED", meterId, ...options.recurring } as RecurringInput,
      });
    },
    async tryCustomer(input: CreateCustomerInput) {
      return (await data(CREATE_CUSTOMER, { input })).createCustomer;
    },
    async customer(input: CreateCustomerInput = {}) {
      const customer = await self.tryCustomer({ name: "John Doe", ...input });
      return expectCreated(customer, "Customer", "createCustomer");
    },
    async clock(frozenTime: string) {
      const clock = (await data(CREATE_TEST_CLOCK, { input: { frozenTime } })).createTestClock;
      return expectCreated(clock, "TestClock", "createTestClock");
    },
    async advance(clockId: string, frozenTime: string) {
      const clock = (await data(ADVANCE_TEST_CLOCK, { input: { id: clockId, frozenTime } })).advanceTestClock;
      return expectCreated(clock, "TestClock", "advanceTestClock");
    },
    /** A customer on a new test clock frozen at `frozenTime`. */
    async clockCustomer(frozenTime: string, input: CreateCustomerInput = {}) {
      const clockId = (await self.clock(frozenTime)).id;
      const customerId = (await self.customer({ ...input, testClockId: clockId })).id;
      return { customerId, clockId };
    },
    async trySubscribe(input: CreateSubscriptionInput) {
      return (await data(CREATE_SUBSCRIPTION, { input })).createSubscription;
    },
    async subscribe(input: CreateSubscriptionInput) {
      return expectCreated(await self.trySubscribe(input), "Subscription", "createSubscription");
    },
    async tryGrant(input: CreateCreditGrantInput) {
      return (await data(CREATE_CREDIT_GRANT, { input })).createCreditGrant;
    },
    /** A PROMOTIONAL grant on all metered prices unless `options` says otherwise; amount in usd by default. */
    async grant(
      customerId: string,
      amount: string,
      { currency = "usd", ...options }: Partial<CreateCreditGrantInput> & { currency?: string } = {},
    ) {
      const grant = await self.tryGrant({
        customerId,
        amount: { amount, currency },
        category: "PROMOTIONAL",
        scope: { allMeteredPrices: true },
        ...options,
      });
      return expectCreated(grant, "CreditGrant", "createCreditGrant");
    },
  };
  return self;
}

export type Catalog = ReturnType<typeof catalog>;
