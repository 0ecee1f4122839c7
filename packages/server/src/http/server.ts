// node:http around yoga, with timeouts for slow clients and a graceful stop: no new connections, in-flight requests finish —
// including those whose client has gone away: their sockets are closed, but their handlers may
// still be inside a database transaction, so stop() waits for the handlers themselves.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppDeps } from "../context.js";
import { createTallyYoga } from "./yoga.js";

export interface RunningServer {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

export async function startHttpServer(deps: AppDeps, options: { port: number; host?: string }): Promise<RunningServer> {
  const yoga = createTallyYoga(deps);
  const handlers = new Set<Promise<unknown>>();
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = deps.config.http;
  const server = createServer(
    {
      // A client that sends part of its headers (or body) and goes silent is cut off: each such
      // connection holds a file descriptor. Node checks these deadlines every interval, whose
      // default (30 s) would double a 20 s limit, so it checks every second instead.
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
    },
    (req, res) => {
      const handling = Promise.resolve(yoga(req, res)).finally(() => handlers.delete(handling));
      handlers.add(handling);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const shownHost = host === "0.0.0.0" || host === "[::]" ? "localhost" : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    async stop() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeIdleConnections();
      await closed;
      while (handlers.size > 0) await Promise.allSettled([...handlers]);
    },
  };
}
