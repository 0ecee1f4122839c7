// schema.graphql is printed from Pothos and committed: it must be fresh, and it must contain the
// whole contract the project promises (docs/api/contract.graphql).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { printedSchema } from "../src/schema/printed.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const committed = readFileSync(`${repoRoot}schema.graphql`, "utf8");
const contract = buildSchema(readFileSync(`${repoRoot}docs/api/contract.graphql`, "utf8"));
const printed = buildSchema(committed);

const contractTypes = Object.values(contract.getTypeMap()).filter((t) => !t.name.startsWith("__"));

/** Every way `actual` falls short of `expected`: missing fields, arguments, members, values. */
function shortfalls(
  expected: GraphQLNamedType,
  actual: GraphQLNamedType | undefined,
  skipField: (name: string) => boolean = () => false,
): string[] {
  if (!actual) return [`type ${expected.name} is missing`];
  if (actual.constructor !== expected.constructor)
    return [`${expected.name} is a ${actual.constructor.name}, not a ${expected.constructor.name}`];
  const problems: string[] = [];
  if (isObjectType(expected) || isInterfaceType(expected) || isInputObjectType(expected)) {
    const actualFields = (actual as typeof expected).getFields() as Record<
      string,
      { type: unknown; args?: Array<{ name: string; type: unknown }> }
    >;
    for (const field of Object.values(expected.getFields())) {
      if (skipField(field.name)) continue;
      const got = actualFields[field.name];
      if (!got) {
        problems.push(`${expected.name}.${field.name} is missing`);
        continue;
      }
      if (String(got.type) !== String(field.type))
        problems.push(`${expected.name}.${field.name} is ${String(got.type)}, contract says ${String(field.type)}`);
      for (const arg of "args" in field ? field.args : []) {
        const gotArg = got.args?.find((a) => a.name === arg.name);
        if (!gotArg) problems.push(`${expected.name}.${field.name}(${arg.name}) is missing`);
        else if (String(gotArg.type) !== String(arg.type))
          problems.push(
            `${expected.name}.${field.name}(${arg.name}) is ${String(gotArg.type)}, contract says ${String(arg.type)}`,
          );
      }
    }
    if (!isInputObjectType(expected)) {
      const have = (actual as typeof expected).getInterfaces().map((i) => i.name);
      for (const i of expected.getInterfaces())
        if (!have.includes(i.name)) problems.push(`${expected.name} does not implement ${i.name}`);
    }
  }
  if (isUnionType(expected) && isUnionType(actual)) {
    const have = actual.getTypes().map((t) => t.name);
    for (const member of expected.getTypes())
      if (!have.includes(member.name)) problems.push(`${expected.name} lacks member ${member.name}`);
  }
  if (isEnumType(expected) && isEnumType(actual)) {
    const have = actual.getValues().map((v) => v.name);
    for (const value of expected.getValues())
      if (!have.includes(value.name)) problems.push(`${expected.name} lacks value ${value.name}`);
  }
  return problems;
}

describe("schema.graphql", () => {
  it("is fresh: printing the Pothos schema gives the committed file (run `pnpm schema:print`)", () => {
    expect(printedSchema()).toBe(committed);
  });

  it("contains the whole contract: every type, field, argument, member and value, with the contract's types", () => {
    expect(contractTypes.flatMap((type) => shortfalls(type, printed.getType(type.name)))).toEqual([]);
  });

  it("would notice a contract shortfall (the check itself can fail)", () => {
    const weaker = buildSchema(`type Query { node(id: ID): Int } type Money { amount: String }`);
    expect(
      shortfalls(contract.getType("Query")!, weaker.getType("Query"), (f) => !["node", "meter"].includes(f)),
    ).toEqual([
      "Query.node is Int, contract says Node",
      "Query.node(id) is ID, contract says ID!",
      "Query.meter is missing",
    ]);
    expect(shortfalls(contract.getType("Money")!, weaker.getType("Money"))).toContain("Money.currency is missing");
  });
});
