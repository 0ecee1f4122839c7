-- The credit ledger lists in write order: several rows can share a createdAt (one transaction).
-- AlterTable
ALTER TABLE "CreditBalanceTransaction" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "CreditBalanceTransaction_customerId_seq_idx" ON "CreditBalanceTransaction"("customerId", "seq");

-- A grant's balance never goes below zero nor above what was granted (Prisma cannot express this).
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_remaining_check" CHECK ("remaining" >= 0 AND "remaining" <= "amount");
