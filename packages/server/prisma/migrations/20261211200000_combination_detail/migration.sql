-- Ten-minute detail per combination of busy folded hours (usage-store/postgres/detail.ts): the
-- reads per combination took the partial hour at each edge of their range from raw events, up to
-- an hour of them, so their cost grew with the event count. Whole ten-minute blocks now come from here.
CREATE TABLE "MeterUsageBlock" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "block" TIMESTAMPTZ(3) NOT NULL,
    "combinationId" BIGINT NOT NULL DEFAULT 0,
    "count" BIGINT NOT NULL,
    "sum" DECIMAL(69,30) NOT NULL,
    "max" DECIMAL(65,30) NOT NULL,
    "lastValue" DECIMAL(65,30) NOT NULL,
    "lastTimestamp" TIMESTAMPTZ(3) NOT NULL,
    "lastSeq" BIGINT NOT NULL,

    CONSTRAINT "MeterUsageBlock_pkey" PRIMARY KEY ("accountId","mode","meterId","customerId","block","combinationId")
);
