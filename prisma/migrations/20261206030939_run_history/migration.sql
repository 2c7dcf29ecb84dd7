-- DropIndex
DROP INDEX "Run_workspaceId_createdAt_idx";

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "businessKeyExpression" TEXT;

-- AlterTable
-- Generated columns, edited by hand (the Prisma schema cannot declare them and sees plain nullable columns, which the
-- client never writes): the dashboard sorts, groups and takes percentiles on them without parsing JSON per row, and
-- no code path that finishes a run has to remember to set them. A duration past int range (24.8 days) is capped.
ALTER TABLE "Run" ADD COLUMN     "durationMs" INTEGER GENERATED ALWAYS AS (
  CASE WHEN "startedAt" IS NULL OR "finishedAt" IS NULL THEN NULL
    ELSE LEAST(EXTRACT(EPOCH FROM ("finishedAt" - "startedAt")) * 1000, 2147483647)::integer END
) STORED,
ADD COLUMN     "errorCode" TEXT GENERATED ALWAYS AS ("error" ->> 'code') STORED,
ADD COLUMN     "errorMessage" TEXT GENERATED ALWAYS AS (left("error" ->> 'message', 500)) STORED;

-- CreateIndex
CREATE INDEX "Run_workspace_created_idx" ON "Run"("workspaceId", "createdAt" DESC, "status", "isTest", "flowId", "durationMs");

-- CreateIndex
CREATE INDEX "Run_flow_created_idx" ON "Run"("flowId", "createdAt" DESC, "status", "isTest", "durationMs");

-- CreateIndex
CREATE INDEX "Run_workspaceId_status_createdAt_idx" ON "Run"("workspaceId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Run_workspaceId_businessKey_createdAt_idx" ON "Run"("workspaceId", "businessKey", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Run_workspaceId_durationMs_idx" ON "Run"("workspaceId", "durationMs" DESC);

-- CreateIndex
CREATE INDEX "Run_replayOfRunId_idx" ON "Run"("replayOfRunId");
