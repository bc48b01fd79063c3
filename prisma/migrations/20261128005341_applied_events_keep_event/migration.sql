-- AlterTable
ALTER TABLE "applied_events" ADD COLUMN     "event" JSONB NOT NULL,
ADD COLUMN     "occurredAt" TIMESTAMP(3) NOT NULL;

-- CreateIndex
CREATE INDEX "applied_events_trackId_occurredAt_idx" ON "applied_events"("trackId", "occurredAt");
