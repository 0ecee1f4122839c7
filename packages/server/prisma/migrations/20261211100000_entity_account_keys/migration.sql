-- Every entity table's key, and every foreign key between account-owned tables, leads with the
-- account and mode (docs/operations/scaling.md#past-one-postgresql): (accountId, mode, id) instead
-- of id, as Citus requires the distribution column in every unique key and in every foreign key
-- between distributed tables.
-- Not expand-only: the previous version names rows by id alone (its upserts and one-to-one keys
-- are replaced here). Stop its processes before applying it
-- (docs/operations/migrations.md#upgrading-without-downtime). The keys are rebuilt and the foreign
-- keys checked again, in time that grows with the stored rows (the events' among them).

-- The foreign keys name the keys replaced below: dropped first (the events' on every partition with the table's).
ALTER TABLE "Price" DROP CONSTRAINT "Price_meterId_fkey";
ALTER TABLE "Price" DROP CONSTRAINT "Price_productId_fkey";
ALTER TABLE "Customer" DROP CONSTRAINT "Customer_testClockId_fkey";
ALTER TABLE "Subscription" DROP CONSTRAINT "Subscription_customerId_fkey";
ALTER TABLE "SubscriptionItem" DROP CONSTRAINT "SubscriptionItem_priceId_fkey";
ALTER TABLE "SubscriptionItem" DROP CONSTRAINT "SubscriptionItem_subscriptionId_fkey";
ALTER TABLE "Invoice" DROP CONSTRAINT "Invoice_customerId_fkey";
ALTER TABLE "Invoice" DROP CONSTRAINT "Invoice_subscriptionId_fkey";
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_invoiceId_fkey";
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_priceId_fkey";
ALTER TABLE "CreditGrant" DROP CONSTRAINT "CreditGrant_customerId_fkey";
ALTER TABLE "CreditBalanceTransaction" DROP CONSTRAINT "CreditBalanceTransaction_grantId_fkey";
ALTER TABLE "AlertTrigger" DROP CONSTRAINT "AlertTrigger_alertId_fkey";
ALTER TABLE "WebhookDelivery" DROP CONSTRAINT "WebhookDelivery_endpointId_fkey";
ALTER TABLE "PendingInvoiceItem" DROP CONSTRAINT "PendingInvoiceItem_customerId_fkey";
ALTER TABLE "PendingInvoiceItem" DROP CONSTRAINT "PendingInvoiceItem_priceId_fkey";
ALTER TABLE "PendingInvoiceItem" DROP CONSTRAINT "PendingInvoiceItem_subscriptionId_fkey";
ALTER TABLE "CreditNote" DROP CONSTRAINT "CreditNote_invoiceId_fkey";
ALTER TABLE "CreditNoteLine" DROP CONSTRAINT "CreditNoteLine_creditNoteId_fkey";
ALTER TABLE "PromotionCode" DROP CONSTRAINT "PromotionCode_couponId_fkey";
ALTER TABLE "Discount" DROP CONSTRAINT "Discount_couponId_fkey";
ALTER TABLE "Discount" DROP CONSTRAINT "Discount_customerId_fkey";
ALTER TABLE "Discount" DROP CONSTRAINT "Discount_promotionCodeId_fkey";
ALTER TABLE "Discount" DROP CONSTRAINT "Discount_subscriptionId_fkey";
ALTER TABLE "InvoiceDocument" DROP CONSTRAINT "InvoiceDocument_invoiceId_fkey";
ALTER TABLE "CustomerSession" DROP CONSTRAINT "CustomerSession_customerId_fkey";
ALTER TABLE "MeterEvent" DROP CONSTRAINT "MeterEvent_customerId_fkey";
ALTER TABLE "MeterEvent" DROP CONSTRAINT "MeterEvent_meterId_fkey";

-- The tax rates of customers, subscriptions and items: Prisma's implicit many-to-many tables hold
-- bare ids, so they become join tables with the account and mode of their owner.
CREATE TABLE "CustomerTaxRate" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerId" TEXT NOT NULL,
    "taxRateId" TEXT NOT NULL,
    CONSTRAINT "CustomerTaxRate_pkey" PRIMARY KEY ("accountId", "mode", "customerId", "taxRateId")
);
INSERT INTO "CustomerTaxRate" ("accountId", "mode", "customerId", "taxRateId")
SELECT o."accountId", o."mode", j."A", j."B" FROM "_CustomerDefaultTaxRates" j JOIN "Customer" o ON o."id" = j."A";
DROP TABLE "_CustomerDefaultTaxRates";
CREATE TABLE "SubscriptionTaxRate" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "taxRateId" TEXT NOT NULL,
    CONSTRAINT "SubscriptionTaxRate_pkey" PRIMARY KEY ("accountId", "mode", "subscriptionId", "taxRateId")
);
INSERT INTO "SubscriptionTaxRate" ("accountId", "mode", "subscriptionId", "taxRateId")
SELECT o."accountId", o."mode", j."A", j."B" FROM "_SubscriptionDefaultTaxRates" j JOIN "Subscription" o ON o."id" = j."A";
DROP TABLE "_SubscriptionDefaultTaxRates";
CREATE TABLE "SubscriptionItemTaxRate" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "itemId" TEXT NOT NULL,
    "taxRateId" TEXT NOT NULL,
    CONSTRAINT "SubscriptionItemTaxRate_pkey" PRIMARY KEY ("accountId", "mode", "itemId", "taxRateId")
);
INSERT INTO "SubscriptionItemTaxRate" ("accountId", "mode", "itemId", "taxRateId")
SELECT o."accountId", o."mode", j."A", j."B" FROM "_SubscriptionItemTaxRates" j JOIN "SubscriptionItem" o ON o."id" = j."A";
DROP TABLE "_SubscriptionItemTaxRates";

-- Entity keys.
ALTER TABLE "ApiKey" DROP CONSTRAINT "ApiKey_pkey", ADD CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "TestClock" DROP CONSTRAINT "TestClock_pkey", ADD CONSTRAINT "TestClock_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Meter" DROP CONSTRAINT "Meter_pkey", ADD CONSTRAINT "Meter_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Product" DROP CONSTRAINT "Product_pkey", ADD CONSTRAINT "Product_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Price" DROP CONSTRAINT "Price_pkey", ADD CONSTRAINT "Price_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Customer" DROP CONSTRAINT "Customer_pkey", ADD CONSTRAINT "Customer_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Subscription" DROP CONSTRAINT "Subscription_pkey", ADD CONSTRAINT "Subscription_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "SpendCapReached" DROP CONSTRAINT "SpendCapReached_pkey", ADD CONSTRAINT "SpendCapReached_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "SubscriptionItem" DROP CONSTRAINT "SubscriptionItem_pkey", ADD CONSTRAINT "SubscriptionItem_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Invoice" DROP CONSTRAINT "Invoice_pkey", ADD CONSTRAINT "Invoice_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "InvoiceLine" DROP CONSTRAINT "InvoiceLine_pkey", ADD CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "PendingInvoiceItem" DROP CONSTRAINT "PendingInvoiceItem_pkey", ADD CONSTRAINT "PendingInvoiceItem_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditNote" DROP CONSTRAINT "CreditNote_pkey", ADD CONSTRAINT "CreditNote_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditNoteLine" DROP CONSTRAINT "CreditNoteLine_pkey", ADD CONSTRAINT "CreditNoteLine_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CustomerBalanceTransaction" DROP CONSTRAINT "CustomerBalanceTransaction_pkey", ADD CONSTRAINT "CustomerBalanceTransaction_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Coupon" DROP CONSTRAINT "Coupon_pkey", ADD CONSTRAINT "Coupon_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "PromotionCode" DROP CONSTRAINT "PromotionCode_pkey", ADD CONSTRAINT "PromotionCode_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Discount" DROP CONSTRAINT "Discount_pkey", ADD CONSTRAINT "Discount_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "TaxRate" DROP CONSTRAINT "TaxRate_pkey", ADD CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditGrant" DROP CONSTRAINT "CreditGrant_pkey", ADD CONSTRAINT "CreditGrant_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditBalanceTransaction" DROP CONSTRAINT "CreditBalanceTransaction_pkey", ADD CONSTRAINT "CreditBalanceTransaction_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditPurchase" DROP CONSTRAINT "CreditPurchase_pkey", ADD CONSTRAINT "CreditPurchase_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditHold" DROP CONSTRAINT "CreditHold_pkey", ADD CONSTRAINT "CreditHold_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "UsageAlert" DROP CONSTRAINT "UsageAlert_pkey", ADD CONSTRAINT "UsageAlert_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "AlertTrigger" DROP CONSTRAINT "AlertTrigger_pkey", ADD CONSTRAINT "AlertTrigger_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "Event" DROP CONSTRAINT "Event_pkey", ADD CONSTRAINT "Event_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "WebhookEndpoint" DROP CONSTRAINT "WebhookEndpoint_pkey", ADD CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "WebhookDelivery" DROP CONSTRAINT "WebhookDelivery_pkey", ADD CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CustomerSession" DROP CONSTRAINT "CustomerSession_pkey", ADD CONSTRAINT "CustomerSession_pkey" PRIMARY KEY ("accountId", "mode", "id");
ALTER TABLE "CreditAutoRecharge" DROP CONSTRAINT "CreditAutoRecharge_pkey", ADD CONSTRAINT "CreditAutoRecharge_pkey" PRIMARY KEY ("accountId", "mode", "customerId");
ALTER TABLE "InvoiceDocument" DROP CONSTRAINT "InvoiceDocument_pkey", ADD CONSTRAINT "InvoiceDocument_pkey" PRIMARY KEY ("accountId", "mode", "invoiceId");

-- A credit purchase's invoice and grant: one purchase each, within the account and mode.
DROP INDEX "CreditPurchase_invoiceId_key";
CREATE UNIQUE INDEX "CreditPurchase_accountId_mode_invoiceId_key" ON "CreditPurchase"("accountId", "mode", "invoiceId");
DROP INDEX "CreditPurchase_grantId_key";
CREATE UNIQUE INDEX "CreditPurchase_accountId_mode_grantId_key" ON "CreditPurchase"("accountId", "mode", "grantId");

-- The foreign keys again, with the account and mode. SET NULL clears only the reference: the
-- account and mode are the row's own (PostgreSQL 15's column list).
ALTER TABLE "Price" ADD CONSTRAINT "Price_meterId_fkey" FOREIGN KEY ("accountId", "mode", "meterId") REFERENCES "Meter"("accountId", "mode", "id") ON DELETE SET NULL ("meterId") ON UPDATE CASCADE;
ALTER TABLE "Price" ADD CONSTRAINT "Price_productId_fkey" FOREIGN KEY ("accountId", "mode", "productId") REFERENCES "Product"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_testClockId_fkey" FOREIGN KEY ("accountId", "mode", "testClockId") REFERENCES "TestClock"("accountId", "mode", "id") ON DELETE SET NULL ("testClockId") ON UPDATE CASCADE;
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SubscriptionItem" ADD CONSTRAINT "SubscriptionItem_priceId_fkey" FOREIGN KEY ("accountId", "mode", "priceId") REFERENCES "Price"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SubscriptionItem" ADD CONSTRAINT "SubscriptionItem_subscriptionId_fkey" FOREIGN KEY ("accountId", "mode", "subscriptionId") REFERENCES "Subscription"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_subscriptionId_fkey" FOREIGN KEY ("accountId", "mode", "subscriptionId") REFERENCES "Subscription"("accountId", "mode", "id") ON DELETE SET NULL ("subscriptionId") ON UPDATE CASCADE;
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("accountId", "mode", "invoiceId") REFERENCES "Invoice"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_priceId_fkey" FOREIGN KEY ("accountId", "mode", "priceId") REFERENCES "Price"("accountId", "mode", "id") ON DELETE SET NULL ("priceId") ON UPDATE CASCADE;
ALTER TABLE "CreditGrant" ADD CONSTRAINT "CreditGrant_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CreditBalanceTransaction" ADD CONSTRAINT "CreditBalanceTransaction_grantId_fkey" FOREIGN KEY ("accountId", "mode", "grantId") REFERENCES "CreditGrant"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AlertTrigger" ADD CONSTRAINT "AlertTrigger_alertId_fkey" FOREIGN KEY ("accountId", "mode", "alertId") REFERENCES "UsageAlert"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("accountId", "mode", "endpointId") REFERENCES "WebhookEndpoint"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_priceId_fkey" FOREIGN KEY ("accountId", "mode", "priceId") REFERENCES "Price"("accountId", "mode", "id") ON DELETE SET NULL ("priceId") ON UPDATE CASCADE;
ALTER TABLE "PendingInvoiceItem" ADD CONSTRAINT "PendingInvoiceItem_subscriptionId_fkey" FOREIGN KEY ("accountId", "mode", "subscriptionId") REFERENCES "Subscription"("accountId", "mode", "id") ON DELETE SET NULL ("subscriptionId") ON UPDATE CASCADE;
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_invoiceId_fkey" FOREIGN KEY ("accountId", "mode", "invoiceId") REFERENCES "Invoice"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CreditNoteLine" ADD CONSTRAINT "CreditNoteLine_creditNoteId_fkey" FOREIGN KEY ("accountId", "mode", "creditNoteId") REFERENCES "CreditNote"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PromotionCode" ADD CONSTRAINT "PromotionCode_couponId_fkey" FOREIGN KEY ("accountId", "mode", "couponId") REFERENCES "Coupon"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_couponId_fkey" FOREIGN KEY ("accountId", "mode", "couponId") REFERENCES "Coupon"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE SET NULL ("customerId") ON UPDATE CASCADE;
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_promotionCodeId_fkey" FOREIGN KEY ("accountId", "mode", "promotionCodeId") REFERENCES "PromotionCode"("accountId", "mode", "id") ON DELETE SET NULL ("promotionCodeId") ON UPDATE CASCADE;
ALTER TABLE "Discount" ADD CONSTRAINT "Discount_subscriptionId_fkey" FOREIGN KEY ("accountId", "mode", "subscriptionId") REFERENCES "Subscription"("accountId", "mode", "id") ON DELETE SET NULL ("subscriptionId") ON UPDATE CASCADE;
ALTER TABLE "InvoiceDocument" ADD CONSTRAINT "InvoiceDocument_invoiceId_fkey" FOREIGN KEY ("accountId", "mode", "invoiceId") REFERENCES "Invoice"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CustomerSession" ADD CONSTRAINT "CustomerSession_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_meterId_fkey" FOREIGN KEY ("accountId", "mode", "meterId") REFERENCES "Meter"("accountId", "mode", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "CustomerTaxRate" ADD CONSTRAINT "CustomerTaxRate_customerId_fkey" FOREIGN KEY ("accountId", "mode", "customerId") REFERENCES "Customer"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CustomerTaxRate" ADD CONSTRAINT "CustomerTaxRate_taxRateId_fkey" FOREIGN KEY ("accountId", "mode", "taxRateId") REFERENCES "TaxRate"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SubscriptionTaxRate" ADD CONSTRAINT "SubscriptionTaxRate_subscriptionId_fkey" FOREIGN KEY ("accountId", "mode", "subscriptionId") REFERENCES "Subscription"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SubscriptionTaxRate" ADD CONSTRAINT "SubscriptionTaxRate_taxRateId_fkey" FOREIGN KEY ("accountId", "mode", "taxRateId") REFERENCES "TaxRate"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SubscriptionItemTaxRate" ADD CONSTRAINT "SubscriptionItemTaxRate_itemId_fkey" FOREIGN KEY ("accountId", "mode", "itemId") REFERENCES "SubscriptionItem"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SubscriptionItemTaxRate" ADD CONSTRAINT "SubscriptionItemTaxRate_taxRateId_fkey" FOREIGN KEY ("accountId", "mode", "taxRateId") REFERENCES "TaxRate"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;
