// Credit holds (figure id credit-holds): PAIRS hold/capture pairs on one customer's balance from
// CLIENTS concurrent clients, as an LLM gateway makes them (docs/concepts/credits.md#holds): each
// holds 1.00, then captures 0.40 of it. The balance covers only part of the holds at once, so some are refused with
// INSUFFICIENT_CREDIT; the figure is pairs per second, and the check that nothing was ever
// over-reserved: the grants' balance never goes negative and what the captures charged is exactly
// what the ledger lost.
import type { Obj } from "../lib/api.js";
import type { Session } from "../lib/session.js";

export const PAIRS = 1_000;
/** Pairs in flight at once: a gateway's concurrent generations for one customer. */
export const CLIENTS = 100;
const BALANCE = "300";

export interface CreditHoldsResult {
  pairsPerSecond: number;
  held: number;
  refused: number;
  /** Σ captured, Σ HOLD_CAPTURE ledger entries (negated) and what the grant lost: equal when balanced. */
  captured: string;
  charged: string;
  spent: string;
  availableAfter: string;
}

const HOLD = `mutation($input: CreateCreditHoldInput!) { createCreditHold(input: $input) {
  __typename ... on CreditHold { id } ... on Error { code } } }`;
const CAPTURE = `mutation($input: CaptureCreditHoldInput!) { captureCreditHold(input: $input) {
  __typename ... on CreditHold { capturedAmount { amount } } ... on Error { code } } }`;

const cents = (amount: string) => Math.round(Number(amount) * 100);

export async function creditHolds(session: Session): Promise<CreditHoldsResult> {
  const { api } = session;
  const customer = await api.mutate("createCustomer", "CreateCustomerInput", { name: "Gateway" }, "Customer");
  await api.mutate(
    "purchaseCredits",
    "PurchaseCreditsInput",
    { customerId: customer.id, amount: BALANCE, currency: "usd" },
    "CreditPurchase",
  );
  let held = 0;
  let refused = 0;
  let captured = 0;
  const started = performance.now();
  let next = 0;
  const pair = async (i: number) => {
    const hold = (
      await api.gql<Obj>(HOLD, {
        input: { customerId: customer.id, amount: "1", currency: "usd", idempotencyKey: `pair-${i}` },
      })
    ).createCreditHold;
    if (hold.__typename !== "CreditHold") {
      if (hold.code !== "INSUFFICIENT_CREDIT") throw new Error(`createCreditHold: ${JSON.stringify(hold)}`);
      refused += 1;
      return;
    }
    held += 1;
    const done = (await api.gql<Obj>(CAPTURE, { input: { id: hold.id, amount: "0.4" } })).captureCreditHold;
    if (done.__typename !== "CreditHold") throw new Error(`captureCreditHold: ${JSON.stringify(done)}`);
    captured += cents(done.capturedAmount.amount);
  };
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < PAIRS; i = next++) await pair(i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const state = await api.gql<Obj>(
    "query($id: ID!) { customer(id: $id) { creditBalance { available availableAfterHolds } } }",
    { id: customer.id },
  );
  const [balance] = state.customer.creditBalance;
  let charged = 0;
  let after: string | null = null;
  // The ledger can be long: page through it.
  for (;;) {
    const page: Obj = await api.gql<Obj>(
      `query($id: ID!, $after: String) { creditBalanceTransactions(first: 100, after: $after, customerId: $id) {
        edges { cursor node { type amount { amount } } } pageInfo { hasNextPage endCursor } } }`,
      { id: customer.id, after },
    );
    for (const { node } of page.creditBalanceTransactions.edges)
      if (node.type === "HOLD_CAPTURE") charged -= cents(node.amount.amount);
    if (!page.creditBalanceTransactions.pageInfo.hasNextPage) break;
    after = page.creditBalanceTransactions.pageInfo.endCursor;
  }
  const money = (c: number) => (c / 100).toFixed(2);
  return {
    pairsPerSecond: PAIRS / seconds,
    held,
    refused,
    captured: money(captured),
    charged: money(charged),
    spent: money(cents(BALANCE) - cents(balance.available)),
    availableAfter: balance.availableAfterHolds,
  };
}
