-- CreateTable
CREATE TABLE "event_log" (
    "offset" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "appendedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_log_pkey" PRIMARY KEY ("offset")
);

-- CreateTable
CREATE TABLE "event_log_positions" (
    "groupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "nextOffset" BIGINT NOT NULL,

    CONSTRAINT "event_log_positions_pkey" PRIMARY KEY ("groupId","topic")
);

-- CreateIndex
CREATE INDEX "event_log_topic_offset_idx" ON "event_log"("topic", "offset");
