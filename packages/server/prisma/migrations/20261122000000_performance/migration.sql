-- Usage reads (services/usage.ts) aggregate the raw events of the partial hours at the edges of a
-- range, and rollup recomputation those of one hour: (meterId, customerId, timestamp) ranges
-- reading value, seq and canceledAt. Carrying those columns in the index makes the scans
-- index-only (no heap visit per event on all-visible pages), so an edge costs the same whatever
-- the table holds. Prisma's @@index cannot express INCLUDE: the schema keeps the plain @@index of
-- the same name.
DROP INDEX "MeterEvent_meterId_customerId_timestamp_idx";
CREATE INDEX "MeterEvent_meterId_customerId_timestamp_idx" ON "MeterEvent"("meterId", "customerId", "timestamp") INCLUDE ("value", "seq", "canceledAt");
