// The root types. Every query and mutation needs a tenant key unless a field says otherwise
// (createAccount is the operator's).
import { builder } from "./builder.js";

builder.queryType({ authScopes: { tenant: true } });
builder.mutationType({ authScopes: { tenant: true } });
