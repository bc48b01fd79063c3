-- A subscription's destination moves into one table per kind (webhook, email, slack), and the
-- subscription gains its filters (parties, change kinds, minimum confidence). The existing rows are
-- copied over before the old nullable columns go. Email subscriptions made before double opt-in
-- existed were already receiving alerts: they count as confirmed when they were created.

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "changeKinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "minConfidence" DOUBLE PRECISION,
ADD COLUMN     "parties" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "webhook_targets" (
    "subscriptionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretUntil" TIMESTAMP(3),

    CONSTRAINT "webhook_targets_pkey" PRIMARY KEY ("subscriptionId")
);

-- CreateTable
CREATE TABLE "email_targets" (
    "subscriptionId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "confirmBy" TIMESTAMP(3),

    CONSTRAINT "email_targets_pkey" PRIMARY KEY ("subscriptionId")
);

-- CreateTable
CREATE TABLE "slack_targets" (
    "subscriptionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    CONSTRAINT "slack_targets_pkey" PRIMARY KEY ("subscriptionId")
);

-- Copy the destinations of the existing subscriptions
INSERT INTO "webhook_targets" ("subscriptionId", "url", "secret")
SELECT "id", "url", "secret" FROM "subscriptions" WHERE "kind" = 'webhook' AND "url" IS NOT NULL AND "secret" IS NOT NULL;

INSERT INTO "email_targets" ("subscriptionId", "email", "confirmedAt")
SELECT "id", "email", "createdAt" FROM "subscriptions" WHERE "kind" = 'email' AND "email" IS NOT NULL;

-- AlterTable
ALTER TABLE "subscriptions" DROP COLUMN "email",
DROP COLUMN "secret",
DROP COLUMN "url";

-- AddForeignKey
ALTER TABLE "webhook_targets" ADD CONSTRAINT "webhook_targets_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_targets" ADD CONSTRAINT "email_targets_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slack_targets" ADD CONSTRAINT "slack_targets_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
