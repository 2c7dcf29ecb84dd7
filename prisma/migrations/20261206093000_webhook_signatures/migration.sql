-- CreateTable
CREATE TABLE "WebhookSignature" (
    "flowId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookSignature_pkey" PRIMARY KEY ("flowId","signature")
);

-- CreateIndex
CREATE INDEX "WebhookSignature_flowId_expiresAt_idx" ON "WebhookSignature"("flowId", "expiresAt");

-- AddForeignKey
ALTER TABLE "WebhookSignature" ADD CONSTRAINT "WebhookSignature_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
