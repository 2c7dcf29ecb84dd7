import { getRunQueue } from "../../runtime";
import { replayRun } from "../../services/replay.service";
import * as runs from "../../services/runs.service";
import { procedure, router } from "../trpc";
import { listRunsInput, replayRunInput, runIdInput } from "./runs.schema";

export const runsRouter = router({
  list: procedure.input(listRunsInput).query(({ ctx, input }) => runs.listRuns(ctx.db, ctx.workspaceId, input)),
  get: procedure.input(runIdInput).query(({ ctx, input }) => runs.getRun(ctx.db, ctx.workspaceId, input.id)),
  cancel: procedure.input(runIdInput).mutation(({ ctx, input }) => runs.cancelRun(ctx.db, ctx.workspaceId, input.id)),
  replay: procedure
    .input(replayRunInput)
    .mutation(({ ctx, input }) => replayRun(ctx.db, getRunQueue, ctx.workspaceId, input)),
});
