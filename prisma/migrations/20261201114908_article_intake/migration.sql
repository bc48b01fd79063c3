-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "canonical_url" TEXT,
ADD COLUMN     "fingerprint" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "fingerprint_bands" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "language" TEXT,
ADD COLUMN     "outlet" TEXT,
ADD COLUMN     "skipped_reason" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'api';

-- CreateTable
CREATE TABLE "article_syndications" (
    "id" TEXT NOT NULL,
    "article_id" TEXT NOT NULL,
    "url" TEXT,
    "canonical_url" TEXT,
    "outlet" TEXT,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "article_syndications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "article_outbox" (
    "id" BIGSERIAL NOT NULL,
    "article_id" TEXT NOT NULL,
    "records" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "article_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "article_syndications_canonical_url_key" ON "article_syndications"("canonical_url");

-- CreateIndex
CREATE INDEX "article_syndications_article_id_idx" ON "article_syndications"("article_id");

-- CreateIndex
CREATE UNIQUE INDEX "article_outbox_article_id_key" ON "article_outbox"("article_id");

-- CreateIndex
CREATE INDEX "article_outbox_sent_at_id_idx" ON "article_outbox"("sent_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "articles_canonical_url_key" ON "articles"("canonical_url");

-- CreateIndex
CREATE INDEX "articles_source_receivedAt_idx" ON "articles"("source", "receivedAt");

-- CreateIndex
CREATE INDEX "articles_receivedAt_idx" ON "articles"("receivedAt");

-- CreateIndex
CREATE INDEX "articles_fingerprint_bands_idx" ON "articles" USING GIN ("fingerprint_bands");

-- AddForeignKey
ALTER TABLE "article_syndications" ADD CONSTRAINT "article_syndications_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
