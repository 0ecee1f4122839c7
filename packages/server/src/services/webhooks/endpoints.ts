// Webhook endpoints (docs/concepts/webhooks.md#endpoints): where events are POSTed, and which. The signing secret is returned
// by createWebhookEndpoint only; it is kept (every delivery is signed with it) but never shown again.
import type { Tenant } from "../../context.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { WebhookEndpoint } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import type { Tx } from "../../db/transaction.js";
import { ALL_EVENTS, EVENT_TYPES, isEventType } from "../event-log/record.js";
import { privateAddressOf } from "./destination.js";
import { newWebhookSecret } from "./signing.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreateWebhookEndpointInput {
  url: string;
  enabledEvents: readonly string[];
  description?: string | null;
}

export interface UpdateWebhookEndpointInput {
  id: string;
  url?: string | null;
  enabledEvents?: readonly string[] | null;
  description?: string | null;
  /** true stops deliveries (pending ones are given up); false resumes them for new events. */
  disabled?: boolean | null;
}

const MAX_URL_LENGTH = 2048;
const MAX_DESCRIPTION_LENGTH = 500;

/** A well-formed URL the server may deliver to in this mode (destination.ts). */
async function validUrl(url: string, tenant: Tenant, allowPrivate: boolean): Promise<string> {
  const field = ["input", "url"];
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new InvalidInputError(`Not a URL: ${url}`, field);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new InvalidInputError(`A webhook URL must be http or https; got ${parsed.protocol.slice(0, -1)}`, field);
  }
  if (parsed.username || parsed.password) throw new InvalidInputError("A webhook URL may not carry credentials", field);
  if (parsed.href.length > MAX_URL_LENGTH)
    throw new InvalidInputError(`A webhook URL has at most ${MAX_URL_LENGTH} characters`, field);
  const plainLive = tenant.scope.mode === "live" && parsed.protocol !== "https:";
  const privateAddress = !allowPrivate || plainLive ? await privateAddressOf(parsed) : null;
  if (privateAddress && !allowPrivate) {
    throw new InvalidInputError(
      `A webhook URL may not point at a private, loopback or link-local address (${parsed.hostname} is ${privateAddress}); the server allows them only with TALLY_WEBHOOK_ALLOW_PRIVATE=true`,
      field,
    );
  }
  // Live events cross the internet only encrypted; inside a network the server may reach, http is
  // the operator's choice.
  if (plainLive && !privateAddress) throw new InvalidInputError("A live-mode webhook URL must use https", field);
  return parsed.href;
}

/** Known event types or "*" (every type, including those added later); duplicates removed. */
function validEnabledEvents(types: readonly string[]): string[] {
  if (types.length === 0)
    throw new InvalidInputError(`enabledEvents needs at least one event type, or "${ALL_EVENTS}"`, [
      "input",
      "enabledEvents",
    ]);
  types.forEach((type, i) => {
    if (type !== ALL_EVENTS && !isEventType(type)) {
      throw new InvalidInputError(`Unknown event type ${type}; known: ${EVENT_TYPES.join(", ")}, or "${ALL_EVENTS}"`, [
        "input",
        "enabledEvents",
        String(i),
      ]);
    }
  });
  return types.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(types)];
}

function validDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() || null;
  if (trimmed && trimmed.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidInputError(`description has at most ${MAX_DESCRIPTION_LENGTH} characters`, [
      "input",
      "description",
    ]);
  }
  return trimmed;
}

export async function createWebhookEndpoint(
  tenant: Tenant,
  input: CreateWebhookEndpointInput,
  allowPrivate: boolean,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = await validUrl(input.url, tenant, allowPrivate);
  const enabledEvents = validEnabledEvents(input.enabledEvents);
  const description = validDescription(input.description);
  const secret = newWebhookSecret();
  const endpoint = await tenant.prisma.webhookEndpoint.create({
    data: { id: newId("WebhookEndpoint"), ...tenant.scope, url, enabledEvents, description, secret },
  });
  return { endpoint, secret };
}

/** Pending deliveries of an endpoint that stops receiving are given up, not held back for later. */
async function giveUpPending(tx: Tx, endpointId: string, reason: string): Promise<void> {
  await tx.webhookDelivery.updateMany({
    where: { endpointId, status: "PENDING" },
    data: { status: "FAILED", lastError: reason },
  });
}

export async function updateWebhookEndpoint(
  tenant: Tenant,
  input: UpdateWebhookEndpointInput,
  allowPrivate: boolean,
): Promise<WebhookEndpoint> {
  const url = input.url != null ? await validUrl(input.url, tenant, allowPrivate) : undefined;
  const enabledEvents = input.enabledEvents != null ? validEnabledEvents(input.enabledEvents) : undefined;
  const description = input.description !== undefined ? validDescription(input.description) : undefined;
  const status = input.disabled == null ? undefined : input.disabled ? "DISABLED" : "ENABLED";
  return tenant.prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: input.id, deletedAt: null },
      data: { url, enabledEvents, description, status },
    });
    if (count === 0) throw new NotFoundError(`No webhook endpoint ${input.id}`, ["input", "id"]);
    if (status === "DISABLED") await giveUpPending(tx, input.id, "The endpoint was disabled before delivery");
    return tx.webhookEndpoint.findUniqueOrThrow({ where: byId(tenant.scope, input.id) });
  });
}

/** Deleted endpoints disappear from the API; their past deliveries stay in the outbox's history. */
export async function deleteWebhookEndpoint(tenant: Tenant, id: string, now: Date): Promise<WebhookEndpoint> {
  return tenant.prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: now, status: "DISABLED" },
    });
    if (count === 0) throw new NotFoundError(`No webhook endpoint ${id}`, ["input", "id"]);
    await giveUpPending(tx, id, "The endpoint was deleted before delivery");
    return tx.webhookEndpoint.findUniqueOrThrow({ where: byId(tenant.scope, id) });
  });
}
