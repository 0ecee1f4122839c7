-- Every key and index of the usage tables, and every composite key of other account-owned tables,
-- leads with the account and mode (docs/operations/scaling.md#past-one-postgresql): each read and
-- upsert is scoped by them anyway, and a table distributed by account (Citus) needs its unique
-- keys to include the distribution column.
-- Not expand-only: the previous version's upserts name the keys this replaces. Stop its processes
-- before applying it (docs/operations/migrations.md#upgrading-without-downtime). The keys are
-- rebuilt, in time that grows with the stored events and rollups.

-- The minute detail gets the account and mode of its meter.
ALTER TABLE "MeterUsageMinute" ADD COLUMN "accountId" TEXT, ADD COLUMN "mode" "Mode";
UPDATE "MeterUsageMinute" u SET "accountId" = m."accountId", "mode" = m."mode" FROM "Meter" m WHERE m."id" = u."meterId";
ALTER TABLE "MeterUsageMinute" ALTER COLUMN "accountId" SET NOT NULL, ALTER COLUMN "mode" SET NOT NULL;
ALTER TABLE "MeterUsageMinute" DROP CONSTRAINT "MeterUsageMinute_pkey",
ADD CONSTRAINT "MeterUsageMinute_pkey" PRIMARY KEY ("accountId", "mode", "meterId", "customerId", "minute");

-- Also the key of every monthly partition of the events, which PostgreSQL rebuilds with the table's.
ALTER TABLE "MeterEvent" DROP CONSTRAINT "MeterEvent_pkey";
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_pkey" PRIMARY KEY ("accountId", "mode", "meterId", "customerId", "timestamp", "seq") INCLUDE ("value", "canceledAt", "combinationId");

ALTER TABLE "MeterUsageHour" DROP CONSTRAINT "MeterUsageHour_pkey",
ADD CONSTRAINT "MeterUsageHour_pkey" PRIMARY KEY ("accountId", "mode", "meterId", "customerId", "hour", "combinationId", "shard");

-- The rollup rows outside shard 0 by customer (Prisma's schema cannot express a partial index).
DROP INDEX "MeterUsageHour_unfolded_customer_idx";
CREATE INDEX "MeterUsageHour_unfolded_customer_idx" ON "MeterUsageHour"("accountId", "mode", "meterId", "customerId", "hour") WHERE "shard" <> 0;

ALTER TABLE "MeterUsageDay" DROP CONSTRAINT "MeterUsageDay_pkey",
ADD CONSTRAINT "MeterUsageDay_pkey" PRIMARY KEY ("accountId", "mode", "meterId", "customerId", "day", "combinationId");

ALTER TABLE "MeterDimensionCombination" DROP CONSTRAINT "MeterDimensionCombination_pkey",
ADD CONSTRAINT "MeterDimensionCombination_pkey" PRIMARY KEY ("accountId", "mode", "id");
DROP INDEX "MeterDimensionCombination_meterId_customerId_month_values_key";
CREATE UNIQUE INDEX "MeterDimensionCombination_accountId_mode_meterId_customerId_key" ON "MeterDimensionCombination"("accountId", "mode", "meterId", "customerId", "month", "values");

ALTER TABLE "UsageAlertProgress" DROP CONSTRAINT "UsageAlertProgress_pkey",
ADD CONSTRAINT "UsageAlertProgress_pkey" PRIMARY KEY ("accountId", "mode", "alertId", "customerId");

DROP INDEX "AlertTrigger_alertId_customerId_periodStart_key";
CREATE UNIQUE INDEX "AlertTrigger_accountId_mode_alertId_customerId_periodStart_key" ON "AlertTrigger"("accountId", "mode", "alertId", "customerId", "periodStart");
DROP INDEX "AlertTrigger_customerId_idx";
CREATE INDEX "AlertTrigger_accountId_mode_customerId_idx" ON "AlertTrigger"("accountId", "mode", "customerId");

DROP INDEX "SpendCapReached_subscriptionId_periodStart_key";
CREATE UNIQUE INDEX "SpendCapReached_accountId_mode_subscriptionId_periodStart_key" ON "SpendCapReached"("accountId", "mode", "subscriptionId", "periodStart");

ALTER TABLE "ThresholdBilledUsage" DROP CONSTRAINT "ThresholdBilledUsage_pkey",
ADD CONSTRAINT "ThresholdBilledUsage_pkey" PRIMARY KEY ("accountId", "mode", "subscriptionId", "itemId", "periodStart");

ALTER TABLE "InvoicedUsagePeriod" DROP CONSTRAINT "InvoicedUsagePeriod_pkey",
ADD CONSTRAINT "InvoicedUsagePeriod_pkey" PRIMARY KEY ("accountId", "mode", "customerId", "meterId", "periodEnd", "periodStart", "invoiceId");

ALTER TABLE "CustomerBalance" DROP CONSTRAINT "CustomerBalance_pkey",
ADD CONSTRAINT "CustomerBalance_pkey" PRIMARY KEY ("accountId", "mode", "customerId", "currency");

DROP INDEX "WebhookDelivery_endpointId_eventId_key";
CREATE UNIQUE INDEX "WebhookDelivery_accountId_mode_endpointId_eventId_key" ON "WebhookDelivery"("accountId", "mode", "endpointId", "eventId");

-- At most one invoice per subscription, reason and period end (by hand: a partial index).
DROP INDEX "Invoice_subscriptionId_billingReason_periodEnd_key";
CREATE UNIQUE INDEX "Invoice_accountId_mode_subscriptionId_reason_period_key" ON "Invoice"("accountId", "mode", "subscriptionId", "billingReason", "periodEnd")
WHERE "billingReason" IN ('SUBSCRIPTION_CREATE', 'SUBSCRIPTION_CYCLE', 'SUBSCRIPTION_CANCEL');
