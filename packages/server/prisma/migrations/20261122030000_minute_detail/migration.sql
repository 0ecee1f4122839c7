-- Minute detail of busy folded hours (services/meter-events/rollup.ts): a usage read took the
-- partial hour at each edge of its range from raw events, up to half an hour of them, so its cost
-- grew with the event count. Whole minutes now come from here.
ALTER TABLE "MeterUsageHour" ADD COLUMN "detailCount" BIGINT;

-- CreateTable
CREATE TABLE "MeterUsageMinute" (
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DECIMAL(65,30) NOT NULL,
    "max" DECIMAL(65,30) NOT NULL,

    CONSTRAINT "MeterUsageMinute_pkey" PRIMARY KEY ("meterId","customerId","minute")
);
