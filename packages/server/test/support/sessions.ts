// Customer sessions for tests: create one with a secret key (every scope by default), and read a
// GraphQL subscription's server-sent events.
import { graphql } from "../generated/gql.js";
import type { CreateCustomerSessionInput, CustomerSessionScope } from "../generated/graphql.js";
import type { TestApp } from "./app.js";

export const ALL_SCOPES: CustomerSessionScope[] = ["USAGE_READ", "INVOICES_READ", "CREDITS_READ", "ALERTS_READ"];

const CREATE_SESSION = graphql(`
  mutation SupportCreateCustomerSession($input: CreateCustomerSessionInput!) {
    createCustomerSession(input: $input) {
      __typename
      ... on CustomerSession {
        id
        token
        customerId
        scopes
        meterIds
        expiresAt
        createdAt
      }
      ... on Error {
        code
        message
        field
      }
    }
  }
`);

export function sessions(app: TestApp, key?: string) {
  const self = {
    async tryCreate(input: CreateCustomerSessionInput) {
      return (await app.data(CREATE_SESSION, { input }, key)).createCustomerSession;
    },
    /** A session's token for the customer (every scope unless given). */
    async token(customerId: string, input: Partial<CreateCustomerSessionInput> = {}): Promise<string> {
      const session = await self.tryCreate({ customerId, scopes: ALL_SCOPES, ...input });
      if (session.__typename !== "CustomerSession")
        throw new Error(`createCustomerSession: ${JSON.stringify(session)}`);
      return session.token;
    },
  };
  return self;
}

export type EventStreamMessage = {
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
};

/**
 * A GraphQL subscription over server-sent events: `next(ms)` resolves to the next message (null if
 * none comes within `ms`), each stamped with its arrival time; `ended` once the server closed it.
 */
export async function eventStream(
  fetch: TestApp["fetch"],
  query: string,
  variables: Record<string, unknown>,
  key: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      authorization: `Bearer ${key}`,
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const messages: Array<EventStreamMessage & { at: number }> = [];
  const state = { chunks: 0, ended: false };
  void (async () => {
    let buffer = "";
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) {
        state.ended = true;
        return;
      }
      state.chunks += 1;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = block.split("\n").find((line) => line.startsWith("data:"));
        if (block.startsWith("event: next") && data) messages.push({ ...JSON.parse(data.slice(5)), at: Date.now() });
      }
    }
  })();
  let read = 0;
  return {
    response,
    messages,
    get ended() {
      return state.ended;
    },
    async next(ms = 3_000) {
      return (await waitUntil(() => messages.length > read, ms)) ? messages[read++]! : null;
    },
    close: () => reader.cancel(),
  };
}

export async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
