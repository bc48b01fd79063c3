-- CreateTable
CREATE TABLE "feed_sources" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "name" TEXT,
    "intervalSeconds" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "origin" TEXT NOT NULL,
    "etag" TEXT,
    "lastModified" TEXT,
    "nextPollAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastPolledAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastErrorAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "lastError" TEXT,
    "itemsSeen" INTEGER NOT NULL DEFAULT 0,
    "itemsIngested" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feed_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feed_items" (
    "sourceId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "url" TEXT,
    "status" TEXT NOT NULL,
    "articleId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "feed_items_pkey" PRIMARY KEY ("sourceId","itemKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "feed_sources_url_key" ON "feed_sources"("url");

-- CreateIndex
CREATE INDEX "feed_sources_enabled_nextPollAt_idx" ON "feed_sources"("enabled", "nextPollAt");

-- AddForeignKey
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "feed_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
