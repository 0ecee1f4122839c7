// The contract's scalars: DateTime (ISO-8601 UTC), Decimal (exact, a string on the wire) and
// JSONObject.
import { Decimal } from "decimal.js";
import { GraphQLError, Kind, valueFromASTUntyped, type ValueNode } from "graphql";
import { isoFormatter } from "../iso-format.js";
import { builder } from "./builder.js";

export type DecimalValue = Decimal;

/** Anything decimal.js-shaped: ours, or the copy Prisma returns for numeric columns. */
interface DecimalLike {
  toFixed(): string;
}

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: "INVALID_INPUT" } });

function parseDateTime(value: unknown): Date {
  if (
    typeof value !== "string" ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw invalid(
      `DateTime must be an ISO-8601 string with a time zone, e.g. "2026-01-01T00:00:00Z"; got ${JSON.stringify(value)}`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(`Not a valid date-time: ${value}`);
  return date;
}

/**
 * Decimals travel as strings. A JSON number is accepted only when it has at most 15 significant
 * digits: then it survives the trip through a double unchanged.
 */
function parseDecimal(value: unknown): Decimal {
  if (typeof value === "number") {
    const text = String(value);
    if (!Number.isFinite(value) || text.replace(/^-?0*\.?0*/, "").replace(/[.e].*$/i, "").length > 15) {
      throw invalid(`Send ${text} as a string: this Decimal cannot be carried exactly by a JSON number`);
    }
    return new Decimal(text);
  }
  if (typeof value !== "string" || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) {
    throw invalid(`Decimal must be a decimal number as a string, e.g. "0.04"; got ${JSON.stringify(value)}`);
  }
  return new Decimal(value.trim());
}

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.INT:
    case Kind.FLOAT:
      return ast.value;
    default:
      return undefined;
  }
}

// One formatter for every response of the process (its hour cache is bounded).
const isoString = isoFormatter();

builder.scalarType("DateTime", {
  description: "An instant as an ISO-8601 string in UTC, e.g. 2026-01-01T00:00:00.000Z.",
  serialize: (value) => isoString(value instanceof Date ? value : parseDateTime(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literal(ast)),
});

builder.scalarType("Decimal", {
  description: 'An exact decimal number as a string, e.g. "0.04".',
  serialize: (value) => (typeof value === "string" ? value : (value as DecimalLike).toFixed()),
  parseValue: parseDecimal,
  // Literals keep their source text, so 0.04 written in a query is exact too.
  parseLiteral: (ast) => parseDecimal(literal(ast)),
});

builder.scalarType("JSONObject", {
  description: "A JSON object.",
  serialize: (value) => value,
  parseValue: (value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw invalid("JSONObject must be a JSON object");
    return value as Record<string, unknown>;
  },
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.OBJECT) throw invalid("JSONObject must be a JSON object");
    return valueFromASTUntyped(ast, variables) as Record<string, unknown>;
  },
});
