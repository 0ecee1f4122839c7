// Starting and stopping the embedded database's thread (embedded-worker.ts).
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { EmbeddedWorkerData } from "./embedded-worker.js";

export interface EmbeddedPostgres {
  /** The directory of its Unix socket: node-postgres's `host`. */
  socketDir: string;
  /** Closes the database (a file-backed one is only consistent once closed) and ends the thread. */
  close(): Promise<void>;
}

// A worker thread runs JavaScript: it loads tsx first, as bin/tally.js does, to run the TypeScript.
const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./embedded-worker.ts", import.meta.url).href)}); })`;

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  // A directory of its own, readable by this user only: nobody else can connect.
  const socketDir = mkdtempSync(join(tmpdir(), "tally-pglite-"));
  const workerData: EmbeddedWorkerData = { dataDir, socketPath: join(socketDir, ".s.PGSQL.5432") };
  const worker = new Worker(bootstrap, { eval: true, workerData });
  try {
    await once(worker, "message"); // "ready"; `once` rejects if the thread fails first
  } catch (error) {
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  // The thread does not keep the process alive by itself: only what uses the database does.
  worker.unref();
  let closing: Promise<void> | undefined;
  return {
    socketDir,
    close: () =>
      (closing ??= (async () => {
        worker.ref();
        worker.postMessage("close");
        await once(worker, "message"); // "closed"
        await worker.terminate();
        rmSync(socketDir, { recursive: true, force: true });
      })()),
  };
}
