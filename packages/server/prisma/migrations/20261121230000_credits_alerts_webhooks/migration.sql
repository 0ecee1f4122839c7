-- CreateEnum
CREATE TYPE "CreditGrantCategory" AS ENUM ('PAID', 'PROMOTIONAL');

-- CreateEnum
CREATE TYPE "CreditTransactionType" AS ENUM ('GRANT', 'APPLICATION', 'EXPIRY', 'VOID');

-- CreateEnum
CREATE TYPE "AlertRecurrence" AS ENUM ('ONE_TIME', 'EVERY_PERIOD');

-- CreateEnum
CREATE TYPE "UsageAlertStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "WebhookEndpointStatus" AS ENUM ('ENABLED', 'DISABLED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "CreditGrant" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "name" TEXT,
    "currency" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "remaining" DECIMAL(38,12) NOT NULL,
    "category" "CreditGrantCategory" NOT NULL,
    "priority" INTEGER NOT NULL,
    "allMeteredPrices" BOOLEAN NOT NULL,
    "priceIds" TEXT[],
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "expiredAt" TIMESTAMPTZ(3),
    "voidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditBalanceTransaction" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "invoiceId" TEXT,
    "type" "CreditTransactionType" NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditBalanceTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageAlert" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "title" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT,
    "threshold" DECIMAL(65,30) NOT NULL,
    "recurrence" "AlertRecurrence" NOT NULL,
    "status" "UsageAlertStatus" NOT NULL DEFAULT 'ACTIVE',
    "startSeq" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageAlertProgress" (
    "alertId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DECIMAL(65,30) NOT NULL,
    "max" DECIMAL(65,30),
    "lastValue" DECIMAL(65,30),
    "lastTimestamp" TIMESTAMPTZ(3),
    "lastSeq" BIGINT,

    CONSTRAINT "UsageAlertProgress_pkey" PRIMARY KEY ("alertId","customerId")
);

-- CreateTable
CREATE TABLE "AlertTrigger" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "alertId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "value" DECIMAL(65,30) NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "triggeredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertTrigger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "enabledEvents" TEXT[],
    "secret" TEXT NOT NULL,
    "status" "WebhookEndpointStatus" NOT NULL DEFAULT 'ENABLED',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastResponseStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CreditGrant_customerId_currency_idx" ON "CreditGrant"("customerId", "currency");

-- CreateIndex
CREATE INDEX "CreditGrant_accountId_mode_createdAt_id_idx" ON "CreditGrant"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CreditGrant_expiredAt_expiresAt_idx" ON "CreditGrant"("expiredAt", "expiresAt");

-- CreateIndex
CREATE INDEX "CreditBalanceTransaction_customerId_createdAt_id_idx" ON "CreditBalanceTransaction"("customerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CreditBalanceTransaction_grantId_idx" ON "CreditBalanceTransaction"("grantId");

-- CreateIndex
CREATE INDEX "UsageAlert_accountId_mode_meterId_status_idx" ON "UsageAlert"("accountId", "mode", "meterId", "status");

-- CreateIndex
CREATE INDEX "UsageAlert_accountId_mode_createdAt_id_idx" ON "UsageAlert"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AlertTrigger_accountId_mode_triggeredAt_id_idx" ON "AlertTrigger"("accountId", "mode", "triggeredAt", "id");

-- CreateIndex
CREATE INDEX "AlertTrigger_customerId_idx" ON "AlertTrigger"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertTrigger_alertId_customerId_periodStart_key" ON "AlertTrigger"("alertId", "customerId", "periodStart");

-- CreateIndex
CREATE INDEX "Event_accountId_mode_createdAt_id_idx" ON "Event"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Event_accountId_mode_type_createdAt_idx" ON "Event"("accountId", "mode", "type", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_accountId_mode_createdAt_id_idx" ON "WebhookEndpoint"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");

-- AddForeignKey
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditBalanceTransaction" ADD CONSTRAINT "CreditBalanceTransaction_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertTrigger" ADD CONSTRAINT "AlertTrigger_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "UsageAlert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

