import { defineConfig } from "vitest/config";

export default defineConfig({
  // The tests run the real server in-process: like the server's own config, one graphql for
  // everyone (Pothos, loaded by Node, gets graphql's CommonJS build; Vite would pick the ESM one).
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    // Builds dist/ once, so the consumer tests import the package as published.
    globalSetup: ["./test/support/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
