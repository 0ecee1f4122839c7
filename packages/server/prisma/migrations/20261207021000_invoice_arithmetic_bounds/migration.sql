-- Columns holding sums of events or amounts computed from them, widened to the largest value
-- accepted input can produce (docs/api/input.md, "Decimal bounds"). Precision only grows.
-- AlterTable
ALTER TABLE "MeterUsageHour" ALTER COLUMN "sum" SET DATA TYPE DECIMAL(69,30);

-- AlterTable
ALTER TABLE "MeterUsageMinute" ALTER COLUMN "sum" SET DATA TYPE DECIMAL(69,30);

-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "subtotal" SET DATA TYPE DECIMAL(72,12),
ALTER COLUMN "creditsApplied" SET DATA TYPE DECIMAL(72,12),
ALTER COLUMN "total" SET DATA TYPE DECIMAL(72,12),
ALTER COLUMN "amountDue" SET DATA TYPE DECIMAL(72,12);

-- AlterTable
ALTER TABLE "InvoiceLine" ALTER COLUMN "quantity" SET DATA TYPE DECIMAL(69,30),
ALTER COLUMN "amount" SET DATA TYPE DECIMAL(72,12);

-- AlterTable
ALTER TABLE "UsageAlertProgress" ALTER COLUMN "sum" SET DATA TYPE DECIMAL(69,30);

-- AlterTable
ALTER TABLE "AlertTrigger" ALTER COLUMN "value" SET DATA TYPE DECIMAL(69,30);

