import { getRunQueue, requestManualRun } from "../../runtime";
import * as flows from "../../services/flows.service";
import { procedure, router } from "../trpc";
import { createFlowInput, flowIdInput, renameFlowInput, runNowInput, saveDraftInput } from "./flows.schema";

export const flowsRouter = router({
  list: procedure.query(({ ctx }) => flows.listFlows(ctx.db, ctx.workspaceId)),
  get: procedure.input(flowIdInput).query(({ ctx, input }) => flows.getFlow(ctx.db, ctx.workspaceId, input.id)),
  create: procedure
    .input(createFlowInput)
    .mutation(({ ctx, input }) => flows.createFlow(ctx.db, ctx.workspaceId, input.name)),
  rename: procedure
    .input(renameFlowInput)
    .mutation(({ ctx, input }) => flows.renameFlow(ctx.db, ctx.workspaceId, input.id, input.name)),
  delete: procedure.input(flowIdInput).mutation(({ ctx, input }) => flows.deleteFlow(ctx.db, ctx.workspaceId, input.id)),
  saveDraft: procedure
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => flows.saveDraft(ctx.db, ctx.workspaceId, input.id, input.graph, input.baseRevision)),
  start: procedure.input(flowIdInput).mutation(({ ctx, input }) => flows.startFlow(ctx.db, ctx.workspaceId, input.id)),
  stop: procedure.input(flowIdInput).mutation(({ ctx, input }) => flows.stopFlow(ctx.db, ctx.workspaceId, input.id)),
  runNow: procedure.input(runNowInput).mutation(async ({ ctx, input }) =>
    requestManualRun(ctx.db, await getRunQueue(), {
      workspaceId: ctx.workspaceId,
      flowId: input.id,
      payload: input.payload ?? {},
    }),
  ),
});
