// The `tally` command line: `tally serve` (what `pnpm start` runs) and `tally migrate`.
import { databaseConfigFromEnv, describeDatabase, IN_MEMORY } from "./db/config.js";
import { openDatabase } from "./db/client.js";
import { applyPendingMigrations } from "./db/migration-history.js";
import { deployMigrationsLocked } from "./db/migrations.js";
import { ensureEventPartitions } from "./usage-store/index.js";
import { serve } from "./commands/serve.js";

const USAGE = `Usage: tally <command>

Commands:
  serve     start the GraphQL server (on the embedded database, applies pending migrations first;
            on PostgreSQL only with TALLY_MIGRATE_ON_START=1, else run \`tally migrate\` before)
  migrate   apply pending migrations to the configured database and exit (the deploy step)

Environment: PORT, HOST, DATABASE_URL, TALLY_DATA_DIR, TALLY_ADMIN_KEY, TALLY_MIGRATE_ON_START, TALLY_PUBSUB_URL,
  TALLY_DB_POOL_SIZE, TALLY_BILLING_INTERVAL_SECONDS, TALLY_EVENT_RETENTION_DAYS (docs/operations/configuration.md);
  request limits TALLY_MAX_DEPTH,
  TALLY_MAX_ALIASES, TALLY_MAX_TOKENS, TALLY_MAX_DIRECTIVES, TALLY_MAX_COST, TALLY_MAX_BODY_BYTES,
  TALLY_MAX_BATCH_BODY_BYTES (docs/api/limits.md); TALLY_HEADERS_TIMEOUT_SECONDS,
  TALLY_REQUEST_TIMEOUT_SECONDS, TALLY_KEEP_ALIVE_TIMEOUT_SECONDS, TALLY_CORS_ORIGINS,
  TALLY_WEBHOOK_ALLOW_PRIVATE (docs/operations/security.md); TALLY_PUBLIC_URL, TALLY_DB_STATEMENT_CACHE; streamed ingest
  TALLY_INGEST, TALLY_NATS_URL, TALLY_NATS_STREAM, TALLY_STREAM_CONSUMER, TALLY_STREAM_FENCE_TIMEOUT_MS
  (docs/operations/configuration.md)`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case "serve":
      await serve();
      return 0;
    case "migrate": {
      const config = databaseConfigFromEnv();
      if (config.kind === "pglite" && config.dataDir === IN_MEMORY) {
        console.error("An in-memory database is migrated by the server itself at start.");
        return 1;
      }
      console.log(`Migrating ${describeDatabase(config)}`);
      if (config.kind === "postgres") console.log(await deployMigrationsLocked(config));
      const database = await openDatabase(config);
      try {
        if (config.kind === "pglite") {
          const applied = await applyPendingMigrations(database);
          console.log(applied.length === 0 ? "No pending migrations to apply." : `Applied ${applied.join(", ")}`);
        }
        // The months around now get their event partitions before any server starts (docs/operations/databases.md).
        const created = await ensureEventPartitions(database, new Date());
        if (created.length > 0) console.log(`Created event partitions ${created.join(", ")}`);
      } finally {
        await database.close();
      }
      return 0;
    }
    default:
      console.log(USAGE);
      return command === undefined || command === "help" || command === "--help" ? 0 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
