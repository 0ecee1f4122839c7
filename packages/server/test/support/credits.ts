// Billing-credit steps for scenario tests, one GraphQL request each (a list, one per page): grant
// (catalog.ts's), void, the ledger and the customer's live balance.
import type { CreateCreditGrantInput } from "../generated/graphql.js";
import type { TestApp } from "./app.js";
import { catalog } from "./catalog.js";
import { MONEY, type Obj } from "./billing.js";

export const GRANT_FIELDS = `id customer { id } name amount ${MONEY} remaining ${MONEY} category priority priceIds
  effectiveAt expiresAt expiredAt voidedAt createdAt`;
export const LEDGER_FIELDS = `id type amount ${MONEY} grant { id } invoice { id } effectiveAt createdAt`;
const ERROR = "... on Error { code message field }";

export interface Credits {
  /** The createCreditGrant result (a CreditGrant or an error); amount is in usd unless `currency` is given. */
  tryGrant(input: Obj): Promise<Obj>;
  /** createCreditGrant that must succeed: `{ customerId, amount: "50", ... }`, all metered prices, PROMOTIONAL by default. */
  grant(customerId: string, amount: string, options?: Obj & { currency?: string }): Promise<Obj>;
  tryVoid(id: string): Promise<Obj>;
  /** Grants of the customer, newest first. */
  grants(customerId?: string): Promise<Obj[]>;
  /** The customer's ledger, oldest first (the API lists newest first). */
  ledger(customerId?: string): Promise<Obj[]>;
  balance(customerId: string): Promise<Obj[]>;
}

export function credits(app: TestApp, key?: string): Credits {
  const cat = catalog(app, key);
  const gql = async (query: string, variables?: Obj) => {
    const res = await app.gql(query, variables, key);
    if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  // A connection serves at most 100 nodes a page: a scenario's ledger can be longer.
  const everyNode = async (connection: string, fields: string, customerId?: string): Promise<Obj[]> => {
    const nodes: Obj[] = [];
    let after: string | null = null;
    do {
      const data = await gql(
        `query($c: ID, $after: String) { ${connection}(first: 100, after: $after, customerId: $c) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
        { c: customerId, after },
      );
      const page = data[connection];
      nodes.push(...page.edges.map((edge: Obj) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    return nodes;
  };
  const self: Credits = {
    tryGrant: (input) => cat.tryGrant(input as CreateCreditGrantInput),
    grant: (customerId, amount, options = {}) => cat.grant(customerId, amount, options),
    async tryVoid(id) {
      const data = await gql(
        `mutation($input: VoidCreditGrantInput!) { voidCreditGrant(input: $input) { __typename ... on CreditGrant { ${GRANT_FIELDS} } ${ERROR} } }`,
        { input: { id } },
      );
      return data.voidCreditGrant;
    },
    grants: (customerId) => everyNode("creditGrants", GRANT_FIELDS, customerId),
    ledger: async (customerId) => (await everyNode("creditBalanceTransactions", LEDGER_FIELDS, customerId)).reverse(),
    async balance(customerId) {
      const data = await gql(
        `query($id: ID!) { customer(id: $id) { creditBalance { currency available projectedAvailable } } }`,
        {
          id: customerId,
        },
      );
      return data.customer.creditBalance;
    },
  };
  return self;
}

/** A ledger reduced to "TYPE amount" lines, oldest first. */
export function entries(ledger: Obj[]): string[] {
  return ledger.map((entry) => `${entry.type} ${entry.amount.amount}`);
}
