// `tally serve`: open the database (migrating it first where configured) and check its schema,
// create the Default account on an empty database, serve until a signal, then stop gracefully.
import { setChangeableTtl, UNSHARED_TTL_MS } from "../caches.js";
import { databaseClock, offsetClock, systemClock } from "../clock.js";
import { serverConfigFromEnv } from "../config.js";
import type { AppDeps } from "../context.js";
import { openDatabase, type Database } from "../db/client.js";
import { databaseConfigFromEnv, describeDatabase, IN_MEMORY, type DatabaseConfig } from "../db/config.js";
import { applyPendingMigrations } from "../db/migration-history.js";
import { deployMigrationsLocked } from "../db/migrations.js";
import { assertKnownSchema } from "../db/schema-version.js";
import { startHttpServer } from "../http/server.js";
import { consoleLogger, type Logger } from "../logger.js";
import { openPubSub } from "../pubsub-transport.js";
import { ensureDefaultAccount } from "../services/accounts.js";
import { DEFAULT_BILLING_INTERVAL_MS, startBillingScheduler } from "../services/billing-cycle/scheduler.js";
import { startEmbeddedVacuum } from "../services/embedded-vacuum.js";
import { startIdempotencyKeyPurge } from "../services/idempotency/purge-job.js";
import { startRollupFolding } from "../services/meter-events/fold-job.js";
import { eventRetentionDays, startEventPartitionMaintenance } from "../services/meter-events/partition-job.js";
import { startAnnouncingStreamConsumer } from "./stream-consumer.js";
import { openMeterEventStream } from "../services/meter-events/stream/connection.js";
import { streamSettingsFromEnv } from "../services/meter-events/stream/settings.js";
import { startWebhookDispatcher } from "../services/webhooks/dispatcher.js";

/**
 * TALLY_MIGRATE_ON_START (docs/operations/migrations.md#applying-migrations): by default the
 * embedded database is migrated at start and PostgreSQL is not (`tally migrate` is the deploy
 * step); an in-memory database always is, since nothing else can reach it.
 */
export function migrateOnStart(config: DatabaseConfig, env: NodeJS.ProcessEnv): boolean {
  if (config.kind === "pglite" && config.dataDir === IN_MEMORY) return true;
  const raw = env.TALLY_MIGRATE_ON_START?.trim().toLowerCase();
  if (!raw) return config.kind === "pglite";
  if (["1", "true"].includes(raw)) return true;
  if (["0", "false"].includes(raw)) return false;
  throw new Error(`TALLY_MIGRATE_ON_START must be 1 or 0; got ${raw}`);
}

/** Opens the configured database, migrated when `migrate` says so, and refuses a schema this build does not serve. */
export async function openServedDatabase(config: DatabaseConfig, migrate: boolean, logger: Logger): Promise<Database> {
  // PostgreSQL through Prisma's CLI under an advisory lock, so replicas migrating at once take turns;
  // the embedded database, which only this process opens, through its own connection.
  if (migrate && config.kind === "postgres") {
    logger.info("applying migrations", { output: (await deployMigrationsLocked(config)).trim().split("\n").at(-1) });
  }
  const database = await openDatabase(config);
  try {
    if (migrate && config.kind === "pglite") {
      logger.info("applied migrations", { applied: await applyPendingMigrations(database) });
    }
    await assertKnownSchema(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = consoleLogger;
  // Taken from the very start: a stop asked for while starting waits until the database is open, to
  // close it (a file-backed one killed open may not open again), and every stop exits with 0.
  // Kept for every signal, not once: a group kill or a terminal's Ctrl-C arrives both directly and
  // forwarded by pnpm, and that second signal must not kill the process while it closes.
  const stopSignal = new Promise<string>((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => resolve(signal));
  });
  const databaseConfig = databaseConfigFromEnv(env);
  const config = serverConfigFromEnv(env);
  const intervalMs = billingIntervalMs(env);
  const retentionDays = eventRetentionDays(env);
  const database = await openServedDatabase(databaseConfig, migrateOnStart(databaseConfig, env), logger);
  // TALLY_TEST_CLOCK_SKEW_MS moves this process's wall clock, to show replicas agree despite it.
  const localClock = offsetClock(systemClock, Number(env.TALLY_TEST_CLOCK_SKEW_MS ?? 0));
  const synced = await databaseClock(
    localClock,
    () => databaseNow(database),
    (error) => logger.error("could not read the database's clock", { error }),
  );
  const pubsub = await openPubSub(env.TALLY_PUBSUB_URL?.trim() || undefined, logger);
  // Replicas sharing PostgreSQL but no pub/sub hear no invalidations: changeable cache entries expire in 1 s.
  if (databaseConfig.kind === "postgres" && !pubsub.shared) setChangeableTtl(UNSHARED_TTL_MS);
  const streamSettings = streamSettingsFromEnv(env);
  const stream = streamSettings ? await openMeterEventStream(streamSettings) : null;
  const deps: AppDeps = {
    database,
    config,
    clock: synced.clock,
    logger,
    adminKey: env.TALLY_ADMIN_KEY || undefined,
    pubsub: pubsub.pubsub,
    stream,
  };
  const port = Number.parseInt(env.PORT ?? "4000", 10);
  const running = await startHttpServer(deps, { port, ...(env.HOST ? { host: env.HOST } : {}) });
  logger.info("Tally is serving", {
    graphql: `${running.url}/graphql`,
    database: describeDatabase(databaseConfig),
    pubsub: pubsub.shared ? "shared (Redis)" : "in process",
    ingest: stream ? `JetStream (${streamSettings!.natsUrl}, stream ${streamSettings!.streamName})` : "direct",
  });

  const created = await ensureDefaultAccount(database.prisma);
  if (created) printFirstStartBanner(running.url, created.testSecretKey, created.liveSecretKey);
  // Closes ended billing periods of wall-clock customers now (catching up after downtime) and then
  // every interval; safe to run in every server process against one PostgreSQL database.
  const scheduler = startBillingScheduler(deps, { intervalMs });
  // Delivers the webhook outbox, including what was pending when the server last stopped.
  const dispatcher = startWebhookDispatcher(deps);
  // Folds the rollup shards of past hours, so that usage reads merge one row per hour.
  const folding = startRollupFolding(deps);
  // Creates MeterEvent's monthly partitions ahead (and at once) and drops raw events past retention.
  const partitions = startEventPartitionMaintenance(deps, { retentionDays });
  // Deletes idempotency keys past their 24 hours.
  const purge = startIdempotencyKeyPurge(deps);
  // PGlite has no autovacuum: statistics and visibility maps are kept here (PostgreSQL keeps its own).
  const vacuum = databaseConfig.kind === "pglite" ? startEmbeddedVacuum(deps) : null;
  // Stores the streamed ingest's events: this process's share of the partitions.
  const consumer = stream?.settings.consume ? startAnnouncingStreamConsumer(deps, stream) : null;

  logger.info("stopping: finishing in-flight requests", { signal: await stopSignal });
  await Promise.all([
    running.stop(),
    scheduler.stop(),
    dispatcher.stop(),
    folding.stop(),
    partitions.stop(),
    purge.stop(),
    vacuum?.stop(),
    consumer?.stop(),
  ]);
  await stream?.close();
  synced.stop();
  await pubsub.close();
  await database.close();
  logger.info("stopped");
}

/** The database's clock_timestamp(): the one clock replicas agree on. */
async function databaseNow(database: Database): Promise<Date> {
  const [row] = await database.sql.$queryRaw<Array<{ now: Date }>>`SELECT clock_timestamp() AS "now"`;
  return new Date(row!.now);
}

/** TALLY_BILLING_INTERVAL_SECONDS: how often the billing cycle runs (default 30, at most 60). */
export function billingIntervalMs(env: NodeJS.ProcessEnv): number {
  const raw = env.TALLY_BILLING_INTERVAL_SECONDS?.trim();
  if (!raw) return DEFAULT_BILLING_INTERVAL_MS;
  const seconds = Number.parseFloat(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) {
    throw new Error(`TALLY_BILLING_INTERVAL_SECONDS must be a number of seconds in (0, 60]; got ${raw}`);
  }
  return Math.round(seconds * 1000);
}

function printFirstStartBanner(url: string, testKey: string, liveKey: string): void {
  console.log(
    [
      "",
      '  Welcome to Tally. This empty database now has a "Default" account.',
      "  Its secret keys are shown this once; store them somewhere safe:",
      "",
      `    test mode: ${testKey}`,
      `    live mode: ${liveKey}`,
      "",
      `  Open GraphiQL at ${url}/graphql and add the header`,
      `    { "Authorization": "Bearer ${testKey}" }`,
      "",
    ].join("\n"),
  );
}
