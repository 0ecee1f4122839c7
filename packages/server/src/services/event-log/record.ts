// The event log (docs/concepts/webhooks.md#events): one append-only row per state change of note, and — in the same
// transaction, so an event is announced exactly when its change commits — one outbox row per
// webhook endpoint subscribed to it. The dispatcher (services/webhooks/dispatcher.ts) delivers them.
import type { Db } from "../../db/transaction.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Event } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";

export const EVENT_TYPES = [
  "invoice.created",
  "invoice.finalized",
  "invoice.deleted",
  "invoice.paid",
  "invoice.voided",
  "invoice.marked_uncollectible",
  "credit_note.created",
  "credit_note.voided",
  "billing.alert.triggered",
  "billing.credit_grant.created",
  "billing.credit_grant.voided",
  "billing.credit_balance.recharged",
  "billing.meter.created",
  "billing.meter.deactivated",
  "billing.meter.reactivated",
  "meter_event.rejected",
  "billing.spend_cap.reached",
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.trial_will_end",
  "coupon.created",
  "coupon.deleted",
  "promotion_code.created",
  "promotion_code.updated",
  "tax_rate.created",
  "tax_rate.updated",
] as const;

type EventType = (typeof EVENT_TYPES)[number];

/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENTS = "*";

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Appends an event to the account's log and, in the same transaction, an outbox row for every
 * enabled webhook endpoint subscribed to its type. `db` is the caller's transaction (Prisma's or a
 * plain SQL one). An update event carries the changed fields' earlier values in `previousAttributes`.
 */
export async function recordEvent(
  db: Db,
  scope: Scope,
  type: EventType,
  data: Record<string, unknown>,
  previousAttributes: Record<string, unknown> | null = null,
): Promise<Event> {
  const [event] = await recordEvents(db, scope, type, [data], [previousAttributes]);
  return event!;
}

/**
 * recordEvent for several events of one type, in list order: one statement for the events (which
 * also finds the subscribed endpoints) and, if any endpoint is subscribed, one for the outbox rows.
 * createdAt is the time of recording, as Prisma's default set it (not the transaction's start, which
 * a long transaction would leave far behind its events' seq).
 */
export async function recordEvents(
  db: Db,
  scope: Scope,
  type: EventType,
  data: Array<Record<string, unknown>>,
  previousAttributes: Array<Record<string, unknown> | null> = data.map(() => null),
): Promise<Event[]> {
  if (data.length === 0) return [];
  const rows = await db.$queryRaw<Array<Event & { endpointIds: string[] }>>`
    WITH inserted AS (
      INSERT INTO "Event" ("id", "accountId", "mode", "type", "data", "previousAttributes", "createdAt")
      SELECT e."id", ${scope.accountId}, ${scope.mode}::"Mode", ${type}, e."data", nullif(e."previous", 'null'::jsonb), statement_timestamp()
      FROM ROWS FROM (
        unnest(${data.map(() => newId("Event"))}::text[]),
        jsonb_array_elements(${JSON.stringify(data)}::jsonb),
        jsonb_array_elements(${JSON.stringify(previousAttributes)}::jsonb)
      ) AS e("id", "data", "previous")
      RETURNING *
    )
    SELECT i.*, (
      SELECT coalesce(array_agg(w."id" ORDER BY w."id"), '{}')
      FROM "WebhookEndpoint" w
      WHERE ${scopeClause(scope, "w")} AND w."status" = 'ENABLED'
        AND w."deletedAt" IS NULL AND w."enabledEvents" && ${[type, ALL_EVENTS]}::text[]
    ) AS "endpointIds"
    FROM inserted i
    ORDER BY i."seq"`;
  const events = rows.map(({ endpointIds: _, ...event }) => event);
  await enqueueDeliveries(db, scope, rows[0]!.endpointIds, events);
  return events;
}

/** One outbox row per (endpoint, event), due at once (the dispatcher claims attempts = 0 regardless of the time). */
async function enqueueDeliveries(db: Db, scope: Scope, endpointIds: string[], events: Event[]): Promise<void> {
  if (endpointIds.length === 0) return;
  const pairs = endpointIds.flatMap((endpointId) => events.map((event) => ({ endpointId, event })));
  await db.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "accountId", "mode", "endpointId", "eventId", "nextAttemptAt")
    SELECT d."id", ${scope.accountId}, ${scope.mode}::"Mode", d."endpointId", d."eventId", d."nextAttemptAt"
    FROM unnest(
      ${pairs.map(() => newId("WebhookDelivery"))}::text[], ${pairs.map((p) => p.endpointId)}::text[],
      ${pairs.map((p) => p.event.id)}::text[], ${pairs.map((p) => p.event.createdAt.toISOString())}::timestamptz[]
    ) AS d("id", "endpointId", "eventId", "nextAttemptAt")`;
}
