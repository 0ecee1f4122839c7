// GraphiQL at /graphql, rendered from the installed @graphql-yoga/render-graphiql package so that
// the page loads nothing from outside the server (docs/api/graphiql.md).
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import type { GraphiQLOptions } from "graphql-yoga";

/** The document a newcomer finds in the editor: the first three steps of metered billing. */
export const WELCOME_DOCUMENT = `# Welcome to Tally: usage-based billing over GraphQL.
#
# 1. Open the Headers pane below and paste your secret key:
#      { "Authorization": "Bearer sk_test_…" }
#    The server printed the Default account's keys on its first start.
# 2. Put the cursor inside an operation and press Ctrl+Enter (or the ▶ button).
# 3. The book icon on the left opens the docs: every type and field of the API.

# Step 1: the meters that turn usage events into billable quantities.
query ListMeters {
  meters(first: 10) {
    edges { node { id displayName eventName aggregation status } }
  }
}

# Step 2: record usage. Use a meter's eventName from step 1 and a customer id
# from step 3; the identifier makes retries safe (a repeat is not counted twice).
mutation RecordMeterEvent {
  recordMeterEvent(input: {
    eventName: "api_requests"
    customerId: "cus_…"
    value: "1"
    identifier: "welcome-1"
  }) {
    ... on MeterEvent { identifier timestamp value meter { displayName } }
    ... on Error { code message field }
  }
}

# Step 3: the subscriptions, with their customers.
query ListSubscriptions {
  subscriptions(first: 10) {
    edges { node { id status customer { id name } currentPeriodEnd } }
  }
}

# Step 4: what a subscription's invoice would be if its period ended now.
query PreviewInvoice {
  previewInvoice(subscriptionId: "sub_…") {
    periodStart
    periodEnd
    lines { description quantity amount { amount currency } }
    total { amount currency }
    amountDue { amount currency }
  }
}
`;

const OPTIONS: GraphiQLOptions = {
  title: "Tally",
  defaultQuery: WELCOME_DOCUMENT,
  defaultEditorToolsVisibility: "headers",
};

let page: string | undefined;

/** The page inlines GraphiQL's scripts and styles (megabytes), so it is rendered once per process. */
export function renderTallyGraphiQL(): string {
  page ??= renderGraphiQL(OPTIONS);
  return page;
}
