-- The usage periods finalized invoices bill, by customer and meter (schema.prisma): ingest's
-- "already invoiced" check looked through every USAGE line of the customer's invoices for each
-- event, which made a 1000-event batch 3× slower at 36 invoices a customer and 22× at 365.
CREATE TABLE "InvoicedUsagePeriod" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "invoiceId" TEXT NOT NULL,

    CONSTRAINT "InvoicedUsagePeriod_pkey" PRIMARY KEY ("customerId","meterId","periodEnd","periodStart","invoiceId")
);

-- The invoices stored before: what services/meter-events/invoiced.ts (recordInvoicedPeriods)
-- writes for each new one.
INSERT INTO "InvoicedUsagePeriod" ("accountId", "mode", "customerId", "meterId", "periodEnd", "periodStart", "invoiceId")
SELECT DISTINCT inv."accountId", inv."mode", inv."customerId", price."meterId", line."periodEnd", line."periodStart", inv."id"
FROM "Invoice" inv
JOIN "InvoiceLine" line ON line."invoiceId" = inv."id"
JOIN "Price" price ON price."id" = line."priceId"
WHERE inv."status" IN ('OPEN', 'PAID') AND inv."billingReason" <> 'SUBSCRIPTION_CREATE'
  AND line."kind" = 'USAGE' AND price."meterId" IS NOT NULL;
