-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "dateFallback" TEXT,
ALTER COLUMN "publishedAt" DROP NOT NULL;
