import { defineConfig } from "vitest/config";

// Every server test runs on in-memory PGlite; with TEST_DATABASE_URL set, the same tests run
// again against that PostgreSQL server, each file in a fresh database it creates and drops.
// Suites with a job of their own sit in their own folders and projects, so each can be run alone
// (`vitest run --project robustness-pglite`): the robustness suite (hostile input, abuse limits,
// crashes), the stream suite (the streamed ingest on NATS JetStream), the slow suite (many fresh data folders), the browser suite (headless Chromium) and,
// with PostgreSQL, the replicas suite (several `tally serve` processes on one database and Redis).
const postgres = process.env.TEST_DATABASE_URL;
const SUITES = ["robustness", "slow", "browser", "replicas", "stream"] as const;
const suiteGlob = (suite: string) => `test/${suite}/**/*.test.ts`;

const perDatabase = (name: string, include: string[], exclude: string[] = []) => [
  { extends: true as const, test: { name: `${name}-pglite`, include, exclude, env: { TALLY_TEST_DB: "pglite" } } },
  ...(postgres
    ? [
        {
          extends: true as const,
          test: { name: `${name}-postgres`, include, exclude, env: { TALLY_TEST_DB: "postgres" } },
        },
      ]
    : []),
];

export default defineConfig({
  // One graphql for everyone: Vite would pick graphql's ESM build while the Pothos plugins, loaded
  // by Node, get the CommonJS one, and the two realms reject each other's types.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...perDatabase("api", ["test/**/*.test.ts"], SUITES.map(suiteGlob)),
      ...perDatabase("robustness", [suiteGlob("robustness")]),
      // The streamed ingest, with consumers in the test process, on NATS JetStream (TEST_NATS_URL, default local).
      ...perDatabase("stream", [suiteGlob("stream")]),
      // Fresh data folders and the browser exercise the embedded database and the HTTP server, not a dialect.
      {
        extends: true as const,
        test: { name: "slow", include: [suiteGlob("slow")], env: { TALLY_TEST_DB: "pglite" } },
      },
      {
        extends: true as const,
        test: { name: "browser", include: [suiteGlob("browser")], env: { TALLY_TEST_DB: "pglite" } },
      },
      // Server processes on one PostgreSQL database (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL, default local).
      ...(postgres
        ? [
            {
              extends: true as const,
              test: { name: "replicas", include: [suiteGlob("replicas")], testTimeout: 120_000 },
            },
          ]
        : []),
    ],
  },
});
