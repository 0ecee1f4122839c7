// The wall-clock billing cycle (SPEC §1, §5): a job in the server process that closes every period
// that has ended for customers without a test clock. It runs at start (so periods missed while the
// server was down are invoiced, in order) and then every interval. Several processes may run it
// against one PostgreSQL database: each subscription is closed under its row lock (others skip
// it), and the unique invoice constraint backs that up.
import type { AppDeps } from "../../context.js";
import { isUniqueViolation } from "../../db/errors.js";
import { scopedClient, type Scope } from "../../db/tenant.js";
import { closeCurrentPeriod, type PeriodOutcome } from "./close-period.js";
import { BILLING_TRANSACTION } from "./locks.js";

/** Subscriptions examined per pass; each pass closes at most one period of each. */
const BATCH_SIZE = 100;

export const DEFAULT_BILLING_INTERVAL_MS = 30_000;

type CycleDeps = Pick<AppDeps, "database" | "clock" | "logger">;

async function closeOne(deps: CycleDeps, id: string, scope: Scope, now: Date): Promise<PeriodOutcome> {
  try {
    return await scopedClient(deps.database.prisma, scope).$transaction(
      (tx) => closeCurrentPeriod(tx, scope, id, now, { skipLocked: true }),
      BILLING_TRANSACTION,
    );
  } catch (error) {
    // Another worker stored this period's invoice first: the period is closed, which is the goal.
    if (isUniqueViolation(error)) return "not-due";
    throw error;
  }
}

/**
 * One run of the cycle over every account and mode: passes over the subscriptions whose period has
 * ended, earliest end first, closing one period of each per pass, until a pass closes nothing (all
 * caught up, or the rest held by another worker). A subscription that fails is logged and left
 * for the next run. Returns the number of periods closed.
 */
export async function runBillingCycle(deps: CycleDeps, options: { signal?: AbortSignal } = {}): Promise<number> {
  const failed = new Set<string>();
  let closed = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = await deps.database.prisma.subscription.findMany({
      where: {
        status: "ACTIVE",
        currentPeriodEnd: { lte: now },
        customer: { testClockId: null },
        ...(failed.size > 0 ? { id: { notIn: [...failed] } } : {}),
      },
      orderBy: [{ currentPeriodEnd: "asc" }, { id: "asc" }],
      take: BATCH_SIZE,
      select: { id: true, accountId: true, mode: true },
    });
    let progressed = 0;
    for (const { id, accountId, mode } of due) {
      if (options.signal?.aborted) return closed + progressed;
      try {
        if ((await closeOne(deps, id, { accountId, mode }, now)) === "closed") progressed += 1;
      } catch (error) {
        failed.add(id);
        deps.logger.error("could not close a billing period", { subscriptionId: id, error });
      }
    }
    closed += progressed;
    if (progressed === 0) return closed;
  }
}

export interface BillingScheduler {
  /** Waits for a run in progress, then runs the cycle once more; resolves to the periods it closed. */
  runNow(): Promise<number>;
  /** No new runs; resolves when the run in progress (asked to stop early) has ended. */
  stop(): Promise<void>;
}

/** Starts the cycle: one run at once, then one every `intervalMs`; runs never overlap. */
export function startBillingScheduler(deps: CycleDeps, options: { intervalMs?: number } = {}): BillingScheduler {
  const intervalMs = options.intervalMs ?? DEFAULT_BILLING_INTERVAL_MS;
  const abort = new AbortController();
  let current: Promise<number> | null = null;

  const run = (): Promise<number> => {
    const next = (current ?? Promise.resolve(0))
      .then(() => (abort.signal.aborted ? 0 : runBillingCycle(deps, { signal: abort.signal })))
      .catch((error: unknown) => {
        deps.logger.error("billing cycle run failed", { error: error instanceof Error ? error : new Error(String(error)) });
        return 0;
      });
    current = next;
    void next.then(() => {
      if (current === next) current = null;
    });
    return next;
  };

  const timer = setInterval(() => {
    if (current === null) void run();
  }, intervalMs);
  timer.unref();
  void run();
  deps.logger.info("billing scheduler started", { intervalMs });

  return {
    runNow: run,
    async stop() {
      clearInterval(timer);
      abort.abort();
      await current;
    },
  };
}
