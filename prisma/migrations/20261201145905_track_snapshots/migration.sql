-- AlterTable
ALTER TABLE "tracks" ADD COLUMN     "snapshot_until" TIMESTAMP(3),
ADD COLUMN     "snapshot_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "track_snapshots" (
    "track_id" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "state" JSONB NOT NULL,

    CONSTRAINT "track_snapshots_pkey" PRIMARY KEY ("track_id","until")
);
