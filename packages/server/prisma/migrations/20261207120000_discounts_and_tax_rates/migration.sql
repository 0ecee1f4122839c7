-- CreateEnum
CREATE TYPE "CouponDuration" AS ENUM ('ONCE', 'REPEATING', 'FOREVER');

-- AlterTable: invoices made before discounts and tax had neither: their subtotal is without tax.
ALTER TABLE "Invoice" ADD COLUMN     "subtotalExcludingTax" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "tax" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "totalDiscountAmount" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "totalDiscountAmounts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "totalExcludingTax" DECIMAL(72,12) NOT NULL DEFAULT 0,
ADD COLUMN     "totalTaxAmounts" JSONB NOT NULL DEFAULT '[]';
UPDATE "Invoice" SET "subtotalExcludingTax" = "subtotal", "totalExcludingTax" = "subtotal";

-- AlterTable
ALTER TABLE "InvoiceLine" ADD COLUMN     "discountAmounts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "taxAmounts" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "Coupon" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "name" TEXT,
    "percentOff" DECIMAL(7,4),
    "amountOff" DECIMAL(38,12),
    "currency" TEXT,
    "duration" "CouponDuration" NOT NULL,
    "durationInMonths" INTEGER,
    "appliesToProductIds" TEXT[],
    "maxRedemptions" INTEGER,
    "timesRedeemed" INTEGER NOT NULL DEFAULT 0,
    "redeemBy" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionCode" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "couponId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "maxRedemptions" INTEGER,
    "timesRedeemed" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PromotionCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Discount" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "couponId" TEXT NOT NULL,
    "promotionCodeId" TEXT,
    "customerId" TEXT,
    "subscriptionId" TEXT,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "end" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "Discount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxRate" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT,
    "percentage" DECIMAL(7,4) NOT NULL,
    "inclusive" BOOLEAN NOT NULL,
    "country" TEXT,
    "jurisdiction" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_CustomerDefaultTaxRates" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_CustomerDefaultTaxRates_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_SubscriptionDefaultTaxRates" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_SubscriptionDefaultTaxRates_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_SubscriptionItemTaxRates" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_SubscriptionItemTaxRates_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "Coupon_accountId_mode_createdAt_id_idx" ON "Coupon"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PromotionCode_accountId_mode_createdAt_id_idx" ON "PromotionCode"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PromotionCode_couponId_idx" ON "PromotionCode"("couponId");

-- CreateIndex
CREATE INDEX "Discount_customerId_idx" ON "Discount"("customerId");

-- CreateIndex
CREATE INDEX "Discount_subscriptionId_idx" ON "Discount"("subscriptionId");

-- CreateIndex
CREATE INDEX "TaxRate_accountId_mode_createdAt_id_idx" ON "TaxRate"("accountId", "mode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "_CustomerDefaultTaxRates_B_index" ON "_CustomerDefaultTaxRates"("B");

-- CreateIndex
CREATE INDEX "_SubscriptionDefaultTaxRates_B_index" ON "_SubscriptionDefaultTaxRates"("B");

-- CreateIndex
CREATE INDEX "_SubscriptionItemTaxRates_B_index" ON "_SubscriptionItemTaxRates"("B");

-- AddForeignKey
ALTER TABLE "PromotionCode" ADD CONSTRAINT "PromotionCode_couponId_fkey" FOREIGN KEY ("couponId") REFERENCES "Coupon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_couponId_fkey" FOREIGN KEY ("couponId") REFERENCES "Coupon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_promotionCodeId_fkey" FOREIGN KEY ("promotionCodeId") REFERENCES "PromotionCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CustomerDefaultTaxRates" ADD CONSTRAINT "_CustomerDefaultTaxRates_A_fkey" FOREIGN KEY ("A") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_CustomerDefaultTaxRates" ADD CONSTRAINT "_CustomerDefaultTaxRates_B_fkey" FOREIGN KEY ("B") REFERENCES "TaxRate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SubscriptionDefaultTaxRates" ADD CONSTRAINT "_SubscriptionDefaultTaxRates_A_fkey" FOREIGN KEY ("A") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SubscriptionDefaultTaxRates" ADD CONSTRAINT "_SubscriptionDefaultTaxRates_B_fkey" FOREIGN KEY ("B") REFERENCES "TaxRate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SubscriptionItemTaxRates" ADD CONSTRAINT "_SubscriptionItemTaxRates_A_fkey" FOREIGN KEY ("A") REFERENCES "SubscriptionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_SubscriptionItemTaxRates" ADD CONSTRAINT "_SubscriptionItemTaxRates_B_fkey" FOREIGN KEY ("B") REFERENCES "TaxRate"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One active promotion code of a text per account and mode, case-insensitively (Prisma's schema cannot express it).
CREATE UNIQUE INDEX "PromotionCode_active_code_key" ON "PromotionCode"("accountId", "mode", lower("code")) WHERE "active";
