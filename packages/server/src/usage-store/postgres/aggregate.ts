// The partial aggregate in SQL (docs/concepts/meters.md#aggregations): count, sum, max and LAST,
// LAST being the value with the latest timestamp, ties broken by the later receipt (seq). The
// billing engine's mergePartials is the same rule in TypeScript; every statement of the store that
// aggregates or merges partials builds its SQL here, so the rule is written once in SQL.
import type { Aggregation } from "@tally/billing";
import { Prisma } from "../../generated/prisma/client.js";

/** The partial-aggregate columns, as MeterUsageHour and UsageAlertProgress store them. */
export const PARTIAL_COLUMNS = Prisma.sql`"count", "sum", "max", "lastValue", "lastTimestamp", "lastSeq"`;

/** What a partial is aggregated from: a count, and the values, timestamps and seqs LAST picks among. */
interface PartialSource {
  count: Prisma.Sql;
  sum: Prisma.Sql;
  max: Prisma.Sql;
  value: Prisma.Sql;
  timestamp: Prisma.Sql;
  seq: Prisma.Sql;
}

/** LAST's order, latest first: later timestamp, then later receipt. */
const latestFirst = (timestamp: Prisma.Sql, seq: Prisma.Sql) => Prisma.sql`ORDER BY ${timestamp} DESC, ${seq} DESC`;

/**
 * Which part of a partial a read needs: all of it, or (`withoutLast`) all but LAST, whose ordered
 * aggregates sort every group and keep PostgreSQL from hashing them. Only LAST reads it.
 */
export type PartialNeeds = "all" | "withoutLast";

/** What a read finalized with `aggregation` needs of the partials. */
export const needsOf = (aggregation: Aggregation): PartialNeeds => (aggregation === "LAST" ? "all" : "withoutLast");

function partialOf(s: PartialSource, needs: PartialNeeds = "all"): Prisma.Sql {
  const order = latestFirst(s.timestamp, s.seq);
  const last =
    needs === "all"
      ? Prisma.sql`(array_agg(${s.value} ${order}))[1] AS "lastValue", max(${s.timestamp}) AS "lastTimestamp",
    (array_agg(${s.seq} ${order}))[1] AS "lastSeq"`
      : Prisma.sql`NULL::numeric AS "lastValue", NULL::timestamptz AS "lastTimestamp", NULL::bigint AS "lastSeq"`;
  return Prisma.sql`${s.count} AS "count", ${s.sum} AS "sum", max(${s.max}) AS "max", ${last}`;
}

const column = (alias: string | null, name: string) => Prisma.raw(alias ? `${alias}."${name}"` : `"${name}"`);

/** The partial of the raw events aliased `e`, as the six PARTIAL_COLUMNS (an aggregate: GROUP BY applies). */
export function partialOfEvents(e: string, needs?: PartialNeeds): Prisma.Sql {
  const value = column(e, "value");
  return partialOf(
    {
      count: Prisma.sql`count(*)`,
      sum: Prisma.sql`sum(${value})`,
      max: value,
      value,
      timestamp: column(e, "timestamp"),
      seq: column(e, "seq"),
    },
    needs,
  );
}

/** The merge of rows of PARTIAL_COLUMNS (aliased `r`, or unaliased with null), as the six columns. */
export function mergedPartials(r: string | null, needs?: PartialNeeds): Prisma.Sql {
  return partialOf(
    {
      count: Prisma.sql`sum(${column(r, "count")})::numeric`,
      sum: Prisma.sql`sum(${column(r, "sum")})`,
      max: column(r, "max"),
      value: column(r, "lastValue"),
      timestamp: column(r, "lastTimestamp"),
      seq: column(r, "lastSeq"),
    },
    needs,
  );
}

/** The ORDER BY … LIMIT 1 that reads the last of the events aliased `e` first. */
export function lastEventFirst(e: string): Prisma.Sql {
  return latestFirst(column(e, "timestamp"), column(e, "seq"));
}

/**
 * The SET list of an upsert's ON CONFLICT … DO UPDATE into a table of PARTIAL_COLUMNS aliased
 * `stored`: the new partial (excluded) merged into the stored one.
 */
export function mergeExcludedInto(stored: string): Prisma.Sql {
  const kept = (name: string) => column(stored, name);
  const later = Prisma.sql`(${kept("lastTimestamp")} IS NULL OR (excluded."lastTimestamp", excluded."lastSeq") > (${kept("lastTimestamp")}, ${kept("lastSeq")}))`;
  const last = (name: string) =>
    Prisma.sql`"${Prisma.raw(name)}" = CASE WHEN ${later} THEN excluded."${Prisma.raw(name)}" ELSE ${kept(name)} END`;
  return Prisma.sql`"count" = ${kept("count")} + excluded."count",
        "sum" = ${kept("sum")} + excluded."sum",
        "max" = GREATEST(${kept("max")}, excluded."max"),
        ${last("lastValue")},
        ${last("lastTimestamp")},
        ${last("lastSeq")}`;
}
