-- AlterEnum
ALTER TYPE "InvoiceLineKind" ADD VALUE 'PRORATION';

-- AlterEnum
ALTER TYPE "BillingReason" ADD VALUE 'SUBSCRIPTION_UPDATE';

-- DropIndex: replaced by the partial unique index below (a subscription may be invoiced for several
-- changes in one period).
DROP INDEX "Invoice_subscriptionId_billingReason_periodEnd_key";

-- CreateIndex (by hand: Prisma's schema cannot express a partial index). The reasons are listed,
-- since a value added to an enum cannot be used in the transaction that adds it.
CREATE UNIQUE INDEX "Invoice_subscriptionId_billingReason_periodEnd_key" ON "Invoice"("subscriptionId", "billingReason", "periodEnd")
WHERE "billingReason" IN ('SUBSCRIPTION_CREATE', 'SUBSCRIPTION_CYCLE', 'SUBSCRIPTION_CANCEL');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "SubscriptionItem" ADD COLUMN     "usageStart" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "previousAttributes" JSONB;

-- CreateTable
CREATE TABLE "PendingInvoiceItem" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "subscriptionItemId" TEXT NOT NULL,
    "kind" "InvoiceLineKind" NOT NULL,
    "priceId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "tier" INTEGER,
    "quantity" DECIMAL(69,30),
    "unitAmount" DECIMAL(38,12),
    "flatAmount" DECIMAL(72,12),
    "amount" DECIMAL(72,12),
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "invoiceId" TEXT,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "PendingInvoiceItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingInvoiceItem_subscriptionId_invoiceId_idx" ON "PendingInvoiceItem"("subscriptionId", "invoiceId");

-- CreateIndex
CREATE INDEX "PendingInvoiceItem_accountId_mode_createdAt_id_idx" ON "PendingInvoiceItem"("accountId", "mode", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

