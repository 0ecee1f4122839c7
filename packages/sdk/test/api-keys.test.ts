// apiKeys against the real server: create shows the secret once, roll keeps the old key working for
// the grace period, revoke stops a key at once, list shows hints, never secrets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tally, TallyAuthenticationError, TallyInvalidInputError, TallyNotFoundError } from "../src/index.js";
import { failure } from "./support/failure.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tally: Tally;
beforeAll(async () => {
  server = await startServer();
  tally = server.client();
});
afterAll(() => server.close());

const clientFor = (apiKey: string) => new Tally({ apiKey, url: server.url, maxNetworkRetries: 0 });

describe("apiKeys", () => {
  it("create, roll, revoke and list", async () => {
    const { apiKey, secret } = await tally.apiKeys.create({ name: "billing worker", mode: "TEST" });
    expect(apiKey).toMatchObject({ name: "billing worker", mode: "TEST", hint: secret.slice(0, 12), revokedAt: null });
    await clientFor(secret).testClocks.list().autoPagingToArray({ limit: 1 });

    const rolled = await tally.apiKeys.roll(apiKey.id, { expiresIn: 3600 });
    expect(rolled.apiKey.name).toBe("billing worker");
    await clientFor(secret).testClocks.list().autoPagingToArray({ limit: 1 }); // still in its grace period
    await clientFor(rolled.secret).testClocks.list().autoPagingToArray({ limit: 1 });

    const listed = await tally.apiKeys.list().autoPagingToArray({ limit: 100 });
    expect(listed.find((k) => k.id === apiKey.id)?.expiresAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(secret);

    const revoked = await tally.apiKeys.revoke(rolled.apiKey.id);
    expect(revoked.revokedAt).not.toBeNull();
    const refused = await failure(clientFor(rolled.secret).testClocks.list().autoPagingToArray({ limit: 1 }));
    expect(refused).toBeInstanceOf(TallyAuthenticationError);
    expect(await failure(tally.apiKeys.revoke(rolled.apiKey.id))).toBeInstanceOf(TallyNotFoundError);
  });

  it("refuses another mode with TallyInvalidInputError", async () => {
    const error = await failure(tally.apiKeys.create({ name: "live", mode: "LIVE" }));
    expect(error).toBeInstanceOf(TallyInvalidInputError);
    expect((error as TallyInvalidInputError).field).toEqual(["input", "mode"]);
  });
});
