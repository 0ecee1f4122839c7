// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) served over
// PostgreSQL's wire protocol on a Unix socket. The server thread reaches it through node-postgres,
// as it reaches a PostgreSQL server, and the database's CPU work runs beside the server's instead
// of inside its one thread (where it took three quarters of the time under ingest load).
import { createServer, type Socket } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { FrontendMessages } from "./embedded-protocol.js";

export interface EmbeddedWorkerData {
  dataDir: string;
  socketPath: string;
}

const { dataDir, socketPath } = workerData as EmbeddedWorkerData;
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);

const db = await PGlite.create(dataDir);
// What PGlite sets for its session (search_path = public): a RESET would take these back to its
// command line's values (search_path = pg_catalog), so each reset puts them back.
const sessionSettings = (
  await db.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE source = 'session'`)
).rows;

// PGlite is one backend: connections take turns, each served whole before the next begins.
let turn: Promise<void> = Promise.resolve();
const server = createServer((socket) => {
  socket.pause();
  turn = turn.then(() => serveConnection(socket));
});

function serveConnection(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const messages = new FrontendMessages();
    let work: Promise<void> = Promise.resolve();
    socket.on("data", (chunk: Buffer) => {
      const complete = messages.push(chunk);
      if (complete !== null) {
        work = work
          .then(async () => {
            if (socket.destroyed) return;
            // The reply is a view of PGlite's memory, which the next request overwrites: the socket
            // may still be sending it then, so it sends a copy.
            const reply = await db.execProtocolRaw(complete);
            if (reply.length > 0) socket.write(Buffer.from(reply));
          })
          .catch((error: unknown) => {
            console.error("embedded database: a request failed; closing its connection", error);
            socket.destroy();
          });
      }
      if (messages.terminated) work = work.then(() => void socket.end());
    });
    socket.on("error", () => {}); // "close" follows, and the client sees its own error
    socket.once("close", () => {
      void work
        .then(endSession)
        .catch((error: unknown) => console.error("embedded database: could not reset a session", error))
        .then(resolve);
    });
    socket.resume();
  });
}

/**
 * The backend outlives the connection: what a dropped connection left (a half-sent exchange, an
 * open transaction, prepared statements, settings) must not reach the next one.
 */
async function endSession(): Promise<void> {
  await db.execProtocolRaw(SYNC);
  await db.exec("ROLLBACK");
  await db.exec("DISCARD ALL");
  for (const { name, setting } of sessionSettings) await db.query("SELECT set_config($1, $2, false)", [name, setting]);
}

await new Promise<void>((resolve) => server.listen(socketPath, resolve));
parentPort!.postMessage("ready");
parentPort!.once("message", () => {
  // Closing stops new connections; the data directory is left consistent only by PGlite's close.
  server.close();
  void turn.then(() => db.close()).then(() => parentPort!.postMessage("closed"));
});
