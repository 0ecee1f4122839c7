// Rows of several models from one statement: a table and the 1:1 relations LEFT JOINed to it. Each
// table's columns come back under its alias ("c"."name" AS "c.name"), so the driver parses every
// column with its type's parser as in the model's own rows (numeric → Decimal, timestamptz → Date,
// jsonb → JSON, int8 → bigint; to_jsonb would turn numerics into floats), and each row is split
// back into one object per table here. Columns are the datamodel's field names: the schema maps
// none (@map), and a mapped one would fail the statement rather than read wrong.
import { getDatamodel } from "../../generated/pothos-types.js";
import { Prisma, type Mode } from "../../generated/prisma/client.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";

type Row = Record<string, unknown>;
/** Tables read this way are a tenant's, by id. */
export type TenantRow = { id: string; accountId: string; mode: Mode };

const MODELS = getDatamodel().datamodel.models;

/** A model's table in a statement, under an alias. */
export class Table<T extends TenantRow> {
  /** The select list: every column, named "alias.field". */
  readonly columns: Prisma.Sql;
  /**
   * This table's part of a statement's row: null where its LEFT JOIN found nothing. Compiled from
   * the datamodel's field names (quoted by JSON.stringify) into one object literal: cheaper to
   * build than copying fields by computed keys, and cheaper to read than the driver's own rows.
   */
  readonly take: (row: Row) => T | null;

  constructor(
    readonly model: Prisma.ModelName,
    readonly alias: string,
  ) {
    const fields = MODELS[model]!.fields.filter((f) => f.kind !== "object").map((f) => f.name);
    const key = (field: string) => JSON.stringify(`${alias}.${field}`);
    this.columns = Prisma.raw(fields.map((field) => `"${alias}"."${field}" AS ${key(field)}`).join(", "));
    this.take = new Function(
      "row",
      `return row[${key("id")}] === null ? null : { ${fields.map((field) => `${JSON.stringify(field)}: row[${key(field)}]`).join(", ")} };`,
    ) as (row: Row) => T | null;
  }

  /** The table's rows of the tenant only. */
  inScope(scope: Scope): Prisma.Sql {
    return scopeClause(scope, `"${this.alias}"`);
  }

  /** `"alias"."field"`, for conditions and ordering. */
  ref(field: keyof T & string): Prisma.Sql {
    return Prisma.raw(`"${this.alias}"."${field}"`);
  }
}

/** A 1:1 relation read with its parent: `table` joined where its id is the parent's foreign key. */
export interface Relation {
  table: Table<TenantRow>;
  foreignKey: Prisma.Sql;
}

export function relation<P extends TenantRow>(
  parent: Table<P>,
  foreignKey: keyof P & string,
  table: Table<TenantRow>,
): Relation {
  return { table, foreignKey: parent.ref(foreignKey) };
}

/**
 * `SELECT … FROM root LEFT JOIN …`: every relation joined within the tenant's scope, so a row whose
 * related row is missing (or another tenant's) stays, without it.
 */
export function selectWith(root: Table<TenantRow>, relations: readonly Relation[], scope: Scope): Prisma.Sql {
  const joins = relations.map(
    ({ table, foreignKey }) =>
      Prisma.sql`LEFT JOIN ${Prisma.raw(`"${table.model}" "${table.alias}"`)} ON ${table.ref("id")} = ${foreignKey} AND ${table.inScope(scope)}`,
  );
  return Prisma.sql`SELECT ${Prisma.join([root.columns, ...relations.map((r) => r.table.columns)], ", ")}
    FROM ${Prisma.raw(`"${root.model}" "${root.alias}"`)} ${joins.length ? Prisma.join(joins, " ") : Prisma.empty}`;
}
