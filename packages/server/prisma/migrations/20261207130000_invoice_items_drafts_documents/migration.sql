-- AlterEnum
ALTER TYPE "InvoiceLineKind" ADD VALUE 'INVOICE_ITEM';

-- AlterEnum
ALTER TYPE "BillingReason" ADD VALUE 'MANUAL';

-- DropForeignKey
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_priceId_fkey";

-- DropForeignKey
ALTER TABLE "PendingInvoiceItem" DROP CONSTRAINT "PendingInvoiceItem_subscriptionId_fkey";

-- DropForeignKey
ALTER TABLE "PendingInvoiceItem" DROP CONSTRAINT "PendingInvoiceItem_priceId_fkey";

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "description" TEXT,
ADD COLUMN     "documentToken" TEXT,
ALTER COLUMN "number" DROP NOT NULL;

-- AlterTable
ALTER TABLE "InvoiceLine" ADD COLUMN     "invoiceItemId" TEXT,
ALTER COLUMN "priceId" DROP NOT NULL;

-- AlterTable: items so far came from subscription changes, and take their subscription's customer and currency.
ALTER TABLE "PendingInvoiceItem" ADD COLUMN "currency" TEXT, ADD COLUMN "customerId" TEXT;
UPDATE "PendingInvoiceItem" p SET "currency" = s."currency", "customerId" = s."customerId"
FROM "Subscription" s WHERE s."id" = p."subscriptionId";
ALTER TABLE "PendingInvoiceItem" ALTER COLUMN "currency" SET NOT NULL,
ALTER COLUMN "customerId" SET NOT NULL,
ALTER COLUMN "subscriptionId" DROP NOT NULL,
ALTER COLUMN "subscriptionItemId" DROP NOT NULL,
ALTER COLUMN "priceId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "InvoiceDocument" (
    "invoiceId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "pdf" BYTEA NOT NULL,
    "renderedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InvoiceDocument_pkey" PRIMARY KEY ("invoiceId")
);

-- Invoices finalized before this migration get their rendered invoice's token: two v4 UUIDs, 244 random bits.
UPDATE "Invoice" SET "documentToken" = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
WHERE "status" <> 'DRAFT';

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_documentToken_key" ON "Invoice"("documentToken");

-- CreateIndex
CREATE INDEX "PendingInvoiceItem_customerId_invoiceId_idx" ON "PendingInvoiceItem"("customerId", "invoiceId");

-- CreateIndex
CREATE INDEX "PendingInvoiceItem_invoiceId_idx" ON "PendingInvoiceItem"("invoiceId");

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceDocument" ADD CONSTRAINT "InvoiceDocument_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

