// The wall-clock billing cycle (docs/concepts/time-and-test-clocks.md#period-ends, docs/concepts/subscriptions.md#what-each-invoice-carries, docs/concepts/credits.md#expiry-and-void): a job in the server process that closes every
// period that has ended, and expires every credit grant whose expiry has passed, for customers
// without a test clock. It runs at start (so periods missed while the server was down are
// invoiced, in order) and then every interval. Due periods are closed in batches, one transaction
// each (docs/architecture.md#the-billing-cycle). Several processes may run it against one
// PostgreSQL database: each subscription is closed under its row lock (others skip it), and the
// unique invoice constraint backs that up.
import { type AppDeps, tenantOf } from "../../context.js";
import { announceTriggers } from "../alerts/announce.js";
import { afterCreditChange } from "../balance-watch/after-change.js";
import { isUniqueViolation } from "../../db/errors.js";
import { scopedClient, type Scope } from "../../db/tenant-scope.js";
import { dueWallClockExpiries, expireGrant } from "../credits/expire.js";
import { expireDueHolds } from "../credit-holds/expire.js";
import { startPeriodicJob, type PeriodicJob } from "../periodic.js";
import { closeCurrentPeriod, closeCurrentPeriods, periodEndedBy, type PeriodOutcome } from "./close-period.js";
import { recordTrialNotice, trialNoticeDueBy } from "./trial-notice.js";
import { BILLING_TRANSACTION } from "../../db/transaction.js";
import { billingStatus } from "../../db/billing-status.js";

/** Subscriptions examined per pass; each pass closes at most one period of each. */
const BATCH_SIZE = 100;

/** Due periods closed per transaction: few enough that a batch holds its rows and connection briefly. */
const CLOSE_BATCH = 100;

export const DEFAULT_BILLING_INTERVAL_MS = 30_000;

type CycleDeps = Pick<AppDeps, "database" | "clock" | "logger" | "pubsub">;

async function closeOne(deps: CycleDeps, id: string, scope: Scope, now: Date): Promise<PeriodOutcome> {
  try {
    return await scopedClient(deps.database.prisma, scope).$transaction(
      (tx) => closeCurrentPeriod(tx, scope, id, now, { skipLocked: true }),
      BILLING_TRANSACTION,
    );
  } catch (error) {
    // Another worker stored this period's invoice first: the period is closed, which is the goal.
    if (isUniqueViolation(error)) return "up-to-date";
    throw error;
  }
}

interface DueSubscription {
  id: string;
  accountId: string;
  mode: Scope["mode"];
  customerId: string;
}

/**
 * Closes the due periods of `due` (one tenant, one subscription per customer) in one transaction;
 * returns how many closed. If the batch fails, each is retried alone, so one subscription's error
 * holds back no other: those that fail again are added to `failed` and logged.
 */
async function closeBatch(
  deps: CycleDeps,
  scope: Scope,
  due: readonly DueSubscription[],
  now: Date,
  failed: Set<string>,
  signal: AbortSignal | undefined,
): Promise<number> {
  const ids = due.map((subscription) => subscription.id);
  try {
    const outcomes = await scopedClient(deps.database.prisma, scope).$transaction(
      (tx) => closeCurrentPeriods(tx, scope, ids, now, { skipLocked: true }),
      BILLING_TRANSACTION,
    );
    return [...outcomes.values()].filter((outcome) => outcome === "closed").length;
  } catch (error) {
    if (ids.length === 1) {
      failed.add(ids[0]!);
      deps.logger.error("could not close a billing period", { subscriptionId: ids[0], error });
      return 0;
    }
    let closed = 0;
    for (const id of ids) {
      if (signal?.aborted) break;
      try {
        if ((await closeOne(deps, id, scope, now)) === "closed") closed += 1;
      } catch (error) {
        failed.add(id);
        deps.logger.error("could not close a billing period", { subscriptionId: id, error });
      }
    }
    return closed;
  }
}

/**
 * The due subscriptions in batches for closeBatch: by tenant, at most CLOSE_BATCH each, and one
 * subscription per customer, a customer's later ones in later batches (in the given order).
 */
function batches(due: readonly DueSubscription[]): DueSubscription[][] {
  const taken = new Map<string, number>();
  const groups = new Map<string, DueSubscription[]>();
  for (const subscription of due) {
    const round = taken.get(subscription.customerId) ?? 0;
    taken.set(subscription.customerId, round + 1);
    const key = `${round}:${subscription.accountId}:${subscription.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), subscription]);
  }
  return [...groups.values()].flatMap((list) =>
    Array.from({ length: Math.ceil(list.length / CLOSE_BATCH) }, (_, i) =>
      list.slice(i * CLOSE_BATCH, (i + 1) * CLOSE_BATCH),
    ),
  );
}

/**
 * Expires the grants due by `now` whose customers' earlier periods are all closed (each in its own
 * transaction, under the grant's row lock); returns how many it expired. A grant that fails is
 * logged and left for the next run.
 */
async function expireDueGrants(
  deps: CycleDeps,
  now: Date,
  failed: Set<string>,
  signal: AbortSignal | undefined,
): Promise<number> {
  let expired = 0;
  for (const grant of await dueWallClockExpiries(deps.database.prisma, now, BATCH_SIZE, [...failed])) {
    if (signal?.aborted) break;
    const scope = { accountId: grant.accountId, mode: grant.mode };
    try {
      if (
        !(await scopedClient(deps.database.prisma, scope).$transaction((tx) => expireGrant(tx, scope, grant.id, now)))
      )
        continue;
      expired += 1;
    } catch (error) {
      failed.add(grant.id);
      deps.logger.error("could not expire a credit grant", { grantId: grant.id, error });
      continue;
    }
    await afterExpiry(deps, scope, grant.customerId);
  }
  return expired;
}

/** The expiry lowered the customer's available balance: the alerts it crossed (announced) and the recharge it made due. */
async function afterExpiry(deps: CycleDeps, scope: Scope, customerId: string): Promise<void> {
  const tenant = tenantOf(deps, scope);
  try {
    announceTriggers(deps.pubsub, scope)(await afterCreditChange(tenant, deps.clock, [customerId]));
  } catch (error) {
    deps.logger.error("could not evaluate a customer's balance after a grant expiry", { customerId, error });
  }
}

/** Records the trial_will_end notices due by `now` (each in its own transaction); returns how many. */
async function noticeDueTrials(deps: CycleDeps, now: Date, signal: AbortSignal | undefined): Promise<number> {
  const due = await deps.database.prisma.subscription.findMany({
    // A trial that has already ended gets no notice: its period close is due instead.
    where: { ...trialNoticeDueBy(now), AND: [{ trialEnd: { gt: now } }], customer: { testClockId: null } },
    orderBy: [{ trialEnd: "asc" }, { id: "asc" }],
    take: BATCH_SIZE,
    select: { id: true, accountId: true, mode: true },
  });
  let recorded = 0;
  for (const { id, accountId, mode } of due) {
    if (signal?.aborted) break;
    const scope = { accountId, mode };
    try {
      if (await scopedClient(deps.database.prisma, scope).$transaction((tx) => recordTrialNotice(tx, scope, id, now)))
        recorded += 1;
    } catch (error) {
      deps.logger.error("could not record a trial_will_end notice", { subscriptionId: id, error });
    }
  }
  return recorded;
}

/**
 * One run of the cycle over every account and mode: passes that first expire the credit grants
 * due (those expiring before a customer's next open period end: time order), then go over the
 * subscriptions whose period has ended, earliest end first, closing one period of each per pass
 * (in batches: closeBatch), until a pass does nothing (all caught up, or the rest held by another worker). A subscription
 * that fails is logged and left for the next run. Returns the number of periods closed.
 */
export async function runBillingCycle(deps: CycleDeps, options: { signal?: AbortSignal } = {}): Promise<number> {
  const failed = new Set<string>();
  const failedGrants = new Set<string>();
  let closed = 0;
  await expireDueHolds(deps.database.prisma, deps.clock.now());
  for (;;) {
    const now = deps.clock.now();
    const expired = await expireDueGrants(deps, now, failedGrants, options.signal);
    const noticed = await noticeDueTrials(deps, now, options.signal);
    const due = await deps.database.prisma.subscription.findMany({
      where: {
        ...periodEndedBy(now),
        customer: { testClockId: null },
        ...(failed.size > 0 ? { id: { notIn: [...failed] } } : {}),
      },
      orderBy: [{ currentPeriodEnd: "asc" }, { id: "asc" }],
      take: BATCH_SIZE,
      select: { id: true, accountId: true, mode: true, customerId: true },
    });
    let progressed = 0;
    for (const batch of batches(due)) {
      if (options.signal?.aborted) return closed + progressed;
      const scope = { accountId: batch[0]!.accountId, mode: batch[0]!.mode };
      progressed += await closeBatch(deps, scope, batch, now, failed, options.signal);
    }
    closed += progressed;
    if (progressed === 0 && expired === 0 && noticed === 0) return closed;
  }
}

export type BillingScheduler = PeriodicJob<number>;

/** In how many ms the next open period of a wall-clock customer ends (null: none open). */
async function msToNextPeriodEnd(deps: CycleDeps): Promise<number | null> {
  const now = deps.clock.now();
  const next = await deps.database.prisma.subscription.findFirst({
    where: { status: billingStatus, currentPeriodEnd: { gt: now }, customer: { testClockId: null } },
    orderBy: { currentPeriodEnd: "asc" },
    select: { currentPeriodEnd: true },
  });
  return next ? next.currentPeriodEnd.getTime() - now.getTime() : null;
}

/**
 * Starts the cycle: one run at once, then one every `intervalMs`, and one at the instant the next
 * period ends when that comes sooner (a month-end close starts at the month's end, not up to an
 * interval later); runs never overlap.
 */
export function startBillingScheduler(deps: CycleDeps, options: { intervalMs?: number } = {}): BillingScheduler {
  return startPeriodicJob({
    name: "billing scheduler",
    intervalMs: options.intervalMs ?? DEFAULT_BILLING_INTERVAL_MS,
    logger: deps.logger,
    idle: 0,
    run: (signal) => runBillingCycle(deps, { signal }),
    nextRunInMs: () => msToNextPeriodEnd(deps),
  });
}
