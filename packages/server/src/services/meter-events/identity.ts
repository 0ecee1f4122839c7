// Event identity and duplicates (docs/concepts/meter-events.md#duplicates): an identifier (given,
// or a generated UUID) names one event per account and mode for as long as it is kept. A second
// event under a stored identifier is never counted: the store's unique constraint decides, also
// between concurrent requests, and within one list the first event of an identifier wins.
import { randomUUID } from "node:crypto";
import type { Tenant } from "../../context.js";
import { InvalidInputError, type MeterEventError } from "../../errors.js";
import { IdentifierTaken, type OnDuplicate, usageStore } from "../../usage-store/index.js";
import { duplicateEvent } from "./errors.js";

const MAX_IDENTIFIER_LENGTH = 100;

/** The event's identifier: the one given (1–100 characters), else a new UUID. */
export function eventIdentifier(identifier: string | null | undefined, field: string[]): string {
  const id = identifier ?? randomUUID();
  if (id.length < 1 || id.length > MAX_IDENTIFIER_LENGTH) {
    throw new InvalidInputError(`identifier must be 1–${MAX_IDENTIFIER_LENGTH} characters`, [...field, "identifier"]);
  }
  return id;
}

/**
 * Runs `store`, a transaction that stores `events`, with taken identifiers failing it and, if one
 * was taken (by a stored event or a concurrent request's), once more with them skipped; the failed
 * transaction was rolled back, it stored nothing. A list that repeats an identifier itself skips
 * them from the start.
 */
export async function retryingDuplicates<T>(
  events: ReadonlyArray<{ identifier: string }>,
  store: (onDuplicate: OnDuplicate) => Promise<T>,
): Promise<T> {
  if (new Set(events.map((e) => e.identifier)).size < events.length) return store("skip");
  try {
    return await store("fail");
  } catch (error) {
    if (!(error instanceof IdentifierTaken)) throw error;
    return store("skip");
  }
}

/** DUPLICATE_EVENT with the stored event (committed, since the unique constraint saw it). */
export async function duplicateOf(tenant: Tenant, identifier: string, field: string[]): Promise<MeterEventError> {
  const existing = await usageStore(tenant.sql, tenant.scope).eventByIdentifier(identifier);
  return duplicateEvent(identifier, existing!, field);
}
