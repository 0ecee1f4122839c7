-- The rollup rows outside shard 0: the folding job (services/meter-events/fold-job.ts) reads its
-- candidates here every minute, so it never scans the whole table. Folded hours leave the index,
-- so it holds only the last hours' rows. Prisma's schema cannot express a partial index.
CREATE INDEX "MeterUsageHour_unfolded_idx" ON "MeterUsageHour"("hour") WHERE "shard" <> 0;
