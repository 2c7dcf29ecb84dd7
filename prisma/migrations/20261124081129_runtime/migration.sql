-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "rateLimitConcurrency" INTEGER,
ADD COLUMN     "rateLimitPerSecond" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "retentionDays" INTEGER;

-- AlterTable
ALTER TABLE "TriggerState" ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastFiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "replayOfRunId" TEXT,
ADD COLUMN     "response" JSONB;

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "inputTruncated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "itemIndex" INTEGER,
ADD COLUMN     "outputTruncated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "parentStepId" TEXT;

-- CreateTable
CREATE TABLE "AccountRateState" (
    "accountId" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountRateState_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "AccountSlot" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountSlot_accountId_expiresAt_idx" ON "AccountSlot"("accountId", "expiresAt");

-- CreateIndex
CREATE INDEX "Run_status_leaseExpiresAt_idx" ON "Run"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Run_finishedAt_idx" ON "Run"("finishedAt");

-- AddForeignKey
ALTER TABLE "AccountRateState" ADD CONSTRAINT "AccountRateState_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountSlot" ADD CONSTRAINT "AccountSlot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
