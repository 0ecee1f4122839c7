// The root types. Every query and mutation needs a tenant key unless a field says otherwise
// (createAccount is the operator's).
import { builder } from "./builder.js";

builder.queryType({ authScopes: { tenant: true } });
builder.mutationType({ authScopes: { tenant: true } });
// Not "Subscription": the contract's customer Subscription type has that name. Served as
// server-sent events (POST or GET /graphql with Accept: text/event-stream).
builder.subscriptionType({ name: "RootSubscription", authScopes: { tenant: true } });
