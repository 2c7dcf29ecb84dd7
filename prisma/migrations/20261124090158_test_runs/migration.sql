-- AlterTable
ALTER TABLE "FlowVersion" ADD COLUMN     "isTest" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "isTest" BOOLEAN NOT NULL DEFAULT false;
