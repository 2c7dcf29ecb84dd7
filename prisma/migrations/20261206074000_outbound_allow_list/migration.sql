-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "outboundAllowList" TEXT[] DEFAULT ARRAY[]::TEXT[];
