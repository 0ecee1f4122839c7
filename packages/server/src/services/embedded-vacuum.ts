// What autovacuum does on PostgreSQL, for the embedded database, which has none: PGlite runs
// PostgreSQL in single-user mode, without the autovacuum workers (and its table counters stay at
// zero). A table that was never analyzed is planned from default selectivities, and the plans
// cached for prepared statements keep them (BENCHMARKS.md#the-embedded-database). So every minute, each table grown
// by a tenth since its last VACUUM (autovacuum's default analyze threshold; relpages records the
// size then) is vacuumed and analyzed: fresh statistics, and the visibility map that index-only
// usage reads need. On the one connection, ingest waits meanwhile; the cost follows the growth.
import type { AppDeps } from "../context.js";
import type { Database } from "../db/client.js";
import { startPeriodicJob, type PeriodicJob } from "./periodic.js";

/** Smaller tables are left alone: whatever the plan, they are read in a few pages. */
const MIN_PAGES = 8;

/** VACUUM (ANALYZE) of each table grown by a tenth since its last one; returns their names. */
export async function vacuumGrownTables(database: Pick<Database, "sql" | "script">): Promise<string[]> {
  const grown = await database.sql.$queryRaw<Array<{ name: string }>>`
    SELECT quote_ident(c.relname) AS "name"
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL (SELECT pg_relation_size(c.oid) / current_setting('block_size')::int AS "pages") s
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
      AND s."pages" >= ${MIN_PAGES} AND s."pages" > c.relpages * 1.1
    ORDER BY c.relname`;
  for (const { name } of grown) await database.script(`VACUUM (ANALYZE) ${name}`);
  return grown.map((t) => t.name);
}

export function startEmbeddedVacuum(
  deps: Pick<AppDeps, "database" | "logger">,
  options: { intervalMs?: number } = {},
): PeriodicJob<string[]> {
  return startPeriodicJob({
    name: "embedded vacuum",
    intervalMs: options.intervalMs ?? 60_000,
    logger: deps.logger,
    idle: [],
    run: async () => {
      const started = performance.now();
      const tables = await vacuumGrownTables(deps.database);
      if (tables.length > 0)
        deps.logger.info("vacuumed and analyzed", { tables, ms: Math.round(performance.now() - started) });
      return tables;
    },
  });
}
