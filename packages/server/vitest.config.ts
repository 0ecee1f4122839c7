import { configDefaults, defineConfig } from "vitest/config";

// Every server test runs on in-memory PGlite; with TEST_DATABASE_URL set, the same tests run
// again against that PostgreSQL server, each file in a fresh database it creates and drops.
// The slow project (test/slow) runs once, on file-backed PGlite of its own.
const postgres = process.env.TEST_DATABASE_URL;
const exclude = [...configDefaults.exclude, "test/slow/**"];

export default defineConfig({
  // One graphql for everyone: Vite would pick graphql's ESM build while the Pothos plugins, loaded
  // by Node, get the CommonJS one, and the two realms reject each other's types.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true as const, test: { name: "pglite", exclude, env: { TALLY_TEST_DB: "pglite" } } },
      ...(postgres
        ? [{ extends: true as const, test: { name: "postgres", exclude, env: { TALLY_TEST_DB: "postgres" } } }]
        : []),
      { extends: true as const, test: { name: "slow", include: ["test/slow/**/*.test.ts"] } },
    ],
  },
});
