// Usage alert evaluation (docs/concepts/alerts.md#alert-crossing), inside the ingest transaction that stores the events, so an
// alert fires in the very request that crosses its threshold and never for events that rolled back.
// Ingest calls it only when its insert statement saw an active alert on the events' meters
// (meter-events/ingest.ts). Plain SQL on the transaction's connection, every statement filtered by
// account and mode (scopeClause: raw SQL is not tenant-scoped). Set-based: whatever the batch size,
// one lookup of the alerts, one update of the running aggregates and one insert of triggers.
//
// USAGE alerts: a running partial aggregate per (alert, customer), kept by the usage store's alert
// progress, whose row lock serialises concurrent ingests, so each sees the sum of all before it.
// ONE_TIME counts the events received after the alert's creation (MeterEvent.seq > startSeq);
// EVERY_PERIOD those of the current billing period — that of the customer's active subscription
// with a price on the meter (the oldest, if several), else the UTC calendar month containing the
// customer's now — and its aggregate is read from the period's usage once per period (or after a
// cancellation), then added to.
// Money alerts (SPEND, CREDIT_BALANCE, FORECAST: alerts/money.ts) are EVERY_PERIOD alerts whose value
// is read from the period's preview, under a per-(alert, customer) advisory lock, for the same reason.
// The unique (alert, customer, periodStart) constraint makes a trigger fire at most once, however
// many transactions race: INSERT … ON CONFLICT DO NOTHING.
import {
  alertPeriod,
  type Decimal,
  finalizeAggregate,
  matchesConditions,
  type PartialAggregate,
  type Period,
  type PeriodEndSnapshot,
  type SegmentCondition,
  selectedPartial,
  toDecimal,
  valuesByKey,
} from "@tally/billing";
import type { Clock } from "../../clock.js";
import { sameTenant, scopeClause, type Scope } from "../../db/tenant-scope.js";
import { billingStatusSql } from "../../db/billing-status.js";
import type { AlertTrigger, Meter, RecurringInterval, UsageAlert } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { recordEvents } from "../event-log/record.js";
import { alertTriggerEventData } from "../event-log/serializers.js";
import { scheduleOf } from "../prices.js";
import { customerNow, type ClockedCustomer } from "../time.js";
import type { BillableSubscription } from "../invoices/billable.js";
import { type MoneyValues, moneyValues, reachesThreshold } from "./money.js";
import { type UsageQuery, type UsageStore, usageStore } from "../../usage-store/index.js";
import type { Db } from "../../db/transaction.js";

/** An event this transaction has just stored, as it was stored. */
export interface IngestedEvent {
  seq: bigint;
  meter: Pick<Meter, "id" | "aggregation" | "dimensionPayloadKeys">;
  customer: ClockedCustomer & { id: string };
  value: Decimal;
  timestamp: Date;
  /** Its dimension values in the meter's key order (null: none). */
  dimensions: ReadonlyArray<string | null> | null;
}

/** Hears the triggers of a transaction after it committed (to announce them). */
export type AlertsTriggeredListener = (triggers: AlertTrigger[]) => void;

type WatchedAlert = UsageAlert & { meter: IngestedEvent["meter"] };

/** The period of a ONE_TIME trigger: one per alert and customer, ever. */
export const ONE_TIME_PERIOD = new Date(0);

interface Crossing {
  alert: WatchedAlert;
  customerId: string;
  value: Decimal;
  periodStart: Date;
}

/** The active alerts on these events' meters that watch any of their customers, in id order. */
export function watchingAlerts(
  tx: Db,
  scope: Scope,
  events: ReadonlyArray<{ meter: { id: string }; customer: { id: string } }>,
): Promise<UsageAlert[]> {
  return Promise.resolve(tx.$queryRaw<UsageAlert[]>`
    SELECT * FROM "UsageAlert"
    WHERE ${scopeClause(scope)} AND "status" = 'ACTIVE'
      AND "meterId" = ANY(${[...new Set(events.map((e) => e.meter.id))]}::text[])
      AND ("customerId" IS NULL OR "customerId" = ANY(${[...new Set(events.map((e) => e.customer.id))]}::text[]))
    ORDER BY "id"`);
}

/** Evaluates the alerts watching these events; returns the triggers that fired (stored, with their events). */
export async function evaluateUsageAlerts(
  tx: Db,
  scope: Scope,
  clock: Clock,
  events: readonly IngestedEvent[],
  subscriptions: readonly BillableSubscription[] = [],
  /** Previews already priced with these events under an exclusive lock (spend caps), by subscription. */
  previews: ReadonlyMap<string, PeriodEndSnapshot> = new Map(),
  /** Customers all of whose billing subscriptions are in `subscriptions`: their periods need no query. */
  known: ReadonlySet<string> = new Set(),
  /** watchingAlerts of these events (or of more), when the caller sent it already. */
  sent?: Promise<UsageAlert[]>,
): Promise<AlertTrigger[]> {
  if (events.length === 0) return [];
  const customers = new Map(events.map((e) => [e.customer.id, e.customer]));
  const meters = new Map(events.map((e) => [e.meter.id, e.meter]));
  const found = (await (sent ?? watchingAlerts(tx, scope, events))).filter(
    (alert) => meters.has(alert.meterId) && (alert.customerId === null || customers.has(alert.customerId)),
  );
  if (found.length === 0) return [];
  const alerts = found.map((alert) => ({ ...alert, meter: meters.get(alert.meterId)! }));

  const nowOf = (customerId: string) => customerNow(customers.get(customerId)!, clock);
  const knownSubscriptions = { customers: known, subscriptions };
  const crossings = [
    ...(await usageCrossings(
      tx,
      scope,
      alerts.filter((a) => a.type === "USAGE"),
      events,
      nowOf,
      knownSubscriptions,
    )),
    ...(await periodCrossings(
      tx,
      scope,
      alerts.filter((a) => a.type !== "USAGE"),
      events,
      nowOf,
      moneyValues(tx, scope, subscriptions, previews),
      knownSubscriptions,
    )),
  ];
  return storeTriggers(tx, scope, crossings, nowOf);
}

/**
 * A customer's CREDIT_BALANCE alerts after its available balance moved without meter events (a
 * credit hold or its capture): evaluated as at ingest — the same period, lock and once-per-period
 * trigger — on the transaction of the caller, which holds no usage lock.
 */
export async function evaluateCreditBalanceAlerts(
  tx: Db,
  scope: Scope,
  clock: Clock,
  customer: ClockedCustomer & { id: string },
  loadSubscriptions: () => Promise<readonly BillableSubscription[]>,
): Promise<AlertTrigger[]> {
  const found = await tx.$queryRaw<Array<UsageAlert & { meter: WatchedAlert["meter"] }>>`
    SELECT a.*, json_build_object('id', m."id", 'aggregation', m."aggregation", 'dimensionPayloadKeys', m."dimensionPayloadKeys") AS "meter"
    FROM "UsageAlert" a JOIN "Meter" m ON ${sameTenant("m", "a")} AND m."id" = a."meterId"
    WHERE ${scopeClause(scope, "a")} AND a."status" = 'ACTIVE' AND a."type" = 'CREDIT_BALANCE'
      AND (a."customerId" IS NULL OR a."customerId" = ${customer.id})
    ORDER BY a."id"`;
  if (found.length === 0) return [];
  const nowOf = () => customerNow(customer, clock);
  const pairs = found.map((alert) => ({
    alert,
    meterId: alert.meterId,
    customerId: customer.id,
    key: `alert:${alert.id}:${customer.id}`,
  }));
  return storeTriggers(
    tx,
    scope,
    await pairCrossings(tx, scope, pairs, nowOf, moneyValues(tx, scope, await loadSubscriptions())),
    nowOf,
  );
}

/** The alert's filters as its JSON column stores them (docs/concepts/alerts.md#filters). */
export function alertFilters(alert: Pick<UsageAlert, "filters">): SegmentCondition[] {
  return (alert.filters as unknown as SegmentCondition[] | null) ?? [];
}

/** The alert counts the event: its meter, a customer it watches, values matching its filters. */
function counts(alert: WatchedAlert, e: IngestedEvent): boolean {
  if (e.meter.id !== alert.meterId || (alert.customerId !== null && alert.customerId !== e.customer.id)) return false;
  const filters = alertFilters(alert);
  return (
    filters.length === 0 || matchesConditions(valuesByKey(e.meter.dimensionPayloadKeys, e.dimensions ?? []), filters)
  );
}

const reached = (alert: WatchedAlert, value: Decimal) =>
  reachesThreshold(alert.type, value, toDecimal(alert.threshold.toFixed()));

/**
 * Adds the new events each USAGE alert counts (of customers it watches, not yet triggered: ONE_TIME
 * those received after its creation, EVERY_PERIOD those in the customer's current period) to its
 * running aggregates; returns the pairs that now reach their threshold. The events come as the
 * caller stored them, not read back. An EVERY_PERIOD aggregate new or of an earlier period is set
 * from a read of the period's usage, under the pair's row lock, so it also counts what was stored
 * before.
 */
async function usageCrossings(
  tx: Db,
  scope: Scope,
  alerts: WatchedAlert[],
  events: readonly IngestedEvent[],
  nowOf: (customerId: string) => Date,
  known: KnownSubscriptions,
): Promise<Crossing[]> {
  const periodic = alerts.filter((a) => a.recurrence === "EVERY_PERIOD");
  const periodOf =
    periodic.length === 0
      ? () => null
      : await billingPeriods(
          tx,
          scope,
          periodic.flatMap((alert) =>
            events.filter((e) => counts(alert, e)).map((e) => ({ meterId: alert.meterId, customerId: e.customer.id })),
          ),
          nowOf,
          known,
        );
  const periods = new Map<string, Period | null>();
  const pairPeriod = (alert: WatchedAlert, customerId: string): Period | null => {
    const key = `${alert.id}:${customerId}`;
    if (!periods.has(key))
      periods.set(key, alert.recurrence === "ONE_TIME" ? null : periodOf(alert.meterId, customerId));
    return periods.get(key)!;
  };
  const counted = alerts.flatMap((alert) =>
    events
      .filter((e) => {
        if (!counts(alert, e)) return false;
        const period = pairPeriod(alert, e.customer.id);
        return period === null ? e.seq > alert.startSeq : e.timestamp >= period.start && e.timestamp < period.end;
      })
      .map((e) => ({ alert, event: e })),
  );
  if (counted.length === 0) return [];
  const store = usageStore(tx, scope);
  const progress = await store.addToAlertProgress(
    counted.map(({ alert, event }) => ({
      alertId: alert.id,
      customerId: event.customer.id,
      value: event.value,
      timestamp: event.timestamp,
      seq: event.seq,
      period: pairPeriod(alert, event.customer.id),
    })),
    ONE_TIME_PERIOD,
  );
  const byId = new Map(alerts.map((a) => [a.id, a]));
  // All issued at once: one round trip for the pairs' reads, not one each (PostgreSQL).
  const read = await Promise.all(
    progress
      .filter((row) => row.partial === null)
      .map(async (row) => {
        const alert = byId.get(row.alertId)!;
        const period = pairPeriod(alert, row.customerId)!;
        const q = { meterId: alert.meterId, customerId: row.customerId, start: period.start, end: period.end };
        return { ...row, period, partial: await selectedUsage(store, q, alert) };
      }),
  );
  await store.setAlertProgress(read);
  const partials = new Map(read.map((row) => [`${row.alertId}:${row.customerId}`, row.partial]));
  return progress.flatMap((row) => {
    const alert = byId.get(row.alertId)!;
    const partial = row.partial ?? partials.get(`${row.alertId}:${row.customerId}`)!;
    const value = finalizeAggregate(partial, alert.meter.aggregation);
    const periodStart = pairPeriod(alert, row.customerId)?.start ?? ONE_TIME_PERIOD;
    return reached(alert, value) ? [{ alert, customerId: row.customerId, value, periodStart }] : [];
  });
}

/** The periods of a customer's active subscription with a price on a meter. */
interface SubscribedMeter {
  customerId: string;
  meterId: string;
  startDate: Date;
  billingCycleAnchor: Date;
  interval: RecurringInterval;
  intervalCount: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialEnd: Date | null;
}

/** Billing subscriptions already loaded (the ingest's spend watch), oldest first, and the customers all of whose they are. */
export interface KnownSubscriptions {
  customers: ReadonlySet<string>;
  subscriptions: readonly BillableSubscription[];
}

/**
 * Each customer's billing period for each meter at the customer's now (one query for all, none
 * when every customer's subscriptions are known); also live usage's period.
 */
export async function billingPeriods(
  tx: Db,
  scope: Scope,
  pairs: ReadonlyArray<{ meterId: string; customerId: string }>,
  nowOf: (customerId: string) => Date,
  known?: KnownSubscriptions,
): Promise<(meterId: string, customerId: string) => Period> {
  if (known && pairs.every((p) => known.customers.has(p.customerId))) {
    return (meterId, customerId) => {
      // The oldest of the customer's billing subscriptions with a price on the meter, as the query's DISTINCT ON.
      const subscription = known.subscriptions.find(
        (s) => s.customerId === customerId && s.items.some((item) => item.price.meterId === meterId),
      );
      return alertPeriod(subscription && scheduleOf(subscription), nowOf(customerId));
    };
  }
  // DISTINCT ON keeps the oldest subscription of each (customer, meter).
  const rows = await tx.$queryRaw<SubscribedMeter[]>`
    SELECT DISTINCT ON (s."customerId", p."meterId")
           s."customerId", p."meterId", s."startDate", s."billingCycleAnchor", s."interval", s."intervalCount",
           s."currentPeriodStart", s."currentPeriodEnd", s."trialEnd"
    FROM "Subscription" s
    JOIN "SubscriptionItem" i ON ${sameTenant("i", "s")} AND i."subscriptionId" = s."id"
    JOIN "Price" p ON ${sameTenant("p", "i")} AND p."id" = i."priceId"
    WHERE ${scopeClause(scope, "s")} AND s."status" IN (${billingStatusSql})
      AND s."customerId" = ANY(${[...new Set(pairs.map((p) => p.customerId))]}::text[])
      AND p."meterId" = ANY(${[...new Set(pairs.map((p) => p.meterId))]}::text[])
    ORDER BY s."customerId", p."meterId", s."createdAt", s."id"`;
  const subscriptions = new Map(rows.map((row) => [`${row.meterId}:${row.customerId}`, row]));
  return (meterId, customerId) => {
    const now = nowOf(customerId);
    const subscription = subscriptions.get(`${meterId}:${customerId}`);
    return alertPeriod(subscription && scheduleOf(subscription), now);
  };
}

/** Serialises evaluations of the same (alert, customer) pairs; keys taken in sorted order. */
async function lockPairs(tx: Db, keys: string[]): Promise<void> {
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtext(k.key)))::int AS locked
    FROM (SELECT unnest(${[...new Set(keys)].sort()}::text[]) AS key ORDER BY 1) k`;
}

/** Money alerts (EVERY_PERIOD) not yet triggered this period whose value now reaches the threshold. */
async function periodCrossings(
  tx: Db,
  scope: Scope,
  alerts: WatchedAlert[],
  events: readonly IngestedEvent[],
  nowOf: (customerId: string) => Date,
  moneyValue: MoneyValues,
  known?: KnownSubscriptions,
): Promise<Crossing[]> {
  if (alerts.length === 0) return [];
  const seen = new Set<string>();
  const pairs = alerts.flatMap((alert) =>
    events.flatMap((e) => {
      const key = `${alert.id}:${e.customer.id}`;
      if (!counts(alert, e) || seen.has(key)) return [];
      seen.add(key);
      return [{ alert, meterId: alert.meterId, customerId: e.customer.id, key: `alert:${key}` }];
    }),
  );
  return pairCrossings(tx, scope, pairs, nowOf, moneyValue, known);
}

/** An EVERY_PERIOD alert and a customer it watches, with the key of their advisory lock. */
interface AlertPair {
  alert: WatchedAlert;
  meterId: string;
  customerId: string;
  key: string;
}

/** The pairs not yet triggered this period whose money value now reaches the threshold. */
async function pairCrossings(
  tx: Db,
  scope: Scope,
  pairs: AlertPair[],
  nowOf: (customerId: string) => Date,
  moneyValue: MoneyValues,
  known?: KnownSubscriptions,
): Promise<Crossing[]> {
  // A pair whose value is settled below its threshold cannot cross: it needs neither lock nor check.
  const live = pairs.filter((p) => {
    const value = moneyValue.settled(p.alert, p.customerId, nowOf(p.customerId));
    return value === undefined || (value !== null && reached(p.alert, value));
  });
  if (live.length === 0) return [];
  const periodOf = await billingPeriods(tx, scope, live, nowOf, known);
  // The pairs are locked first and checked in the same round trip: a pair triggered already is
  // locked for nothing, but each evaluation costs one round trip less.
  const [, open] = await Promise.all([
    lockPairs(
      tx,
      live.map((p) => p.key),
    ),
    notYetTriggered(
      tx,
      scope,
      live.map((p) => ({ ...p, period: periodOf(p.meterId, p.customerId) })),
    ),
  ]);
  if (open.length === 0) return [];

  // All issued at once: one round trip for the batch's customers, not one each (PostgreSQL).
  const values = await Promise.all(open.map((p) => moneyValue.value(p.alert, p.customerId, nowOf(p.customerId))));
  return open.flatMap((p, i) => {
    const value = values[i];
    return value != null && reached(p.alert, value)
      ? [{ alert: p.alert, customerId: p.customerId, value, periodStart: p.period.start }]
      : [];
  });
}

/** The pairs without a trigger for their period yet (one query). */
async function notYetTriggered<P extends { alert: WatchedAlert; customerId: string; period: Period }>(
  tx: Db,
  scope: Scope,
  pairs: P[],
): Promise<P[]> {
  const open = await tx.$queryRaw<Array<{ ord: bigint }>>`
    SELECT p.ord
    FROM unnest(${pairs.map((p) => p.alert.id)}::text[], ${pairs.map((p) => p.customerId)}::text[],
                ${pairs.map((p) => p.period.start.toISOString())}::timestamptz[]) WITH ORDINALITY AS p("alertId", "customerId", "periodStart", ord)
    WHERE NOT EXISTS (
      SELECT 1 FROM "AlertTrigger" t
      WHERE t."alertId" = p."alertId" AND t."customerId" = p."customerId" AND t."periodStart" = p."periodStart"
        AND ${scopeClause(scope, "t")}
    )
    ORDER BY p.ord`;
  return open.map((row) => pairs[Number(row.ord) - 1]!);
}

/** Inserts the triggers (those another transaction stored first are skipped) and records their events. */
async function storeTriggers(
  tx: Db,
  scope: Scope,
  crossings: Crossing[],
  nowOf: (customerId: string) => Date,
): Promise<AlertTrigger[]> {
  if (crossings.length === 0) return [];
  // One insertion order for every transaction, so that racing inserts wait on each other without deadlock.
  const key = (c: Crossing) => `${c.alert.id} ${c.customerId}`;
  const sorted = [...crossings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const triggers = await tx.$queryRaw<AlertTrigger[]>`
    WITH inserted AS (
      INSERT INTO "AlertTrigger" ("id", "accountId", "mode", "alertId", "customerId", "value", "periodStart", "triggeredAt")
      SELECT t."id", ${scope.accountId}, ${scope.mode}::"Mode", t."alertId", t."customerId", t."value", t."periodStart", t."triggeredAt"
      FROM unnest(
        ${sorted.map(() => newId("AlertTrigger"))}::text[], ${sorted.map((c) => c.alert.id)}::text[],
        ${sorted.map((c) => c.customerId)}::text[], ${sorted.map((c) => c.value.toFixed())}::numeric[],
        ${sorted.map((c) => c.periodStart.toISOString())}::timestamptz[],
        ${sorted.map((c) => nowOf(c.customerId).toISOString())}::timestamptz[]
      ) WITH ORDINALITY AS t("id", "alertId", "customerId", "value", "periodStart", "triggeredAt", ord)
      ORDER BY t.ord
      ON CONFLICT ("accountId", "mode", "alertId", "customerId", "periodStart") DO NOTHING
      RETURNING *
    )
    SELECT * FROM inserted ORDER BY "alertId", "customerId"`;
  const alerts = new Map(crossings.map((c) => [c.alert.id, c.alert]));
  await recordEvents(
    tx,
    scope,
    "billing.alert.triggered",
    triggers.map((t) => alertTriggerEventData(t, alerts.get(t.alertId)!)),
  );
  return triggers;
}

/** The partial aggregate of the events of `q` that an alert counts (its filters), from the usage per combination. */
async function selectedUsage(store: UsageStore, q: UsageQuery, alert: WatchedAlert): Promise<PartialAggregate> {
  const rows = await store.usageByCombination(q, null, alert.meter.aggregation);
  const combinations = rows.map((r) => ({
    values: valuesByKey(alert.meter.dimensionPayloadKeys, r.values),
    partial: r.partial,
  }));
  const selection = { filters: alertFilters(alert).map((f) => ({ dimension: f.dimension, values: [f.value] })) };
  return selectedPartial(combinations, selection);
}
