-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "attemptLog" JSONB;
