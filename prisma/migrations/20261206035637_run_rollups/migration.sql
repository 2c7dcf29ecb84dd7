-- DropIndex
DROP INDEX "Run_workspaceId_status_createdAt_idx";

-- CreateTable
CREATE TABLE "RunRollup" (
    "workspaceId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "succeeded" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "durations" JSONB NOT NULL,

    CONSTRAINT "RunRollup_pkey" PRIMARY KEY ("workspaceId","slot","flowId")
);

-- CreateTable
CREATE TABLE "RunRollupSlot" (
    "workspaceId" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "sealedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunRollupSlot_pkey" PRIMARY KEY ("workspaceId","slot")
);

-- CreateIndex
CREATE INDEX "RunRollup_flowId_slot_idx" ON "RunRollup"("flowId", "slot");

-- CreateIndex
CREATE INDEX "Run_workspace_status_created_idx" ON "Run"("workspaceId", "status", "createdAt" DESC, "errorCode", "errorMessage");

-- AddForeignKey
ALTER TABLE "RunRollup" ADD CONSTRAINT "RunRollup_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
