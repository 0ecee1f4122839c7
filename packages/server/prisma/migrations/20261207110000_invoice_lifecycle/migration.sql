-- CreateEnum
CREATE TYPE "CreditNoteReason" AS ENUM ('DUPLICATE', 'FRAUDULENT', 'ORDER_CHANGE', 'PRODUCT_UNSATISFACTORY');

-- CreateEnum
CREATE TYPE "CreditNoteStatus" AS ENUM ('ISSUED', 'VOID');

-- CreateEnum
CREATE TYPE "CreditNoteType" AS ENUM ('PRE_PAYMENT', 'POST_PAYMENT');

-- CreateEnum
CREATE TYPE "CustomerBalanceTransactionType" AS ENUM ('ADJUSTMENT', 'APPLIED_TO_INVOICE', 'CREDIT_NOTE', 'UNAPPLIED_FROM_INVOICE');

-- AlterEnum
ALTER TYPE "InvoiceStatus" ADD VALUE 'UNCOLLECTIBLE';

-- AlterEnum
ALTER TYPE "CreditTransactionType" ADD VALUE 'REVERSAL';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "invoiceDaysUntilDue" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "amountPaid" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "amountRemaining" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "dueDate" TIMESTAMPTZ(3),
ADD COLUMN     "endingBalance" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "markedUncollectibleAt" TIMESTAMPTZ(3),
ADD COLUMN     "paidAt" TIMESTAMPTZ(3),
ADD COLUMN     "paidOutOfBand" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "postPaymentCreditNotesAmount" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "prePaymentCreditNotesAmount" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "startingBalance" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "voidedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "InvoiceSequence" DROP CONSTRAINT "InvoiceSequence_pkey",
ADD COLUMN     "series" TEXT NOT NULL DEFAULT 'INV',
ADD CONSTRAINT "InvoiceSequence_pkey" PRIMARY KEY ("accountId", "mode", "series");

-- CreateTable
CREATE TABLE "CreditNote" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "number" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "type" "CreditNoteType" NOT NULL,
    "status" "CreditNoteStatus" NOT NULL DEFAULT 'ISSUED',
    "reason" "CreditNoteReason" NOT NULL,
    "memo" TEXT,
    "amount" DECIMAL(72,12) NOT NULL,
    "creditAmount" DECIMAL(72,12) NOT NULL,
    "outOfBandAmount" DECIMAL(72,12) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "voidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CreditNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditNoteLine" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "creditNoteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "invoiceLineId" TEXT,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(69,30),
    "unitAmount" DECIMAL(38,12),
    "amount" DECIMAL(72,12) NOT NULL,

    CONSTRAINT "CreditNoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerBalance" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "balance" DECIMAL(72,12) NOT NULL,

    CONSTRAINT "CustomerBalance_pkey" PRIMARY KEY ("customerId","currency")
);

-- CreateTable
CREATE TABLE "CustomerBalanceTransaction" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "type" "CustomerBalanceTransactionType" NOT NULL,
    "amount" DECIMAL(72,12) NOT NULL,
    "endingBalance" DECIMAL(72,12) NOT NULL,
    "invoiceId" TEXT,
    "creditNoteId" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "CustomerBalanceTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CreditNote_accountId_mode_createdAt_id_idx" ON "CreditNote"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CreditNote_invoiceId_idx" ON "CreditNote"("invoiceId");

-- CreateIndex
CREATE INDEX "CreditNote_customerId_createdAt_idx" ON "CreditNote"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CreditNote_accountId_mode_number_key" ON "CreditNote"("accountId", "mode", "number");

-- CreateIndex
CREATE INDEX "CreditNoteLine_creditNoteId_position_idx" ON "CreditNoteLine"("creditNoteId", "position");

-- CreateIndex
CREATE INDEX "CreditNoteLine_invoiceLineId_idx" ON "CreditNoteLine"("invoiceLineId");

-- CreateIndex
CREATE INDEX "CustomerBalanceTransaction_customerId_seq_idx" ON "CustomerBalanceTransaction"("customerId", "seq");

-- CreateIndex
CREATE INDEX "CustomerBalanceTransaction_accountId_mode_createdAt_id_idx" ON "CustomerBalanceTransaction"("accountId", "mode", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNoteLine" ADD CONSTRAINT "CreditNoteLine_creditNoteId_fkey" FOREIGN KEY ("creditNoteId") REFERENCES "CreditNote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Invoices finalized before this migration: what they still owe, and a due date 30 days after finalization.
UPDATE "Invoice" SET "amountRemaining" = GREATEST("amountDue", 0) WHERE "status" = 'OPEN';
UPDATE "Invoice" SET "dueDate" = COALESCE("finalizedAt", "createdAt") + interval '30 days' WHERE "status" <> 'DRAFT';

-- Credit notes never take an invoice below nothing owed (services/credit-notes/create.ts checks first, under the invoice's row lock).
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_amountRemaining_check" CHECK ("amountRemaining" >= 0);
