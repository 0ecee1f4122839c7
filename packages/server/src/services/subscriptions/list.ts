// Subscription lists (subscriptions, Customer.subscriptions): newest first, keyset-paged after or
// before a subscription's id, read with one direct statement. With the rows the page's nodes load
// by id (schema/loaders/row-loaders.ts), a dashboard's page of subscriptions with customers, items and prices
// is a few short statements and none of Prisma's per-query planning.
import type { Tenant } from "../../context.js";
import { scopeClause } from "../../db/tenant-scope.js";
import { selectWith, Table } from "../../schema/loaders/joined-rows.js";
import { Prisma, type Subscription, type SubscriptionStatus } from "../../generated/prisma/client.js";

export interface SubscriptionFilter {
  customerId?: string | null;
  status?: SubscriptionStatus | null;
}

/** A page as Relay arguments describe it (the cursor is a subscription id; inverted: from the end). */
interface SubscriptionPage {
  after?: string;
  before?: string;
  limit: number;
  inverted: boolean;
}

const SUBSCRIPTION = new Table<Subscription>("Subscription", "s");

export async function listSubscriptions(
  tenant: Tenant,
  filter: SubscriptionFilter,
  page: SubscriptionPage,
): Promise<Subscription[]> {
  const s = SUBSCRIPTION;
  // A cursor naming nothing this tenant sees compares with NULL: an empty page.
  const positionOf = (id: string) =>
    Prisma.sql`(SELECT "createdAt", "id" FROM "Subscription" WHERE "id" = ${id} AND ${scopeClause(tenant.scope)})`;
  const conditions = [
    s.inScope(tenant.scope),
    ...(filter.customerId ? [Prisma.sql`${s.ref("customerId")} = ${filter.customerId}`] : []),
    ...(filter.status ? [Prisma.sql`${s.ref("status")} = ${filter.status}::"SubscriptionStatus"`] : []),
    // Newest first: later pages hold older subscriptions.
    ...(page.after ? [Prisma.sql`(${s.ref("createdAt")}, ${s.ref("id")}) < ${positionOf(page.after)}`] : []),
    ...(page.before ? [Prisma.sql`(${s.ref("createdAt")}, ${s.ref("id")}) > ${positionOf(page.before)}`] : []),
  ];
  const direction = page.inverted ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await tenant.sql.$queryRaw<Array<Record<string, unknown>>>`
    ${selectWith(s, [], tenant.scope)} WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${s.ref("createdAt")} ${direction}, ${s.ref("id")} ${direction}
    LIMIT ${page.limit}`;
  return rows.map((row) => s.take(row)!);
}
