-- AlterTable
ALTER TABLE "email_targets" ADD COLUMN     "digest" TEXT;
