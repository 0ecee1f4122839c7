// The already-invoiced rule (docs/concepts/meter-events.md#already-invoiced): an event is already
// invoiced when every subscription that bills its meter for its customer at its timestamp has
// invoiced it: its timestamp falls in the usage period of a finalized (OPEN or PAID) invoice of its
// customer with a USAGE line whose price has the event's meter, and no active or trialing subscription of the
// customer with an item on that meter has a current period that starts at or before it (such a
// period is still open, so that subscription bills the event at its end; for an item whose price
// started inside the period, from that instant: docs/concepts/subscriptions.md#metered-items-and-changes). First invoices
// (SUBSCRIPTION_CREATE) bill no usage: CLASSIC mode's zero USAGE lines on them are placeholders for
// the period that is just starting, not invoiced usage.
// The periods are kept apart, by customer and meter (InvoicedUsagePeriod), so that ingest checks an
// event with one index lookup however many invoices its customer has.
import { sameTenant, scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import { billingStatusSql } from "../../db/billing-status.js";
import type { UsageInstant } from "../store.js";

/**
 * Seals the usage periods of invoices `invoiceIds`, stored finalized in this transaction: one per
 * invoice, meter and period of its USAGE lines, none for a first invoice.
 */
export async function sealInvoicedPeriods(tx: Db, scope: Scope, invoiceIds: readonly string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "InvoicedUsagePeriod" ("accountId", "mode", "customerId", "meterId", "periodEnd", "periodStart", "invoiceId")
    SELECT DISTINCT inv."accountId", inv."mode", inv."customerId", price."meterId", line."periodEnd", line."periodStart", inv."id"
    FROM "Invoice" inv
    JOIN "InvoiceLine" line ON ${sameTenant("line", "inv")} AND line."invoiceId" = inv."id"
    JOIN "Price" price ON ${sameTenant("price", "line")} AND price."id" = line."priceId"
    WHERE inv."id" = ANY(${[...invoiceIds]}::text[]) AND ${scopeClause(scope, "inv")}
      AND inv."status" IN ('OPEN', 'PAID') AND inv."billingReason" <> 'SUBSCRIPTION_CREATE'
      AND line."kind" = 'USAGE' AND price."meterId" IS NOT NULL`;
}

/** Unseals the periods of a voided invoice: its usage may be recorded (and cancelled) again. */
export async function releaseInvoicedPeriods(tx: Db, scope: Scope, invoiceId: string): Promise<number> {
  return await tx.$executeRaw`
    DELETE FROM "InvoicedUsagePeriod" WHERE "invoiceId" = ${invoiceId} AND ${scopeClause(scope)}`;
}

type EventColumns = { customerId: Prisma.Sql; meterId: Prisma.Sql; timestamp: Prisma.Sql };

function inInvoicedUsagePeriod(scope: Scope, event: EventColumns): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "InvoicedUsagePeriod" p
    WHERE p."customerId" = ${event.customerId} AND p."meterId" = ${event.meterId}
      AND ${event.timestamp} < p."periodEnd" AND p."periodStart" <= ${event.timestamp}
      AND ${scopeClause(scope, "p")}
  )`;
}

function billedByAnOpenPeriod(scope: Scope, event: EventColumns): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Subscription" s
    JOIN "SubscriptionItem" si ON ${sameTenant("si", "s")} AND si."subscriptionId" = s."id"
    JOIN "Price" price ON ${sameTenant("price", "si")} AND price."id" = si."priceId"
    WHERE s."customerId" = ${event.customerId} AND s."status" IN (${billingStatusSql})
      AND GREATEST(s."currentPeriodStart", si."usageStart") <= ${event.timestamp} AND price."meterId" = ${event.meterId}
      AND ${scopeClause(scope, "s")}
  )`;
}

/**
 * SQL condition: the event given by these column expressions is already invoiced (see above). The
 * open-period test runs only for events in an invoiced period, which are rare.
 */
export function alreadyInvoiced(scope: Scope, event: EventColumns): Prisma.Sql {
  return Prisma.sql`(${inInvoicedUsagePeriod(scope, event)} AND NOT ${billedByAnOpenPeriod(scope, event)})`;
}

/** The positions of `events` that are already invoiced. */
export async function findInvoiced(db: Db, scope: Scope, events: readonly UsageInstant[]): Promise<Set<number>> {
  if (events.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ ord: bigint }>>`
    SELECT e.ord
    FROM unnest(${events.map((e) => e.customerId)}::text[], ${events.map((e) => e.meterId)}::text[],
                ${events.map((e) => e.timestamp.toISOString())}::timestamptz[]) WITH ORDINALITY AS e("customerId", "meterId", "timestamp", ord)
    WHERE ${alreadyInvoiced(scope, { customerId: Prisma.sql`e."customerId"`, meterId: Prisma.sql`e."meterId"`, timestamp: Prisma.sql`e."timestamp"` })}`;
  return new Set(rows.map((r) => Number(r.ord) - 1));
}
