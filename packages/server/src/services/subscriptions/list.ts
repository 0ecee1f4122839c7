// Subscription lists (subscriptions, Customer.subscriptions): newest first, keyset-paged after or
// before a subscription's id, read with one direct statement. With the rows the page's nodes load
// by id (db/row-loaders.ts), a dashboard's page of subscriptions with customers, items and prices
// is one short statement per type and none of Prisma's per-query planning.
import type { Tenant } from "../../context.js";
import { Prisma, type Subscription, type SubscriptionStatus } from "../../generated/prisma/client.js";

export interface SubscriptionFilter {
  customerId?: string | null;
  status?: SubscriptionStatus | null;
}

/** A page as Relay arguments describe it (the cursor is a subscription id; inverted: from the end). */
export interface SubscriptionPage {
  after?: string;
  before?: string;
  limit: number;
  inverted: boolean;
}

export async function listSubscriptions(tenant: Tenant, filter: SubscriptionFilter, page: SubscriptionPage): Promise<Subscription[]> {
  const inScope = Prisma.sql`"accountId" = ${tenant.scope.accountId} AND "mode" = ${tenant.scope.mode}::"Mode"`;
  // A cursor naming nothing this tenant sees compares with NULL: an empty page.
  const positionOf = (id: string) => Prisma.sql`(SELECT "createdAt", "id" FROM "Subscription" WHERE "id" = ${id} AND ${inScope})`;
  const conditions = [
    inScope,
    ...(filter.customerId ? [Prisma.sql`"customerId" = ${filter.customerId}`] : []),
    ...(filter.status ? [Prisma.sql`"status" = ${filter.status}::"SubscriptionStatus"`] : []),
    // Newest first: later pages hold older subscriptions.
    ...(page.after ? [Prisma.sql`("createdAt", "id") < ${positionOf(page.after)}`] : []),
    ...(page.before ? [Prisma.sql`("createdAt", "id") > ${positionOf(page.before)}`] : []),
  ];
  const direction = page.inverted ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return tenant.sql.$queryRaw<Subscription[]>`
    SELECT * FROM "Subscription" WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY "createdAt" ${direction}, "id" ${direction}
    LIMIT ${page.limit}`;
}
