// The event log (SPEC §9): one append-only row per state change of note, and — in the same
// transaction, so an event is announced exactly when its change commits — one outbox row per
// webhook endpoint subscribed to it. The dispatcher (services/webhooks/dispatcher.ts) delivers them.
import type { Scope } from "../../db/tenant.js";
import type { Event } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import type { Tx } from "../billing-cycle/locks.js";

export const EVENT_TYPES = [
  "invoice.created",
  "invoice.finalized",
  "billing.alert.triggered",
  "billing.credit_grant.created",
  "billing.credit_grant.voided",
  "billing.meter.created",
  "billing.meter.deactivated",
  "billing.meter.reactivated",
  "customer.created",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Subscribes an endpoint to every event type, present and future. */
export const ALL_EVENTS = "*";

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Appends an event to the account's log and, in the same transaction, an outbox row for every
 * enabled webhook endpoint subscribed to its type. `at` defaults to the database's now.
 */
export async function recordEvent(tx: Tx, scope: Scope, type: EventType, data: Record<string, unknown>, at?: Date): Promise<Event> {
  const event = await tx.event.create({
    data: { id: newId("Event"), ...scope, type, data: data as object, ...(at ? { createdAt: at } : {}) },
  });
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { ...scope, status: "ENABLED", deletedAt: null, enabledEvents: { hasSome: [type, ALL_EVENTS] } },
    select: { id: true },
  });
  if (endpoints.length > 0) {
    await tx.webhookDelivery.createMany({
      // A fresh delivery is due at once (the dispatcher claims attempts = 0 regardless of the time).
      data: endpoints.map((endpoint) => ({
        id: newId("WebhookDelivery"), ...scope, endpointId: endpoint.id, eventId: event.id, nextAttemptAt: event.createdAt,
      })),
    });
  }
  return event;
}
