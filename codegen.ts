// Generates the SDK's typed operations from the printed schema and the SDK's .graphql documents.
// Runs on `pnpm install` (postinstall) and with `pnpm codegen`.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: "packages/sdk/src/operations/*.graphql",
  generates: {
    "packages/sdk/src/generated/graphql.ts": {
      // typescript-operations 6 emits the input and enum types itself; adding the `typescript`
      // plugin would duplicate them (docs/contributing.md#codegen).
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        scalars: {
          DateTime: "string",
          Decimal: "string",
          EventValue: "string | number",
          JSONObject: "Record<string, unknown>",
          ID: "string",
        },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
  hooks: {},
};

export default config;
