// "Already invoiced": an event is refused (on ingest) and can no longer be cancelled when every
// subscription that bills its meter for its customer at its timestamp has invoiced it: its
// timestamp falls in the usage period of a finalized (OPEN or PAID) invoice of its customer with a
// USAGE line whose price has the event's meter, and no active subscription of the customer with an
// item on that meter has a current period that starts at or before it (such a period is still open,
// so that subscription bills the event at its end) — for an item whose price started inside the
// period, from that instant (docs/concepts/subscriptions.md#metered-items-and-changes). So usage is never billed twice by one
// subscription item, nor dropped from one whose period is open (docs/concepts/meter-events.md).
// First invoices (SUBSCRIPTION_CREATE) bill no usage: CLASSIC mode's zero USAGE lines on them are
// placeholders for the period that is just starting, not invoiced usage.
// The periods are kept apart, by customer and meter (InvoicedUsagePeriod), so that ingest checks an
// event with one index lookup however many invoices its customer has: looking through the invoices
// and their lines made a 1000-event batch 3× slower at 36 invoices a customer, 22× at 365.
import type { Scope } from "../../db/tenant-scope.js";
import { MeterEventError } from "../../errors.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/transaction.js";

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

/** EVENT_ALREADY_INVOICED, for an event refused on ingest or whose cancellation is. */
export function alreadyInvoicedError(timestamp: Date, field: string[] | null): MeterEventError {
  return new MeterEventError(
    "EVENT_ALREADY_INVOICED",
    `timestamp ${timestamp.toISOString()} falls in a usage period already invoiced by every subscription that bills it`,
    field,
  );
}

type EventColumns = { customerId: Prisma.Sql; meterId: Prisma.Sql; timestamp: Prisma.Sql };

function inInvoicedUsagePeriod(scope: Scope, event: EventColumns): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "InvoicedUsagePeriod" p
    WHERE p."customerId" = ${event.customerId} AND p."meterId" = ${event.meterId}
      AND ${event.timestamp} < p."periodEnd" AND p."periodStart" <= ${event.timestamp}
      AND p."accountId" = ${scope.accountId} AND p."mode" = ${scope.mode}::"Mode"
  )`;
}

function billedByAnOpenPeriod(scope: Scope, event: EventColumns): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Subscription" s
    JOIN "SubscriptionItem" si ON si."subscriptionId" = s."id"
    JOIN "Price" price ON price."id" = si."priceId"
    WHERE s."customerId" = ${event.customerId} AND s."status" = 'ACTIVE'
      AND GREATEST(s."currentPeriodStart", si."usageStart") <= ${event.timestamp} AND price."meterId" = ${event.meterId}
      AND s."accountId" = ${scope.accountId} AND s."mode" = ${scope.mode}::"Mode"
  )`;
}

/**
 * SQL condition: the event given by these column expressions is already invoiced (see above). The
 * open-period test runs only for events in an invoiced period, which are rare.
 */
export function alreadyInvoiced(scope: Scope, event: EventColumns): Prisma.Sql {
  return Prisma.sql`(${inInvoicedUsagePeriod(scope, event)} AND NOT ${billedByAnOpenPeriod(scope, event)})`;
}

export interface EventInPeriod {
  customerId: string;
  meterId: string;
  timestamp: Date;
}

/** The positions of `events` that are already invoiced. */
export async function findInvoiced(db: Db, scope: Scope, events: EventInPeriod[]): Promise<Set<number>> {
  if (events.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ ord: bigint }>>`
    SELECT e.ord
    FROM unnest(${events.map((e) => e.customerId)}::text[], ${events.map((e) => e.meterId)}::text[],
                ${events.map((e) => e.timestamp.toISOString())}::timestamptz[]) WITH ORDINALITY AS e("customerId", "meterId", "timestamp", ord)
    WHERE ${alreadyInvoiced(scope, { customerId: Prisma.sql`e."customerId"`, meterId: Prisma.sql`e."meterId"`, timestamp: Prisma.sql`e."timestamp"` })}`;
  return new Set(rows.map((r) => Number(r.ord) - 1));
}

/** Of the events at positions `among` (in `events`), those already invoiced, by position. */
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
