-- CreateEnum
CREATE TYPE "MeterAggregation" AS ENUM ('SUM', 'COUNT', 'LAST', 'MAX');

-- CreateEnum
CREATE TYPE "MeterStatus" AS ENUM ('ACTIVE', 'INACTIVE');

-- CreateEnum
CREATE TYPE "RecurringInterval" AS ENUM ('DAY', 'WEEK', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "UsageType" AS ENUM ('LICENSED', 'METERED');

-- CreateEnum
CREATE TYPE "BillingScheme" AS ENUM ('PER_UNIT', 'TIERED');

-- CreateEnum
CREATE TYPE "TiersMode" AS ENUM ('GRADUATED', 'VOLUME');

-- CreateEnum
CREATE TYPE "RoundingDirection" AS ENUM ('UP', 'DOWN');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('ACTIVE', 'CANCELED');

-- CreateEnum
CREATE TYPE "BillingMode" AS ENUM ('CLASSIC', 'FLEXIBLE');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'OPEN', 'PAID', 'VOID');

-- CreateEnum
CREATE TYPE "InvoiceLineKind" AS ENUM ('LICENSE', 'USAGE');

-- CreateEnum
CREATE TYPE "BillingReason" AS ENUM ('SUBSCRIPTION_CREATE', 'SUBSCRIPTION_CYCLE', 'SUBSCRIPTION_CANCEL');

-- CreateTable
CREATE TABLE "Meter" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "displayName" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "aggregation" "MeterAggregation" NOT NULL,
    "customerPayloadKey" TEXT NOT NULL DEFAULT 'customer_id',
    "valuePayloadKey" TEXT NOT NULL DEFAULT 'value',
    "status" "MeterStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterEvent" (
    "seq" BIGSERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "identifier" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "value" DECIMAL(65,30) NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "canceledAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeterEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "MeterUsageHour" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DECIMAL(65,30) NOT NULL,
    "max" DECIMAL(65,30),
    "lastValue" DECIMAL(65,30),
    "lastTimestamp" TIMESTAMPTZ(3),
    "lastSeq" BIGINT,

    CONSTRAINT "MeterUsageHour_pkey" PRIMARY KEY ("meterId","customerId","hour")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Price" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "productId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "nickname" TEXT,
    "lookupKey" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "interval" "RecurringInterval" NOT NULL,
    "intervalCount" INTEGER NOT NULL,
    "usageType" "UsageType" NOT NULL,
    "meterId" TEXT,
    "billingScheme" "BillingScheme" NOT NULL,
    "unitAmount" DECIMAL(38,12),
    "tiersMode" "TiersMode",
    "tiers" JSONB,
    "transformDivideBy" INTEGER,
    "transformRound" "RoundingDirection",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "metadata" JSONB,
    "testClockId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" "SubscriptionStatus" NOT NULL DEFAULT 'ACTIVE',
    "billingMode" "BillingMode" NOT NULL,
    "currency" TEXT NOT NULL,
    "interval" "RecurringInterval" NOT NULL,
    "intervalCount" INTEGER NOT NULL,
    "startDate" TIMESTAMPTZ(3) NOT NULL,
    "billingCycleAnchor" TIMESTAMPTZ(3) NOT NULL,
    "currentPeriodStart" TIMESTAMPTZ(3) NOT NULL,
    "currentPeriodEnd" TIMESTAMPTZ(3) NOT NULL,
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "canceledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubscriptionItem" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "quantity" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SubscriptionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "number" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "billingReason" "BillingReason" NOT NULL,
    "status" "InvoiceStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "subtotal" DECIMAL(38,12) NOT NULL,
    "creditsApplied" DECIMAL(38,12) NOT NULL,
    "total" DECIMAL(38,12) NOT NULL,
    "amountDue" DECIMAL(38,12) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "finalizedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "InvoiceLineKind" NOT NULL,
    "description" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "subscriptionItemId" TEXT,
    "tier" INTEGER,
    "quantity" DECIMAL(65,30) NOT NULL,
    "unitAmount" DECIMAL(38,12) NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceSequence" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "next" INTEGER NOT NULL,

    CONSTRAINT "InvoiceSequence_pkey" PRIMARY KEY ("accountId","mode")
);

-- CreateIndex
CREATE INDEX "Meter_accountId_mode_createdAt_id_idx" ON "Meter"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Meter_accountId_mode_eventName_key" ON "Meter"("accountId", "mode", "eventName");

-- CreateIndex
CREATE INDEX "MeterEvent_meterId_customerId_timestamp_idx" ON "MeterEvent"("meterId", "customerId", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "MeterEvent_accountId_mode_identifier_key" ON "MeterEvent"("accountId", "mode", "identifier");

-- CreateIndex
CREATE INDEX "Product_accountId_mode_createdAt_id_idx" ON "Product"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Price_accountId_mode_createdAt_id_idx" ON "Price"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Price_productId_idx" ON "Price"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Price_accountId_mode_lookupKey_key" ON "Price"("accountId", "mode", "lookupKey");

-- CreateIndex
CREATE INDEX "Customer_accountId_mode_createdAt_id_idx" ON "Customer"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Customer_testClockId_idx" ON "Customer"("testClockId");

-- CreateIndex
CREATE INDEX "Subscription_accountId_mode_createdAt_id_idx" ON "Subscription"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Subscription_customerId_idx" ON "Subscription"("customerId");

-- CreateIndex
CREATE INDEX "Subscription_status_currentPeriodEnd_idx" ON "Subscription"("status", "currentPeriodEnd");

-- CreateIndex
CREATE INDEX "SubscriptionItem_subscriptionId_position_idx" ON "SubscriptionItem"("subscriptionId", "position");

-- CreateIndex
CREATE INDEX "Invoice_accountId_mode_createdAt_id_idx" ON "Invoice"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Invoice_customerId_createdAt_idx" ON "Invoice"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_accountId_mode_number_key" ON "Invoice"("accountId", "mode", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_subscriptionId_billingReason_periodEnd_key" ON "Invoice"("subscriptionId", "billingReason", "periodEnd");

-- CreateIndex
CREATE INDEX "InvoiceLine_invoiceId_position_idx" ON "InvoiceLine"("invoiceId", "position");

-- AddForeignKey
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_meterId_fkey" FOREIGN KEY ("meterId") REFERENCES "Meter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Price" ADD CONSTRAINT "Price_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Price" ADD CONSTRAINT "Price_meterId_fkey" FOREIGN KEY ("meterId") REFERENCES "Meter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_testClockId_fkey" FOREIGN KEY ("testClockId") REFERENCES "TestClock"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriptionItem" ADD CONSTRAINT "SubscriptionItem_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriptionItem" ADD CONSTRAINT "SubscriptionItem_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

