// Steps for invoice lifecycle tests (docs/concepts/invoices.md#status, docs/concepts/credit-notes.md,
// docs/concepts/customer-balance.md): transitions, credit notes, the customer balance, one typed
// request each, with the caller's key.
import { graphql } from "../generated/gql.js";
import type { CreateCreditNoteInput } from "../generated/graphql.js";
import type { TestApp } from "./app.js";

const STATE = graphql(`
  query LifecycleInvoiceState($id: ID!) {
    invoice(id: $id) {
      id
      number
      status
      amountDue { amount }
      amountPaid { amount }
      amountRemaining { amount }
      startingBalance { amount }
      endingBalance { amount }
      prePaymentCreditNotesAmount { amount }
      postPaymentCreditNotesAmount { amount }
      paidOutOfBand
      dueDate
      createdAt
      paidAt
      voidedAt
      markedUncollectibleAt
      lines { id amount { amount } }
      creditNotes { id number amount { amount } }
    }
  }
`);

const PAY = graphql(`
  mutation LifecyclePay($input: PayInvoiceInput!) {
    payInvoice(input: $input) {
      __typename
      ... on Invoice { id status }
      ... on Error { code message field }
    }
  }
`);

const VOID = graphql(`
  mutation LifecycleVoid($input: VoidInvoiceInput!) {
    voidInvoice(input: $input) {
      __typename
      ... on Invoice { id status }
      ... on Error { code message field }
    }
  }
`);

const UNCOLLECTIBLE = graphql(`
  mutation LifecycleUncollectible($input: MarkInvoiceUncollectibleInput!) {
    markInvoiceUncollectible(input: $input) {
      __typename
      ... on Invoice { id status }
      ... on Error { code message field }
    }
  }
`);

const CREATE_NOTE = graphql(`
  mutation LifecycleCreateCreditNote($input: CreateCreditNoteInput!) {
    createCreditNote(input: $input) {
      __typename
      ... on CreditNote {
        id
        number
        type
        status
        reason
        memo
        amount { amount currency }
        creditAmount { amount }
        outOfBandAmount { amount }
        invoice { id }
        customer { id }
        lines { invoiceLineId description quantity unitAmount amount { amount } }
      }
      ... on Error { code message field }
    }
  }
`);

const VOID_NOTE = graphql(`
  mutation LifecycleVoidCreditNote($input: VoidCreditNoteInput!) {
    voidCreditNote(input: $input) {
      __typename
      ... on CreditNote { id status voidedAt }
      ... on Error { code message field }
    }
  }
`);

const BALANCE = graphql(`
  query LifecycleBalance($id: ID!) {
    customer(id: $id) {
      balances { amount currency }
    }
    customerBalanceTransactions(first: 100, customerId: $id) {
      edges {
        node {
          type
          amount { amount }
          endingBalance { amount }
          invoice { id }
          creditNote { id }
          description
        }
      }
    }
  }
`);

const ADJUST = graphql(`
  mutation LifecycleAdjustBalance($input: CreateCustomerBalanceTransactionInput!) {
    createCustomerBalanceTransaction(input: $input) {
      __typename
      ... on CustomerBalanceTransaction { id type amount { amount currency } endingBalance { amount } }
      ... on Error { code message field }
    }
  }
`);

export function lifecycle(app: TestApp, key?: string) {
  return {
    state: async (id: string) => (await app.data(STATE, { id }, key)).invoice!,
    pay: async (id: string, paidOutOfBand = true) =>
      (await app.data(PAY, { input: { id, paidOutOfBand } }, key)).payInvoice as Record<string, any>,
    void: async (id: string) => (await app.data(VOID, { input: { id } }, key)).voidInvoice as Record<string, any>,
    uncollectible: async (id: string) =>
      (await app.data(UNCOLLECTIBLE, { input: { id } }, key)).markInvoiceUncollectible as Record<string, any>,
    note: async (input: CreateCreditNoteInput) =>
      (await app.data(CREATE_NOTE, { input }, key)).createCreditNote as Record<string, any>,
    voidNote: async (id: string) =>
      (await app.data(VOID_NOTE, { input: { id } }, key)).voidCreditNote as Record<string, any>,
    /** The balances and the ledger, oldest first, as "TYPE amount → ending". */
    balance: async (customerId: string) => {
      const data = await app.data(BALANCE, { id: customerId }, key);
      return {
        balances: data.customer?.balances.map((b) => `${b.amount} ${b.currency}`) ?? [],
        ledger: data.customerBalanceTransactions.edges
          .map(({ node }) => `${node.type} ${node.amount.amount} → ${node.endingBalance.amount}`)
          .reverse(),
        nodes: data.customerBalanceTransactions.edges.map(({ node }) => node).reverse(),
      };
    },
    adjust: async (customerId: string, amount: string, currency = "usd", description?: string) =>
      (await app.data(ADJUST, { input: { customerId, amount: { amount, currency }, description } }, key))
        .createCustomerBalanceTransaction as Record<string, any>,
  };
}
