-- CreateTable
CREATE TABLE "StreamPartition" (
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "bucket" INTEGER NOT NULL,
    "publishedSeq" BIGINT NOT NULL DEFAULT 0,
    "committedSeq" BIGINT NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),

    CONSTRAINT "StreamPartition_pkey" PRIMARY KEY ("accountId","mode","bucket")
);

-- CreateTable
CREATE TABLE "StreamConsumer" (
    "id" TEXT NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StreamConsumer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StreamPartition_leaseUntil_idx" ON "StreamPartition"("leaseUntil");

