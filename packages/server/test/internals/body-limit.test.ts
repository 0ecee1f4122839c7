// The request body limit (http/body-limit.ts) over real HTTP: a declared Content-Length is checked
// up front, a chunked body is counted as it arrives.
import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSchema, createYoga } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useBodyLimit } from "../../src/http/body-limit.js";

const LIMIT = 200;
let server: Server;
let port: number;

beforeAll(async () => {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: "type Query { echo(text: String!): String! }",
      resolvers: { Query: { echo: (_: unknown, { text }: { text: string }) => text } },
    }),
    plugins: [useBodyLimit({ maxBodyBytes: LIMIT, maxBatchBodyBytes: LIMIT })],
    maxRequestBodySize: false,
  });
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** POSTs `body` as one piece with its Content-Length, or in chunks without one. */
function post(body: string, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json" };
    if (!chunked) headers["content-length"] = Buffer.byteLength(body);
    const req = httpRequest({ host: "127.0.0.1", port, path: "/graphql", method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on("error", reject);
    if (chunked) for (let i = 0; i < body.length; i += 40) req.write(body.slice(i, i + 40));
    else req.write(body);
    req.end();
  });
}

const echo = (text: string) =>
  JSON.stringify({ query: "query($t: String!) { echo(text: $t) }", variables: { t: text } });

describe("request body limit", () => {
  for (const chunked of [false, true]) {
    const how = chunked ? "a chunked body" : "a body with its Content-Length";
    it(`answers ${how} within the limit`, async () => {
      const body = echo("x".repeat(LIMIT - echo("").length));
      expect(Buffer.byteLength(body)).toBe(LIMIT);
      const response = await post(body, chunked);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).data.echo).toHaveLength(LIMIT - echo("").length);
    });

    it(`refuses ${how} one byte over the limit with 413`, async () => {
      const response = await post(echo("x".repeat(LIMIT + 1 - echo("").length)), chunked);
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe("REQUEST_ENTITY_TOO_LARGE");
    });
  }
});
