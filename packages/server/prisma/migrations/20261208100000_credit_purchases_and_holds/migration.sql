-- CreateEnum
CREATE TYPE "CreditPurchaseStatus" AS ENUM ('PENDING', 'GRANTED', 'VOID');

-- CreateEnum
CREATE TYPE "CreditHoldStatus" AS ENUM ('ACTIVE', 'CAPTURED', 'RELEASED', 'EXPIRED');

-- AlterEnum
ALTER TYPE "InvoiceLineKind" ADD VALUE 'CREDIT_PURCHASE';

-- AlterEnum
ALTER TYPE "CreditTransactionType" ADD VALUE 'HOLD_CAPTURE';

-- AlterTable
ALTER TABLE "CreditBalanceTransaction" ADD COLUMN     "holdId" TEXT;

-- CreateTable
CREATE TABLE "CreditPurchase" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "grantId" TEXT,
    "status" "CreditPurchaseStatus" NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "grantName" TEXT,
    "grantPriority" INTEGER NOT NULL,
    "grantExpiresAt" TIMESTAMPTZ(3),
    "grantPriceIds" TEXT[],
    "invoiceRequiresPayment" BOOLEAN NOT NULL,
    "autoRecharge" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CreditPurchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditAutoRecharge" (
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "currency" TEXT NOT NULL,
    "thresholdAmount" DECIMAL(38,12) NOT NULL,
    "rechargeToAmount" DECIMAL(38,12),
    "fixedAmount" DECIMAL(38,12),
    "monthlyLimit" INTEGER NOT NULL,
    "grantName" TEXT,
    "grantPriority" INTEGER NOT NULL,
    "grantExpiresInDays" INTEGER,
    "invoiceRequiresPayment" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CreditAutoRecharge_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "CreditHold" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" DECIMAL(38,12) NOT NULL,
    "capturedAmount" DECIMAL(38,12) NOT NULL DEFAULT 0,
    "status" "CreditHoldStatus" NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CreditHold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CreditPurchase_invoiceId_key" ON "CreditPurchase"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditPurchase_grantId_key" ON "CreditPurchase"("grantId");

-- CreateIndex
CREATE INDEX "CreditPurchase_customerId_createdAt_idx" ON "CreditPurchase"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "CreditPurchase_accountId_mode_createdAt_id_idx" ON "CreditPurchase"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CreditAutoRecharge_accountId_mode_idx" ON "CreditAutoRecharge"("accountId", "mode");

-- CreateIndex
CREATE INDEX "CreditHold_customerId_currency_status_idx" ON "CreditHold"("customerId", "currency", "status");

-- CreateIndex
CREATE INDEX "CreditHold_status_expiresAt_idx" ON "CreditHold"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "CreditHold_accountId_mode_createdAt_id_idx" ON "CreditHold"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CreditHold_accountId_mode_customerId_idempotencyKey_key" ON "CreditHold"("accountId", "mode", "customerId", "idempotencyKey");

