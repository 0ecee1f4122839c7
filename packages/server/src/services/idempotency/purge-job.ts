// The background job that deletes expired idempotency keys, every hour: a key is replayed for
// 24 hours, and one kept an hour longer changes nothing (claims take over expired keys themselves).
import type { AppDeps } from "../../context.js";
import { startPeriodicJob, type PeriodicJob } from "../periodic.js";
import { purgeExpiredKeys } from "./keys.js";

export function startIdempotencyKeyPurge(
  deps: Pick<AppDeps, "database" | "clock" | "logger">,
  options: { intervalMs?: number } = {},
): PeriodicJob<number> {
  return startPeriodicJob({
    name: "idempotency key purge",
    intervalMs: options.intervalMs ?? 3_600_000,
    logger: deps.logger,
    idle: 0,
    run: (signal) => purgeExpiredKeys(deps.database.sql, deps.clock.now(), signal),
  });
}
