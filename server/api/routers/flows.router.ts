import { getRunQueue, requestManualRun } from "../../runtime";
import { getFlowRetention, setFlowRetention } from "../../services/flow-retention.service";
import * as flows from "../../services/flows.service";
import { getWebhookInfo, rotateWebhookSecret } from "../../services/webhooks.service";
import { procedure, router } from "../trpc";
import { getPollStartOptions } from "../../services/poll-start.service";
import {
  createFlowInput,
  flowIdInput,
  renameFlowInput,
  runNowInput,
  saveDraftInput,
  startFlowInput,
} from "./flows.schema";
import { setRetentionInput } from "./flows.schema";
import { fetchTriggerSampleInput, listenForSampleInput, testRunInput, testSamplesInput } from "./flows.schema";
import { fetchTriggerSample } from "../../services/trigger-sample.service";
import { getSampleListener, listenForSample, stopListeningForSample } from "../../services/sample-listeners.service";
import { getTestSamples, startTestRun } from "../../services/test-run.service";
import { createFlowFromTemplate, importFlow } from "../../services/flow-import.service";
import * as versions from "../../services/versions.service";
import { importFlowInput, restoreVersionInput, versionDiffInput } from "./flows.schema";
import { checkTestDataInput } from "../../security/input-limits";

export const flowsRouter = router({
  list: procedure.query(({ ctx }) => flows.listFlows(ctx.db, ctx.workspaceId)),
  get: procedure.input(flowIdInput).query(({ ctx, input }) => flows.getFlow(ctx.db, ctx.workspaceId, input.id)),
  create: procedure
    .input(createFlowInput)
    .mutation(({ ctx, input }) =>
      input.templateId
        ? createFlowFromTemplate(ctx.db, ctx.workspaceId, input.name, input.templateId)
        : flows.createFlow(ctx.db, ctx.workspaceId, input.name),
    ),
  /** Creates a flow from an exported file; accounts are the importer's own, chosen per application. */
  import: procedure.input(importFlowInput).mutation(({ ctx, input }) => importFlow(ctx.db, ctx.workspaceId, input)),
  /** Published versions, newest first. */
  versions: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => versions.listVersions(ctx.db, ctx.workspaceId, input.id)),
  /** What the running flow runs, so the designer can say when the canvas differs from it. */
  liveGraph: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => versions.getLiveGraph(ctx.db, ctx.workspaceId, input.id)),
  versionDiff: procedure
    .input(versionDiffInput)
    .query(({ ctx, input }) => versions.diffVersions(ctx.db, ctx.workspaceId, input.id, input.from, input.to)),
  /** Copies a version into the draft, refused (CONFLICT) when the draft was saved since baseRevision. */
  restoreVersion: procedure
    .input(restoreVersionInput)
    .mutation(({ ctx, input }) =>
      versions.restoreVersion(ctx.db, ctx.workspaceId, input.id, input.number, input.baseRevision),
    ),
  rename: procedure
    .input(renameFlowInput)
    .mutation(({ ctx, input }) => flows.renameFlow(ctx.db, ctx.workspaceId, input.id, input.name)),
  delete: procedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) => flows.deleteFlow(ctx.db, ctx.workspaceId, input.id)),
  saveDraft: procedure
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => flows.saveDraft(ctx.db, ctx.workspaceId, input.id, input.graph, input.baseRevision)),
  start: procedure.input(startFlowInput).mutation(({ ctx, input }) =>
    flows.startFlow(ctx.db, ctx.workspaceId, input.id, {
      pollFrom: input.pollFrom,
      publicOrigin: ctx.publicOrigin,
      keys: ctx.keys,
    }),
  ),
  /** What the Start dialog offers: whether the trigger polls and whether it can continue where it left off. */
  startOptions: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getPollStartOptions(ctx.db, ctx.workspaceId, input.id)),
  stop: procedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) =>
      flows.stopFlow(ctx.db, ctx.workspaceId, input.id, { publicOrigin: ctx.publicOrigin, keys: ctx.keys }),
    ),
  /** How long the flow's finished runs are kept: its own days, or null for the global default. */
  retention: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getFlowRetention(ctx.db, ctx.workspaceId, input.id)),
  setRetention: procedure
    .input(setRetentionInput)
    .mutation(({ ctx, input }) => setFlowRetention(ctx.db, ctx.workspaceId, input.id, input.days)),
  /** A webhook flow's address path and secret (null before its first Start), for the designer. */
  webhook: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getWebhookInfo(ctx.db, ctx.keys, ctx.workspaceId, input.id)),
  rotateWebhookSecret: procedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.keys, ctx.workspaceId, input.id)),
  /** Runs the saved draft once on sample data, as a test run that run lists leave out. */
  testRun: procedure.input(testRunInput).mutation(async ({ ctx, input }) =>
    startTestRun(ctx.db, await getRunQueue(), ctx.workspaceId, {
      flowId: input.id,
      baseRevision: input.baseRevision,
      payload: input.payload ?? {},
    }),
  ),
  /** Trigger data "Test flow" can start from: the trigger's declared sample and the last real run's data. */
  testSamples: procedure
    .input(testSamplesInput)
    .query(({ ctx, input }) => getTestSamples(ctx.db, ctx.workspaceId, input.id, input.trigger)),
  /** Opens a temporary address whose first request becomes the webhook trigger's sample, starting no run. */
  listenForSample: procedure
    .input(listenForSampleInput)
    .mutation(({ ctx, input }) => listenForSample(ctx.db, ctx.keys, ctx.workspaceId, input.id, input.trigger)),
  /** The flow's newest test address: listening, captured (with the data), closed or expired. */
  sampleListener: procedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getSampleListener(ctx.db, ctx.workspaceId, input.id)),
  stopListeningForSample: procedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) => stopListeningForSample(ctx.db, ctx.workspaceId, input.id)),
  /** Polls the trigger on the canvas once for a recent item, as its sample: no cursor saved, no runs made. */
  fetchTriggerSample: procedure
    .input(fetchTriggerSampleInput)
    .mutation(({ ctx, input, signal }) => fetchTriggerSample(ctx, input.id, input.trigger, { signal })),
  runNow: procedure.input(runNowInput).mutation(async ({ ctx, input }) => {
    checkTestDataInput(input.payload);
    return requestManualRun(ctx.db, getRunQueue, {
      workspaceId: ctx.workspaceId,
      flowId: input.id,
      payload: input.payload ?? {},
    });
  }),
});
