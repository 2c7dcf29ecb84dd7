-- CreateTable
CREATE TABLE "SampleListener" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "capturedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SampleListener_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SampleListener_flowId_createdAt_idx" ON "SampleListener"("flowId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "SampleListener" ADD CONSTRAINT "SampleListener_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
