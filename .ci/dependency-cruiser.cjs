// The layering rules of docs/architecture.md#packages-and-layers, checked by `pnpm lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-import-cycles",
      comment: "A cycle means neither module can be read or changed without the other.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-service-folder-cycles",
      comment: "Service folders depend one way: db ← credits ← invoices ← billing-cycle ← subscriptions, and so on.",
      severity: "error",
      scope: "folder",
      from: { path: "^packages/server/src/" },
      to: { circular: true },
    },
    {
      name: "billing-engine-is-pure",
      comment: "packages/billing is the pure engine: no server, SDK, database or Node I/O.",
      severity: "error",
      from: { path: "^packages/billing/src/" },
      to: { path: "^packages/(server|sdk)/|(^|/)node_modules/(pg|@prisma|@electric-sql|graphql)" },
    },
    {
      name: "billing-engine-no-node-builtins",
      severity: "error",
      from: { path: "^packages/billing/src/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "sdk-stands-alone",
      comment: "The SDK ships to users: it may not reach into the server.",
      severity: "error",
      from: { path: "^packages/sdk/src/" },
      to: { path: "^packages/server/" },
    },
    {
      name: "elements-stand-alone",
      comment: "@tally/elements runs in customers' browsers: nothing of the server, the billing engine or a database.",
      severity: "error",
      from: { path: "^packages/elements/(src|portal)/" },
      to: { path: "^packages/(server|billing)/|(^|/)node_modules/(pg|@prisma|@electric-sql)" },
    },
    {
      name: "elements-no-node-builtins",
      comment: "Browser code: no Node built-ins.",
      severity: "error",
      from: { path: "^packages/elements/(src|portal)/" },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|generated|dist)/" },
  },
};
