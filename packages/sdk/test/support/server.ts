// A real Tally server for the SDK's tests: the server package's test app (in-memory PGlite,
// migrated) behind node:http on a free loopback port, so the SDK talks real HTTP to it.
import type { ServerConfig } from "@tally/server/src/config.js";
import { startHttpServer } from "@tally/server/src/http/server.js";
import { dispatchWebhooks, type DispatchReport } from "@tally/server/src/services/webhooks/dispatcher.js";
import { createTestApp, type TestApp } from "@tally/server/test/support/app.js";
import { Tally, type TallyOptions } from "../../src/index.js";

export interface TestServer {
  app: TestApp;
  url: string;
  /** The test-mode secret key of the account every test file starts with. */
  apiKey: string;
  /** A client for that account; options override the defaults. */
  client(options?: Partial<TallyOptions>): Tally;
  /** One run of the server's webhook dispatcher: posts every delivery due now. */
  dispatchWebhooks(): Promise<DispatchReport>;
  close(): Promise<void>;
}

/** `config` replaces the test app's server configuration (limits, HTTP settings). */
export async function startServer(options: { config?: ServerConfig } = {}): Promise<TestServer> {
  const app = await createTestApp(options);
  const http = await startHttpServer(app.deps, { port: 0, host: "127.0.0.1" });
  const apiKey = app.account.testSecretKey;
  return {
    app,
    url: http.url,
    apiKey,
    client: (options) => new Tally({ apiKey, url: http.url, ...options }),
    dispatchWebhooks: () => dispatchWebhooks(app.deps),
    async close() {
      await http.stop();
      await app.close();
    },
  };
}
