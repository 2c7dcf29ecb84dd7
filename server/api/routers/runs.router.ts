import { getRunQueue } from "../../runtime";
import { replayRun } from "../../services/replay.service";
import * as runs from "../../services/runs.service";
import { getAlertRule, setAlertRule } from "../../services/runs-alert-rule.service";
import { getBusinessKeySetting, setBusinessKeySetting } from "../../services/runs-business-key.service";
import { bulkAct, countMatchingRuns, matchingIdsPage } from "../../services/runs-bulk.service";
import { getDashboard } from "../../services/runs-dashboard.service";
import { liveRuns, searchRuns } from "../../services/runs-history.service";
import { procedure, router } from "../trpc";
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
  count: procedure
    .input(countInput)
    .query(({ ctx, input }) => countMatchingRuns(ctx.db, ctx.workspaceId, input.filter)),
  matchingIds: procedure
    .input(matchingIdsInput)
    .query(({ ctx, input }) => matchingIdsPage(ctx.db, ctx.workspaceId, input)),
  /** A flow's business key template (Flow settings) and its trigger's suggestion. */
  businessKey: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getBusinessKeySetting(ctx.db, ctx.workspaceId, input.flowId)),
  setBusinessKey: procedure
    .input(setBusinessKeyInput)
    .mutation(({ ctx, input }) => setBusinessKeySetting(ctx.db, ctx.workspaceId, input.flowId, input.expression)),
  /** A flow's alert rule (Flow settings): N failed runs within M minutes start its alert flows once. */
  alertRule: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getAlertRule(ctx.db, ctx.workspaceId, input.flowId)),
  setAlertRule: procedure
    .input(setAlertRuleInput)
    .mutation(({ ctx, input }) => setAlertRule(ctx.db, ctx.workspaceId, input.flowId, input.rule)),
  bulk: procedure.input(bulkInput).mutation(({ ctx, input }) => bulkAct(ctx.db, getRunQueue, ctx.workspaceId, input)),
});
