// node:http around yoga, with a graceful stop: no new connections, in-flight requests finish.
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
  const server = createServer(yoga);
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
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
