-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "workerStops" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RunDedupeKey" (
    "flowId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunDedupeKey_pkey" PRIMARY KEY ("flowId","key")
);

-- CreateIndex
CREATE INDEX "RunDedupeKey_createdAt_idx" ON "RunDedupeKey"("createdAt");

-- AddForeignKey
ALTER TABLE "RunDedupeKey" ADD CONSTRAINT "RunDedupeKey_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The dedupe keys of runs that exist today, so that their events stay duplicates once retention deletes the runs.
INSERT INTO "RunDedupeKey" ("flowId", "key", "runId", "createdAt")
SELECT "flowId", "dedupeKey", "id", "createdAt" FROM "Run" WHERE "dedupeKey" IS NOT NULL
ON CONFLICT DO NOTHING;
