// "Already invoiced": an event's timestamp falls in the usage period of a finalized (OPEN or PAID)
// invoice of its customer with a USAGE line whose price has the event's meter. Such usage can no
// longer be billed, so new events there are refused and existing ones cannot be cancelled.
// First invoices (SUBSCRIPTION_CREATE) bill no usage: CLASSIC mode's zero USAGE lines on them are
// placeholders for the period that is just starting, not invoiced usage.
// The periods are kept apart, by customer and meter (InvoicedUsagePeriod), so that ingest checks an
// event with one index lookup however many invoices its customer has: looking through the invoices
// and their lines made a 1000-event batch 3× slower at 36 invoices a customer, 22× at 365.
import type { Scope } from "../../db/tenant.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../usage.js";

/**
 * Records the usage periods of invoice `invoiceId`, stored finalized in this transaction: one per
 * meter and period of its USAGE lines, none for a first invoice.
 */
export async function recordInvoicedPeriods(tx: Db, scope: Scope, invoiceId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "InvoicedUsagePeriod" ("accountId", "mode", "customerId", "meterId", "periodEnd", "periodStart", "invoiceId")
    SELECT DISTINCT inv."accountId", inv."mode", inv."customerId", price."meterId", line."periodEnd", line."periodStart", inv."id"
    FROM "Invoice" inv
    JOIN "InvoiceLine" line ON line."invoiceId" = inv."id"
    JOIN "Price" price ON price."id" = line."priceId"
    WHERE inv."id" = ${invoiceId} AND inv."accountId" = ${scope.accountId} AND inv."mode" = ${scope.mode}::"Mode"
      AND inv."status" IN ('OPEN', 'PAID') AND inv."billingReason" <> 'SUBSCRIPTION_CREATE'
      AND line."kind" = 'USAGE' AND price."meterId" IS NOT NULL`;
}

/** SQL condition: the event given by these column expressions is in an invoiced usage period. */
export function inInvoicedPeriod(
  scope: Scope,
  event: { customerId: Prisma.Sql; meterId: Prisma.Sql; timestamp: Prisma.Sql },
): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "InvoicedUsagePeriod" p
    WHERE p."customerId" = ${event.customerId} AND p."meterId" = ${event.meterId}
      AND ${event.timestamp} < p."periodEnd" AND p."periodStart" <= ${event.timestamp}
      AND p."accountId" = ${scope.accountId} AND p."mode" = ${scope.mode}::"Mode"
  )`;
}

export interface EventInPeriod {
  customerId: string;
  meterId: string;
  timestamp: Date;
}

/** The positions of `events` that fall in an invoiced usage period. */
export async function findInvoiced(db: Db, scope: Scope, events: EventInPeriod[]): Promise<Set<number>> {
  if (events.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ ord: bigint }>>`
    SELECT e.ord
    FROM unnest(${events.map((e) => e.customerId)}::text[], ${events.map((e) => e.meterId)}::text[],
                ${events.map((e) => e.timestamp.toISOString())}::timestamptz[]) WITH ORDINALITY AS e("customerId", "meterId", "timestamp", ord)
    WHERE ${inInvoicedPeriod(scope, { customerId: Prisma.sql`e."customerId"`, meterId: Prisma.sql`e."meterId"`, timestamp: Prisma.sql`e."timestamp"` })}`;
  return new Set(rows.map((r) => Number(r.ord) - 1));
}

/** Of the events at positions `among` (in `events`), those in an invoiced usage period, by position. */
export async function invoicedAmong(
  db: Db,
  scope: Scope,
  events: ReadonlyArray<{ customer: { id: string }; meter: { id: string }; timestamp: Date }>,
  among: number[],
): Promise<Set<number>> {
  const found = await findInvoiced(
    db,
    scope,
    among.map((i) => ({
      customerId: events[i]!.customer.id,
      meterId: events[i]!.meter.id,
      timestamp: events[i]!.timestamp,
    })),
  );
  return new Set([...found].map((position) => among[position]!));
}
