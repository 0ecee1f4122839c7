// GraphiQL at /graphql, rendered from the installed @graphql-yoga/render-graphiql package so that
// the page loads nothing from outside the server (docs/api/graphiql.md).
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import type { GraphiQLOptions } from "graphql-yoga";

/** The document a newcomer finds in the editor: a guided tour of metered billing, valid against the schema. */
export const WELCOME_DOCUMENT = `# Welcome to Tally: usage-based billing.
#
# 1. Paste your secret key in Headers below:
#    { "Authorization": "Bearer sk_test_…" }
#    The server printed it on its first start.
# 2. Click in an operation, press Ctrl+Enter.
# 3. The book icon (top left) opens the docs.

# Your meters: each counts one event name.
query ListMeters {
  meters(first: 10) {
    edges {
      node { id displayName eventName }
    }
  }
}

# Subscriptions, with their customers' ids.
query ListSubscriptions {
  subscriptions(first: 10) {
    edges {
      node { id status customer { id name } }
    }
  }
}

# Record usage: a meter's eventName and a
# customer id from above. A retry with the
# same identifier is not counted twice.
mutation RecordMeterEvent {
  recordMeterEvent(input: {
    eventName: "api_requests"
    customerId: "cus_…"
    value: "1"
    identifier: "welcome-1"
  }) {
    ... on MeterEvent { identifier value }
    ... on Error { code message field }
  }
}

# The invoice so far: what the subscription
# would be billed if its period ended now.
query PreviewInvoice {
  previewInvoice(subscriptionId: "sub_…") {
    periodStart
    periodEnd
    lines {
      description
      quantity
      amount { amount currency }
    }
    total { amount currency }
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
