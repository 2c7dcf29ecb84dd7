import { getRunQueue } from "../../runtime";
import { recordRunCanceller, recordRunStarter } from "../../services/actors.service";
import { replayRun } from "../../services/replay.service";
import * as runs from "../../services/runs.service";
import { getAlertRule, setAlertRule } from "../../services/runs-alert-rule.service";
import { getBusinessKeySetting, setBusinessKeySetting } from "../../services/runs-business-key.service";
import { bulkAct, countMatchingRuns, matchingIdsPage } from "../../services/runs-bulk.service";
import { getDashboard } from "../../services/runs-dashboard.service";
import { liveRuns, searchRuns } from "../../services/runs-history.service";
import { buildProcedure, operateProcedure, readProcedure, router } from "../trpc";
import {
  bulkInput,
  countInput,
  dashboardInput,
  flowIdInput,
  listRunsInput,
  liveRunsInput,
  matchingIdsInput,
  replayRunInput,
  runIdInput,
  setAlertRuleInput,
  setBusinessKeyInput,
} from "./runs.schema";

export const runsRouter = router({
  list: readProcedure.input(listRunsInput).query(({ ctx, input }) => {
    const { sort, limit, cursor, ...filter } = input;
    return searchRuns(ctx.db, ctx.workspaceId, { filter, sort, limit, cursor });
  }),
  dashboard: readProcedure
    .input(dashboardInput)
    .query(({ ctx, input }) => getDashboard(ctx.db, ctx.workspaceId, input)),
  live: readProcedure.input(liveRunsInput).query(({ ctx, input }) => liveRuns(ctx.db, ctx.workspaceId, input)),
  get: readProcedure.input(runIdInput).query(({ ctx, input }) => runs.getRun(ctx.db, ctx.workspaceId, input.id)),
  cancel: operateProcedure.input(runIdInput).mutation(async ({ ctx, input }) => {
    const cancelled = await runs.cancelRun(ctx.db, ctx.workspaceId, input.id);
    await recordRunCanceller(ctx.db, ctx.workspaceId, input.id, ctx.principal.label);
    return cancelled;
  }),
  replay: operateProcedure.input(replayRunInput).mutation(async ({ ctx, input }) => {
    const replay = await replayRun(ctx.db, getRunQueue, ctx.workspaceId, input);
    await recordRunStarter(ctx.db, ctx.workspaceId, replay.runId, ctx.principal.label);
    return replay;
  }),
  count: readProcedure
    .input(countInput)
    .query(({ ctx, input }) => countMatchingRuns(ctx.db, ctx.workspaceId, input.filter)),
  matchingIds: readProcedure
    .input(matchingIdsInput)
    .query(({ ctx, input }) => matchingIdsPage(ctx.db, ctx.workspaceId, input)),
  /** A flow's business key template (Flow settings) and its trigger's suggestion. */
  businessKey: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getBusinessKeySetting(ctx.db, ctx.workspaceId, input.flowId)),
  setBusinessKey: buildProcedure
    .input(setBusinessKeyInput)
    .mutation(({ ctx, input }) => setBusinessKeySetting(ctx.db, ctx.workspaceId, input.flowId, input.expression)),
  /** A flow's alert rule (Flow settings): N failed runs within M minutes start its alert flows once. */
  alertRule: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getAlertRule(ctx.db, ctx.workspaceId, input.flowId)),
  setAlertRule: buildProcedure
    .input(setAlertRuleInput)
    .mutation(({ ctx, input }) => setAlertRule(ctx.db, ctx.workspaceId, input.flowId, input.rule)),
  bulk: operateProcedure.input(bulkInput).mutation(async ({ ctx, input }) => {
    const outcomes = await bulkAct(ctx.db, getRunQueue, ctx.workspaceId, input);
    for (const outcome of outcomes.filter((item) => item.ok)) {
      if (outcome.replayRunId) {
        await recordRunStarter(ctx.db, ctx.workspaceId, outcome.replayRunId, ctx.principal.label);
      } else if (input.action === "cancel") {
        await recordRunCanceller(ctx.db, ctx.workspaceId, outcome.id, ctx.principal.label);
      }
    }
    return outcomes;
  }),
});
