// Generates the SDK's typed operations from the printed schema and the SDK's .graphql documents,
// and the typed `graphql()` documents the server's tests write inline (docs/contributing.md#codegen).
// Runs on `pnpm install` (postinstall) and with `pnpm codegen`.
import type { CodegenConfig } from "@graphql-codegen/cli";

const scalars = {
  DateTime: "string",
  Decimal: "string",
  EventValue: "string | number",
  JSONObject: "Record<string, unknown>",
  ID: "string",
};

const config: CodegenConfig = {
  schema: "schema.graphql",
  // Only `graphql(...)` calls are typed documents: tests still send hand-written (even invalid) strings.
  pluckConfig: { globalGqlIdentifierName: "graphql", gqlMagicComment: "typed-graphql", modules: [] },
  generates: {
    "packages/sdk/src/generated/graphql.ts": {
      documents: "packages/sdk/src/operations/*.graphql",
      // typescript-operations 6 emits the input and enum types itself; adding the `typescript`
      // plugin would duplicate them (docs/contributing.md#codegen).
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        scalars,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
    "packages/server/test/generated/": {
      documents: ["packages/server/test/**/*.ts", "!packages/server/test/generated/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { scalars, enumsAsTypes: true, useTypeImports: true, emitLegacyCommonJSImports: false },
    },
  },
  hooks: {},
};

export default config;
