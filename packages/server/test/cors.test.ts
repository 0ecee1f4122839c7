// CORS (docs/concepts/customer-sessions.md#cors) over HTTP: TALLY_CORS_ORIGINS lets the listed
// origins call with a customer session token (preflight answered for them only), a secret key sent
// from another origin is refused whatever the list, and Tally's own origin (GraphiQL) keeps working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_CONFIG, type TestApp } from "./support/app.js";
import { catalog } from "./support/catalog.js";
import { sessions } from "./support/sessions.js";

const ALLOWED = "https://app.example.com";
const OTHER = "https://evil.example.net";

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await createTestApp({ config: { ...TEST_CONFIG, http: { ...TEST_CONFIG.http, corsOrigins: [ALLOWED] } } });
  const customer = await catalog(app).customer({ name: "Grace" });
  token = await sessions(app).token(customer.id);
});
afterAll(() => app.close());

const post = (origin: string | null, key: string, query = "{ viewer { customer { name } } }") =>
  app.fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${key}`,
      ...(origin ? { origin } : {}),
    },
    body: JSON.stringify({ query }),
  });

const preflight = (origin: string) =>
  app.fetch("/graphql", {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  });

describe("CORS", () => {
  it("answers the preflight of an allowed origin, and not another's", async () => {
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toMatch(/authorization/);
    const other = await preflight(OTHER);
    expect(other.headers.get("access-control-allow-origin")).not.toBe(OTHER);
  });

  it("serves a session token from an allowed origin, with the origin allowed in the response", async () => {
    const response = await post(ALLOWED, token);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(await response.json()).toEqual({ data: { viewer: { customer: { name: "Grace" } } } });
  });

  it("does not let a browser on a disallowed origin read the answer", async () => {
    const response = await post(OTHER, token);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a secret key sent cross-origin, even from an allowed origin, pointing to customer sessions", async () => {
    for (const origin of [ALLOWED, OTHER]) {
      const response = await post(origin, app.account.testSecretKey, "{ customers { edges { node { id } } } }");
      expect(response.status).toBe(403);
      const body = (await response.json()) as {
        data?: unknown;
        errors: Array<{ message: string; extensions: object }>;
      };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
      expect(body.errors[0]!.message).toMatch(/customer session/);
    }
  });

  it("serves a secret key from Tally's own origin (GraphiQL) and without an Origin (servers)", async () => {
    for (const origin of ["http://tally.test", null]) {
      const response = await post(
        origin,
        app.account.testSecretKey,
        "{ customers(first: 1) { edges { node { id } } } }",
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
  });
});
