import * as runs from "../../services/runs.service";
import { procedure, router } from "../trpc";
import { listRunsInput, runIdInput } from "./runs.schema";

export const runsRouter = router({
  list: procedure.input(listRunsInput).query(({ ctx, input }) => runs.listRuns(ctx.db, ctx.workspaceId, input)),
  get: procedure.input(runIdInput).query(({ ctx, input }) => runs.getRun(ctx.db, ctx.workspaceId, input.id)),
});
