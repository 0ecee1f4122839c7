// The webhook dispatcher: delivers the outbox (WebhookDelivery rows written with their events).
// All of its state is in the database, so deliveries survive restarts, and several server processes
// can run it against one PostgreSQL database: each claims due rows with FOR UPDATE SKIP LOCKED and
// leases them (nextAttemptAt moves past the request's timeout) before posting outside any
// transaction, and only to public addresses unless configured otherwise (destination.ts). Every attempt is recorded; a 2xx ends the delivery, anything else is retried with
// exponential backoff and jitter until it has been retried for RETRY_FOR_MS.
import type { AppDeps } from "../../context.js";
import type { Mode } from "../../generated/prisma/client.js";
import { sameTenant } from "../../db/tenant-scope.js";
import { fetch } from "undici";
import { startPeriodicJob, type PeriodicJob } from "../periodic.js";
import { deliveryDispatcher } from "./destination.js";
import { SIGNATURE_HEADER, signatureHeader } from "./signing.js";

type DispatcherDeps = Pick<AppDeps, "database" | "config" | "clock" | "logger">;

const DEFAULT_DISPATCH_INTERVAL_MS = 2_000;
/** Deliveries claimed and posted at once. */
const BATCH_SIZE = 20;
const REQUEST_TIMEOUT_MS = 10_000;
/** A claimed delivery whose process died mid-request is due again after this. */
const LEASE_MS = REQUEST_TIMEOUT_MS + 50_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;
/** Retried for at least three days after the event, then given up (FAILED). */
const RETRY_FOR_MS = 3 * 86_400_000;
const MAX_ERROR_LENGTH = 500;

/** The wait after the n-th failed attempt: 1 min, 2, 4, … capped at 6 h, plus up to a quarter more (jitter). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20), MAX_RETRY_MS);
  return Math.round(base * (1 + random() / 4));
}

interface ClaimedDelivery {
  id: string;
  accountId: string;
  mode: Mode;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
  eventId: string;
  type: string;
  data: unknown;
  eventCreatedAt: Date;
  previousAttributes: unknown;
}

/** Due deliveries of enabled endpoints, leased to this process: the attempt is counted now. */
async function claimDue(deps: DispatcherDeps, now: Date): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  // A fresh delivery (no attempt yet) is due whatever the clock says: its event just committed.
  return deps.database.prisma.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d."accountId", d."mode", d."id" FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" w ON ${sameTenant("w", "d")} AND w."id" = d."endpointId"
      WHERE d."status" = 'PENDING' AND (d."attempts" = 0 OR d."nextAttemptAt" <= ${now}::timestamptz)
        AND w."status" = 'ENABLED' AND w."deletedAt" IS NULL
      ORDER BY d."nextAttemptAt", d."id"
      LIMIT ${BATCH_SIZE}
      FOR UPDATE OF d SKIP LOCKED
    ),
    claimed AS (
      UPDATE "WebhookDelivery" d
      SET "attempts" = d."attempts" + 1, "lastAttemptAt" = ${now}::timestamptz, "nextAttemptAt" = ${leaseUntil}::timestamptz
      FROM due WHERE ${sameTenant("d", "due")} AND d."id" = due."id"
      RETURNING d."id", d."accountId", d."mode", d."attempts", d."createdAt", d."endpointId", d."eventId"
    )
    SELECT c."id", c."accountId", c."mode", c."attempts", c."createdAt", w."url", w."secret",
           e."id" AS "eventId", e."type", e."data", e."previousAttributes", e."createdAt" AS "eventCreatedAt"
    FROM claimed c
    JOIN "WebhookEndpoint" w ON ${sameTenant("w", "c")} AND w."id" = c."endpointId"
    JOIN "Event" e ON ${sameTenant("e", "c")} AND e."id" = c."eventId"`;
}

/** The POST body: the event as the SDK's constructEvent parses it. */
function deliveryBody(event: {
  eventId: string;
  type: string;
  data: unknown;
  previousAttributes?: unknown;
  eventCreatedAt: Date;
  mode: Mode;
}): string {
  return JSON.stringify({
    id: event.eventId,
    type: event.type,
    created: Math.floor(new Date(event.eventCreatedAt).getTime() / 1000),
    data: event.data,
    ...(event.previousAttributes == null ? {} : { previousAttributes: event.previousAttributes }),
    livemode: event.mode === "live",
  });
}

type AttemptOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(delivery: ClaimedDelivery, now: Date, allowPrivate: boolean): Promise<AttemptOutcome> {
  const body = deliveryBody(delivery);
  try {
    const response = await fetch(delivery.url, {
      dispatcher: deliveryDispatcher(new URL(delivery.url), allowPrivate),
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Tally-Webhooks/1",
        [SIGNATURE_HEADER]: signatureHeader(delivery.secret, Math.floor(now.getTime() / 1000), body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    // The response body is not used; reading it lets the connection be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const message = timedOut
      ? `No response within ${REQUEST_TIMEOUT_MS / 1000} s`
      : `${error instanceof Error ? error.message : String(error)}${cause}`;
    return { ok: false, status: null, error: message.slice(0, MAX_ERROR_LENGTH) };
  }
}

type AttemptResult = "delivered" | "retrying" | "failed";

/**
 * Records the attempts of one claimed batch in one statement (a month-end close enqueues thousands):
 * a 2xx ends a delivery, a failure is retried later or, past RETRY_FOR_MS, given up.
 */
async function recordAttempts(
  deps: DispatcherDeps,
  attempts: ReadonlyArray<{ delivery: ClaimedDelivery; outcome: AttemptOutcome }>,
  now: Date,
): Promise<AttemptResult[]> {
  const results = attempts.map(
    ({ delivery, outcome }): AttemptResult =>
      outcome.ok
        ? "delivered"
        : now.getTime() - new Date(delivery.createdAt).getTime() >= RETRY_FOR_MS
          ? "failed"
          : "retrying",
  );
  const column = <T>(of: (attempt: (typeof attempts)[number], result: AttemptResult) => T) =>
    attempts.map((attempt, i) => of(attempt, results[i]!));
  // Only still-pending rows: an endpoint disabled meanwhile has given the delivery up. A retry's
  // next attempt replaces the lease; the others keep it.
  await deps.database.sql.$executeRaw`
    UPDATE "WebhookDelivery" d
    SET "status" = u."status"::"WebhookDeliveryStatus", "lastResponseStatus" = u."responseStatus", "lastError" = u."error",
        "deliveredAt" = coalesce(u."deliveredAt", d."deliveredAt"), "nextAttemptAt" = coalesce(u."nextAttemptAt", d."nextAttemptAt")
    FROM unnest(
      ${column(({ delivery }) => delivery.accountId)}::text[],
      ${column(({ delivery }) => delivery.mode)}::"Mode"[],
      ${column(({ delivery }) => delivery.id)}::text[],
      ${column((_, result) => (result === "delivered" ? "DELIVERED" : result === "failed" ? "FAILED" : "PENDING"))}::text[],
      ${column(({ outcome }) => outcome.status)}::int[],
      ${column(({ outcome }) => (outcome.ok ? null : outcome.error))}::text[],
      ${column((_, result) => (result === "delivered" ? now : null))}::timestamptz[],
      ${column(({ delivery }, result) => (result === "retrying" ? new Date(now.getTime() + retryDelayMs(delivery.attempts)) : null))}::timestamptz[]
    ) AS u("accountId", "mode", "id", "status", "responseStatus", "error", "deliveredAt", "nextAttemptAt")
    WHERE ${sameTenant("d", "u")} AND d."id" = u."id" AND d."status" = 'PENDING'`;
  return results;
}

export interface DispatchReport {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers every delivery due now, batch after batch, until none is due; returns what happened.
 * Tests call it directly; the server runs it from startWebhookDispatcher.
 */
export async function dispatchWebhooks(
  deps: DispatcherDeps,
  options: { signal?: AbortSignal } = {},
): Promise<DispatchReport> {
  const report: DispatchReport = { delivered: 0, retrying: 0, failed: 0 };
  while (!options.signal?.aborted) {
    const now = deps.clock.now();
    const claimed = await claimDue(deps, now);
    if (claimed.length === 0) break;
    const attempts = await Promise.all(
      claimed.map(async (delivery) => {
        const outcome = await post(delivery, now, deps.config.webhooks.allowPrivate);
        if (!outcome.ok)
          deps.logger.info("webhook delivery attempt failed", {
            deliveryId: delivery.id,
            attempts: delivery.attempts,
            error: outcome.error,
          });
        return { delivery, outcome };
      }),
    );
    for (const result of await recordAttempts(deps, attempts, now)) report[result] += 1;
  }
  return report;
}

const NOTHING: DispatchReport = { delivered: 0, retrying: 0, failed: 0 };

/** Dispatches at once, then every `intervalMs`; runs never overlap. */
export function startWebhookDispatcher(
  deps: DispatcherDeps,
  options: { intervalMs?: number } = {},
): PeriodicJob<DispatchReport> {
  return startPeriodicJob({
    name: "webhook dispatcher",
    intervalMs: options.intervalMs ?? DEFAULT_DISPATCH_INTERVAL_MS,
    logger: deps.logger,
    idle: NOTHING,
    run: (signal) => dispatchWebhooks(deps, { signal }),
  });
}
