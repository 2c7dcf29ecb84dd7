import { getRunQueue } from "../../runtime";
import { replayRun } from "../../services/replay.service";
import * as runs from "../../services/runs.service";
import { getDashboard } from "../../services/runs-dashboard.service";
import { liveRuns, searchRuns } from "../../services/runs-history.service";
import { procedure, router } from "../trpc";
import { dashboardInput, listRunsInput, liveRunsInput, replayRunInput, runIdInput } from "./runs.schema";

export const runsRouter = router({
  list: procedure.input(listRunsInput).query(({ ctx, input }) => {
    const { sort, limit, cursor, ...filter } = input;
    return searchRuns(ctx.db, ctx.workspaceId, { filter, sort, limit, cursor });
  }),
  dashboard: procedure.input(dashboardInput).query(({ ctx, input }) => getDashboard(ctx.db, ctx.workspaceId, input)),
  live: procedure.input(liveRunsInput).query(({ ctx, input }) => liveRuns(ctx.db, ctx.workspaceId, input)),
  get: procedure.input(runIdInput).query(({ ctx, input }) => runs.getRun(ctx.db, ctx.workspaceId, input.id)),
  cancel: procedure.input(runIdInput).mutation(({ ctx, input }) => runs.cancelRun(ctx.db, ctx.workspaceId, input.id)),
  replay: procedure
    .input(replayRunInput)
    .mutation(({ ctx, input }) => replayRun(ctx.db, getRunQueue, ctx.workspaceId, input)),
});
