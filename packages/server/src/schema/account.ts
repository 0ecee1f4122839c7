// Accounts: the tenant's own Account node, and the operator's createAccount.
import { InvalidInputError } from "../errors.js";
import { createAccount, type AccountCredentials } from "../services/accounts.js";
import { builder } from "./builder.js";

builder.prismaNode("Account", {
  id: { field: "id" },
  // A key may read its own account and no other: any other ID resolves to nothing.
  findUnique: (id, ctx) => ({ id: id === ctx.tenant?.scope.accountId ? id : "" }),
  fields: (t) => ({
    name: t.exposeString("name"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const AccountCredentialsRef = builder.objectRef<AccountCredentials>("AccountCredentials").implement({
  description: "A new account and its secret keys. The keys are shown only here, once.",
  fields: (t) => ({
    account: t.prismaField({ type: "Account", resolve: (_query, c) => c.account }),
    testSecretKey: t.exposeString("testSecretKey"),
    liveSecretKey: t.exposeString("liveSecretKey"),
  }),
});

const CreateAccountInput = builder.inputType("CreateAccountInput", {
  fields: (t) => ({ name: t.string({ required: true }) }),
});

builder.mutationField("createAccount", (t) =>
  t.field({
    type: AccountCredentialsRef,
    skipTypeScopes: true,
    authScopes: { operator: true },
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateAccountInput, required: true }) },
    resolve: (_root, { input }, ctx) => createAccount(ctx.deps.database.prisma, input.name),
  }),
);
