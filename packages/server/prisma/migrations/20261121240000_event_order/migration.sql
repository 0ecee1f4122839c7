-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "Event_accountId_mode_seq_idx" ON "Event"("accountId", "mode", "seq");

-- CreateIndex
CREATE INDEX "Event_accountId_mode_type_seq_idx" ON "Event"("accountId", "mode", "type", "seq");

