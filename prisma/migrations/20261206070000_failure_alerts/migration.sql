-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "alertFailureCount" INTEGER,
ADD COLUMN     "alertWindowMinutes" INTEGER;

-- CreateTable
CREATE TABLE "RunFailure" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3),
    "alerted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RunFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RunFailure_runId_key" ON "RunFailure"("runId");

-- CreateIndex
CREATE INDEX "RunFailure_processedAt_id_idx" ON "RunFailure"("processedAt", "id");

-- CreateIndex
CREATE INDEX "RunFailure_flowId_failedAt_idx" ON "RunFailure"("flowId", "failedAt");

-- AddForeignKey
ALTER TABLE "RunFailure" ADD CONSTRAINT "RunFailure_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunFailure" ADD CONSTRAINT "RunFailure_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The alert outbox is written here, by the database, in the same transaction as the run's failed state: no code path
-- that fails a run (the executor, a poll saving a broken item, whatever comes later) can forget it, and a worker that
-- dies after the run failed leaves the row for another. Test runs ("Test flow") raise no alerts.
-- The migration runner splits a script at every semicolon, quotes or not, so the function body is an E'' string
-- whose semicolons are written \073.
CREATE FUNCTION "conflux_record_run_failure"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "RunFailure" ("runId", "workspaceId", "flowId", "failedAt")
  VALUES (NEW.id, NEW."workspaceId", NEW."flowId", COALESCE(NEW."finishedAt", now() AT TIME ZONE \'UTC\'))
  ON CONFLICT ("runId") DO NOTHING\073
  RETURN NULL\073
END
';

-- WHEN is checked before anything is queued, so runs that do not fail pay nothing for these triggers.
CREATE TRIGGER "Run_failed_insert" AFTER INSERT ON "Run"
  FOR EACH ROW WHEN (NEW.status = 'failed' AND NOT NEW."isTest")
  EXECUTE FUNCTION "conflux_record_run_failure"();

CREATE TRIGGER "Run_failed_update" AFTER UPDATE OF status ON "Run"
  FOR EACH ROW WHEN (NEW.status = 'failed' AND OLD.status <> 'failed' AND NOT NEW."isTest")
  EXECUTE FUNCTION "conflux_record_run_failure"();
