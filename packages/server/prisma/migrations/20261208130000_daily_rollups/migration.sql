-- Daily rollups (usage-store/postgres/daily.ts): per day and combination, the merge of the day's
-- folded hourly rows (shard 0), so that reads of whole days merge one row per day.
-- CreateTable
CREATE TABLE "MeterUsageDay" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "combinationId" BIGINT NOT NULL DEFAULT 0,
    "count" BIGINT NOT NULL,
    "sum" DECIMAL(69,30) NOT NULL,
    "max" DECIMAL(65,30),
    "lastValue" DECIMAL(65,30),
    "lastTimestamp" TIMESTAMPTZ(3),
    "lastSeq" BIGINT,

    CONSTRAINT "MeterUsageDay_pkey" PRIMARY KEY ("meterId","customerId","day","combinationId")
);


-- The rollup rows outside shard 0 by customer: a read of whole days adds a customer's to their
-- day rows, and the folding job still finds its candidates here (the index holds only the last
-- hours' rows), so it replaces the index by hour. Prisma's schema cannot express a partial index.
DROP INDEX "MeterUsageHour_unfolded_idx";
CREATE INDEX "MeterUsageHour_unfolded_customer_idx" ON "MeterUsageHour"("meterId", "customerId", "hour") WHERE "shard" <> 0;

-- The days of the hours folded so far, merged as usage-store/postgres/aggregate.ts merges partials.
INSERT INTO "MeterUsageDay" ("accountId", "mode", "meterId", "customerId", "day", "combinationId", "count", "sum", "max", "lastValue", "lastTimestamp", "lastSeq")
SELECT "accountId", "mode", "meterId", "customerId", date_trunc('day', "hour", 'UTC'), "combinationId", sum("count"), sum("sum"), max("max"),
       (array_agg("lastValue" ORDER BY "lastTimestamp" DESC, "lastSeq" DESC))[1], max("lastTimestamp"),
       (array_agg("lastSeq" ORDER BY "lastTimestamp" DESC, "lastSeq" DESC))[1]
FROM "MeterUsageHour"
WHERE "shard" = 0
GROUP BY "accountId", "mode", "meterId", "customerId", date_trunc('day', "hour", 'UTC'), "combinationId";
