// Compiled execution (graphql-jit) answers valid requests; a request whose variables do not coerce
// gets graphql-js's own answer: the scalar's reason and HTTP 400.
import {
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
} from "graphql";
import { createYoga, type Plugin } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { useCompiledExecution } from "../../src/http/compiled-execution.js";

const Day = new GraphQLScalarType({
  name: "Day",
  parseValue: (value) => {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new GraphQLError("Day must look like 2026-01-31");
    return value;
  },
  serialize: String,
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      next: {
        type: new GraphQLNonNull(GraphQLString),
        args: { day: { type: new GraphQLNonNull(Day) } },
        resolve: (_root, { day }) => `after ${day}`,
      },
      twice: {
        type: new GraphQLNonNull(GraphQLInt),
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, { n }) => n * 2,
      },
    },
  }),
});

function server() {
  const interpreted = { count: 0 };
  // Sees the executions that reach graphql-js's execute (plugins run in order: this one first).
  const countInterpreted: Plugin = {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(((args: Parameters<typeof executeFn>[0]) => {
        interpreted.count += 1;
        return executeFn(args);
      }) as typeof executeFn);
    },
  };
  const yoga = createYoga({ schema, plugins: [countInterpreted, useCompiledExecution()], logging: false });
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await yoga.fetch("http://test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> },
    };
  };
  return { interpreted, post };
}

describe("compiled execution", () => {
  it("answers a document's first execution with graphql-js, and the next ones compiled", async () => {
    const { interpreted, post } = server();
    for (const n of [1, 2, 3]) {
      expect(await post("query($n: Int!) { twice(n: $n) }", { n })).toEqual({
        status: 200,
        body: { data: { twice: 2 * n } },
      });
    }
    expect(interpreted.count).toBe(1);
    for (const day of ["2026-01-31", "2026-02-01"]) {
      expect(await post("query($day: Day!) { next(day: $day) }", { day })).toEqual({
        status: 200,
        body: { data: { next: `after ${day}` } },
      });
    }
    expect(interpreted.count).toBe(2);
  });

  it("answers variables that do not coerce like graphql-js: the scalar's reason, HTTP 400", async () => {
    const { interpreted, post } = server();
    const QUERY = "query($day: Day!) { next(day: $day) }";
    await post(QUERY, { day: "2026-01-31" }); // first execution: graphql-js; the next is compiled
    const res = await post(QUERY, { day: "yesterday" });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).toBe(
      'Variable "$day" got invalid value "yesterday"; Day must look like 2026-01-31',
    );
    expect(interpreted.count).toBe(2);
  });
});
