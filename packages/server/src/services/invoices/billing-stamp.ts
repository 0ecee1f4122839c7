// A stamp of everything a customer's billing subscriptions are loaded with (invoices/billable.ts
// billableInclude): the row versions (xmin) of the customer, its test clock, discounts, coupons and
// tax rates, and of each billing subscription with its items, prices, products, meters, tax rates
// and pending items. Any change to one of them (an update, an insert, a delete) changes the stamp,
// so kept-billables.ts can keep customers' subscriptions and check them with this one statement
// instead of loading them again.
import { billingStatusSql } from "../../db/billing-status.js";
import { sameTenant, scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";

/** Each customer's stamp (a customer not found has none). */
export async function billingStamps(
  db: Db,
  scope: Scope,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ customerId: string; stamp: string }>>`
    SELECT c."id" AS "customerId", md5(concat_ws('|',
      c.xmin::text,
      coalesce((SELECT t.xmin::text FROM "TestClock" t WHERE ${sameTenant("t", "c")} AND t."id" = c."testClockId"), '-'),
      coalesce((SELECT string_agg(d."id" || ':' || d.xmin::text || ':' || cp.xmin::text, ',' ORDER BY d."id")
                FROM "Discount" d JOIN "Coupon" cp ON ${sameTenant("cp", "d")} AND cp."id" = d."couponId"
                WHERE ${sameTenant("d", "c")} AND d."customerId" = c."id"), '-'),
      coalesce((SELECT string_agg(r."id" || ':' || r.xmin::text, ',' ORDER BY r."id")
                FROM "CustomerTaxRate" j JOIN "TaxRate" r ON ${sameTenant("r", "j")} AND r."id" = j."taxRateId"
                WHERE ${sameTenant("j", "c")} AND j."customerId" = c."id"), '-'),
      coalesce((SELECT string_agg(concat_ws(';', s."id", s.xmin::text,
          coalesce((SELECT string_agg(concat_ws(':', i."id", i.xmin::text, p.xmin::text, pr.xmin::text, coalesce(m.xmin::text, '-'),
                      coalesce((SELECT string_agg(r."id" || ':' || r.xmin::text, ',' ORDER BY r."id")
                                FROM "SubscriptionItemTaxRate" j JOIN "TaxRate" r ON ${sameTenant("r", "j")} AND r."id" = j."taxRateId"
                                WHERE ${sameTenant("j", "i")} AND j."itemId" = i."id"), '-')),
                    ',' ORDER BY i."id")
                    FROM "SubscriptionItem" i JOIN "Price" p ON ${sameTenant("p", "i")} AND p."id" = i."priceId"
                    JOIN "Product" pr ON ${sameTenant("pr", "p")} AND pr."id" = p."productId"
                    LEFT JOIN "Meter" m ON ${sameTenant("m", "p")} AND m."id" = p."meterId"
                    WHERE ${sameTenant("i", "s")} AND i."subscriptionId" = s."id"), '-'),
          coalesce((SELECT string_agg(d."id" || ':' || d.xmin::text || ':' || cp.xmin::text, ',' ORDER BY d."id")
                    FROM "Discount" d JOIN "Coupon" cp ON ${sameTenant("cp", "d")} AND cp."id" = d."couponId"
                    WHERE ${sameTenant("d", "s")} AND d."subscriptionId" = s."id"), '-'),
          coalesce((SELECT string_agg(r."id" || ':' || r.xmin::text, ',' ORDER BY r."id")
                    FROM "SubscriptionTaxRate" j JOIN "TaxRate" r ON ${sameTenant("r", "j")} AND r."id" = j."taxRateId"
                    WHERE ${sameTenant("j", "s")} AND j."subscriptionId" = s."id"), '-'),
          coalesce((SELECT string_agg(concat_ws(':', pi."id", pi.xmin::text, coalesce(p.xmin::text, '-'), coalesce(m.xmin::text, '-')), ',' ORDER BY pi."id")
                    FROM "PendingInvoiceItem" pi LEFT JOIN "Price" p ON ${sameTenant("p", "pi")} AND p."id" = pi."priceId"
                    LEFT JOIN "Meter" m ON ${sameTenant("m", "p")} AND m."id" = p."meterId"
                    WHERE ${sameTenant("pi", "s")} AND pi."subscriptionId" = s."id" AND pi."invoiceId" IS NULL AND pi."kind" <> 'INVOICE_ITEM'), '-')
        ), ',' ORDER BY s."id")
        FROM "Subscription" s WHERE ${sameTenant("s", "c")} AND s."customerId" = c."id" AND s."status" IN (${billingStatusSql})), '-')
    )) AS "stamp"
    FROM "Customer" c
    WHERE ${scopeClause(scope, "c")} AND c."id" = ANY(${[...customerIds]}::text[])`;
  return new Map(rows.map((row) => [row.customerId, row.stamp]));
}
