-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT;
