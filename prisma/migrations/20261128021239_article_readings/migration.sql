-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "events" JSONB,
ADD COLUMN     "publishedAtText" TEXT,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;
