-- Hourly rollups get a shard: concurrent ingest transactions upserted the same (meter, customer,
-- hour) row and waited for each other's commit, which halved batched ingest throughput. Each
-- connection now writes its own shard, and readers already merge rows per bucket.
ALTER TABLE "MeterUsageHour" ADD COLUMN "shard" SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE "MeterUsageHour" DROP CONSTRAINT "MeterUsageHour_pkey";
ALTER TABLE "MeterUsageHour" ADD CONSTRAINT "MeterUsageHour_pkey" PRIMARY KEY ("meterId", "customerId", "hour", "shard");
