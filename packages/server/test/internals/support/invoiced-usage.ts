// An invoice written straight to the database, as storeFinalizedInvoice stores one, for internals
// tests of the already-invoiced rule that need an invoiced period without running a billing cycle.
import type { Prisma } from "../../../src/generated/prisma/client.js";
import { newId } from "../../../src/ids.js";
import { usageStore } from "../../../src/usage-store/index.js";
import type { TestApp } from "../../support/app.js";
import { scopeOf } from "./tenant.js";

/** An OPEN invoice of `customerId` whose USAGE line bills `meterId` over [periodStart, periodEnd). */
export async function invoiceUsage(
  app: TestApp,
  customerId: string,
  meterId: string,
  periodStart: string,
  periodEnd: string,
  options: {
    status?: "DRAFT" | "OPEN" | "PAID" | "VOID";
    billingReason?: "SUBSCRIPTION_CREATE" | "SUBSCRIPTION_CYCLE";
  } = {},
  prisma: Prisma.TransactionClient = app.database.prisma,
) {
  const scope = scopeOf(app);
  const product = await prisma.product.create({ data: { id: newId("Product"), ...scope, name: "Usage" } });
  const price = await prisma.price.create({
    data: {
      id: newId("Price"),
      ...scope,
      productId: product.id,
      currency: "usd",
      interval: "MONTH",
      intervalCount: 1,
      usageType: "METERED",
      meterId,
      billingScheme: "PER_UNIT",
      unitAmount: "1",
    },
  });
  const invoiceId = newId("Invoice");
  await prisma.invoice.create({
    data: {
      id: invoiceId,
      ...scope,
      number: `TEST-${invoiceId}`,
      customerId,
      billingReason: options.billingReason ?? "SUBSCRIPTION_CYCLE",
      status: options.status ?? "OPEN",
      currency: "usd",
      periodStart: new Date(periodStart),
      periodEnd: new Date(periodEnd),
      subtotal: "0",
      creditsApplied: "0",
      total: "0",
      amountDue: "0",
      createdAt: new Date(periodEnd),
      finalizedAt: new Date(periodEnd),
      lines: {
        create: {
          id: newId("InvoiceLine"),
          position: 0,
          kind: "USAGE",
          description: "Usage",
          priceId: price.id,
          quantity: "0",
          unitAmount: "1",
          amount: "0",
          periodStart: new Date(periodStart),
          periodEnd: new Date(periodEnd),
        },
      },
    },
  });
  // As storeFinalizedInvoice does; it writes nothing for a void, draft or first invoice.
  await usageStore(prisma, scope).sealInvoicedPeriods([invoiceId]);
}
