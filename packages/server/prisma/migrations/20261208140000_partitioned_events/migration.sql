-- Meter events partitioned by month of their timestamp (docs/operations/databases.md#partitioned-events).
-- A partitioned table's unique keys must include the partition key: the primary key becomes
-- (meterId, customerId, timestamp, seq), the index usage reads already used, which now also keeps
-- events unique, and identifiers are unique through MeterEventIdentifier, unpartitioned.
-- The table is rewritten: stop the previous version's processes before applying it (the previous
-- version names the old identifier constraint), see docs/operations/migrations.md#upgrading-without-downtime.
-- Every existing row lands in the default partition, which the server splits into monthly
-- partitions when it migrates and when it starts (usage-store/postgres/partitions.ts).

-- CreateTable
CREATE TABLE "MeterEventIdentifier" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "identifier" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "MeterEventIdentifier_pkey" PRIMARY KEY ("accountId","mode","identifier")
);

-- The old table steps aside with its sequence, which the new one keeps numbering from.
ALTER SEQUENCE "MeterEvent_seq_seq" OWNED BY NONE;
ALTER TABLE "MeterEvent" RENAME TO "MeterEvent_unpartitioned";
ALTER TABLE "MeterEvent_unpartitioned" RENAME CONSTRAINT "MeterEvent_pkey" TO "MeterEvent_unpartitioned_pkey";
DROP INDEX "MeterEvent_meterId_customerId_timestamp_idx";
DROP INDEX "MeterEvent_accountId_mode_identifier_key";

CREATE TABLE "MeterEvent" (
    "seq" BIGINT NOT NULL DEFAULT nextval('"MeterEvent_seq_seq"'),
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "identifier" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "value" DECIMAL(65,30) NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "canceledAt" TIMESTAMPTZ(3),
    "combinationId" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "MeterEvent_pkey" PRIMARY KEY ("meterId","customerId","timestamp","seq") INCLUDE ("value", "canceledAt", "combinationId")
) PARTITION BY RANGE ("timestamp");

-- Rows of a month without a partition of its own: a safety net, emptied into monthly partitions.
CREATE TABLE "MeterEvent_default" PARTITION OF "MeterEvent" DEFAULT;

-- Data copy
INSERT INTO "MeterEvent" ("seq", "accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "payload", "createdAt", "canceledAt", "combinationId")
SELECT "seq", "accountId", "mode", "identifier", "meterId", "customerId", "value", "timestamp", "payload", "createdAt", "canceledAt", "combinationId"
FROM "MeterEvent_unpartitioned";

INSERT INTO "MeterEventIdentifier" ("accountId", "mode", "identifier", "meterId", "customerId", "timestamp", "seq")
SELECT "accountId", "mode", "identifier", "meterId", "customerId", "timestamp", "seq" FROM "MeterEvent_unpartitioned";

DROP TABLE "MeterEvent_unpartitioned";
ALTER SEQUENCE "MeterEvent_seq_seq" OWNED BY "MeterEvent"."seq";

-- AddForeignKey
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_meterId_fkey" FOREIGN KEY ("meterId") REFERENCES "Meter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterEvent" ADD CONSTRAINT "MeterEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
