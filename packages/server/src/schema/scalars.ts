// The contract's scalars: DateTime (ISO-8601 UTC), Decimal (exact, a string on the wire),
// JSONObject, and EventValue (a meter event's value, checked per event).
import { Decimal } from "decimal.js";
import { GraphQLError, Kind, valueFromASTUntyped, type ValueNode } from "graphql";
import { parseIsoDateTime } from "../input/date-time.js";
import { isoFormatter } from "../iso-format.js";
import { builder } from "./builder.js";

/** Anything decimal.js-shaped: ours, or the copy Prisma returns for numeric columns. */
interface DecimalLike {
  toFixed(): string;
}

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: "INVALID_INPUT" } });

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? parseIsoDateTime(value) : null;
  if (date instanceof Date) return date;
  throw invalid(`DateTime ${date ?? "must be an ISO-8601 string with a time zone"}; got ${JSON.stringify(value)}`);
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
  const decimal = new Decimal(value.trim());
  // "1e9999999999999999" is Infinity to decimal.js: no column holds it.
  if (!decimal.isFinite()) throw invalid(`Decimal must be finite; got ${JSON.stringify(value.slice(0, 40))}`);
  return decimal;
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

builder.scalarType("EventValue", {
  description:
    'A meter event\'s value: a decimal number as a string ("12.5") or a JSON number. Checked per event, so an invalid one refuses only its event (INVALID_VALUE).',
  serialize: (value) => value,
  parseValue: (value) => value,
  // Any literal is taken as it is written, for the same per-event check.
  parseLiteral: (ast, variables) => literal(ast) ?? valueFromASTUntyped(ast, variables),
});
