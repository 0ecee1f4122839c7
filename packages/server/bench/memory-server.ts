// The nested-read figure's reference: the same GraphQL schema (as printed from the server's) served by yoga over
// node:http like the real server, with the data in memory: `subscriptions` answers the object read
// from BENCH_DATA (the real server's answer to the same query) and every other field is graphql's
// default resolver. No database, no authentication, no Pothos plugins: what remains is HTTP,
// parsing, validation, execution and serialisation of the same response.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSchema } from "graphql";
import { createYoga } from "graphql-yoga";
import { printedSchema } from "../src/schema/printed.js";

const data = JSON.parse(readFileSync(process.env.BENCH_DATA!, "utf8")) as { subscriptions: unknown };
const schema = buildSchema(printedSchema());
schema.getQueryType()!.getFields().subscriptions!.resolve = () => data.subscriptions;
const yoga = createYoga({ schema, graphqlEndpoint: "/graphql", landingPage: false, graphiql: false, logging: false });
const server = createServer(yoga).listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ message: "Tally is serving", graphql: `http://127.0.0.1:${port}/graphql` }));
});
process.once("SIGTERM", () => server.close());
