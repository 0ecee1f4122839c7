-- AlterTable
ALTER TABLE "Meter" ADD COLUMN     "dimensionPayloadKeys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "MeterEvent" ADD COLUMN     "combinationId" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "MeterUsageHour" DROP CONSTRAINT "MeterUsageHour_pkey",
ADD COLUMN     "combinationId" BIGINT NOT NULL DEFAULT 0,
ADD CONSTRAINT "MeterUsageHour_pkey" PRIMARY KEY ("meterId", "customerId", "hour", "combinationId", "shard");

-- AlterTable
ALTER TABLE "Price" ADD COLUMN     "meterSegmentConditions" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "UsageAlert" ADD COLUMN     "filters" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "MeterDimensionCombination" (
    "id" BIGSERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "month" TIMESTAMPTZ(3) NOT NULL,
    "values" JSONB NOT NULL,

    CONSTRAINT "MeterDimensionCombination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeterDimensionCombination_meterId_customerId_month_values_key" ON "MeterDimensionCombination"("meterId", "customerId", "month", "values");


-- Grouped and segmented usage reads take their edges from raw events per combination: the index
-- they read (migration 20261122000000_performance) also carries combinationId, so they stay index-only.
DROP INDEX "MeterEvent_meterId_customerId_timestamp_idx";
CREATE INDEX "MeterEvent_meterId_customerId_timestamp_idx" ON "MeterEvent"("meterId", "customerId", "timestamp") INCLUDE ("value", "seq", "canceledAt", "combinationId");
