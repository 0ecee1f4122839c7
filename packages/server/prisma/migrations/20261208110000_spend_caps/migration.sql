-- CreateEnum
CREATE TYPE "SpendCapBehavior" AS ENUM ('BLOCK_EVENTS', 'ALERT_ONLY');

-- CreateEnum
CREATE TYPE "UsageAlertType" AS ENUM ('USAGE', 'SPEND', 'CREDIT_BALANCE', 'FORECAST');

-- AlterEnum
ALTER TYPE "BillingReason" ADD VALUE 'SUBSCRIPTION_THRESHOLD';

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "billingThresholdAmountGte" DECIMAL(65,30),
ADD COLUMN     "billingThresholdResetAnchor" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spendCapAmount" DECIMAL(65,30),
ADD COLUMN     "spendCapBehavior" "SpendCapBehavior";

-- AlterTable
ALTER TABLE "UsageAlert" ADD COLUMN     "type" "UsageAlertType" NOT NULL DEFAULT 'USAGE';

-- CreateTable
CREATE TABLE "SpendCapReached" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "amount" DECIMAL(65,30) NOT NULL,
    "reachedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpendCapReached_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThresholdBilledUsage" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "quantity" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "ThresholdBilledUsage_pkey" PRIMARY KEY ("subscriptionId","itemId","periodStart")
);

-- CreateIndex
CREATE INDEX "SpendCapReached_accountId_mode_customerId_idx" ON "SpendCapReached"("accountId", "mode", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "SpendCapReached_subscriptionId_periodStart_key" ON "SpendCapReached"("subscriptionId", "periodStart");

