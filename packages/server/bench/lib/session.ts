// One server on one fresh database, with a tenant account to drive it.
import { randomBytes } from "node:crypto";
import { api, newAccount, type Api } from "./api.js";
import type { DirectSql, Target } from "./database.js";
import type { PeakRss } from "./report.js";
import { startServer, type ServerProcess } from "./server.js";

export interface Session {
  target: Target;
  server: ServerProcess;
  /** A test-mode account of its own. */
  api: Api;
  peakRss: PeakRss[];
}

export async function startSession(target: Target): Promise<Session> {
  const adminKey = `bench_admin_${randomBytes(16).toString("hex")}`;
  const server = await startServer({ ...target.serverEnv, TALLY_ADMIN_KEY: adminKey });
  return { target, server, api: await newAccount(server.url, adminKey, "Bench"), peakRss: [] };
}

/**
 * Runs `fn` with direct SQL on the session's database. PGlite is single-process: its server is
 * stopped meanwhile and started again afterwards (migrations already applied).
 */
export async function withDatabase<T>(session: Session, fn: (db: DirectSql) => Promise<T>): Promise<T> {
  const embedded = session.target.kind === "pglite";
  if (embedded) await session.server.stop();
  const db = await session.target.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
    if (embedded) {
      session.server = await session.server.restart({ TALLY_MIGRATE_ON_START: "0" });
      session.api = api(session.server.url, session.api.key);
    }
  }
}
