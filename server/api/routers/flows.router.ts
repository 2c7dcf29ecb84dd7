import { roleAllows } from "@/lib/roles";
import { recordPublisher, recordRunStarter } from "../../services/actors.service";
import { getRunQueue, requestManualRun } from "../../runtime";
import { getFlowRetention, setFlowRetention } from "../../services/flow-retention.service";
import * as flows from "../../services/flows.service";
import { getWebhookInfo, rotateWebhookSecret } from "../../services/webhooks.service";
import { buildProcedure, operateProcedure, readProcedure, router } from "../trpc";
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
  list: readProcedure.query(({ ctx }) => flows.listFlows(ctx.db, ctx.workspaceId)),
  get: readProcedure.input(flowIdInput).query(({ ctx, input }) => flows.getFlow(ctx.db, ctx.workspaceId, input.id)),
  create: buildProcedure
    .input(createFlowInput)
    .mutation(({ ctx, input }) =>
      input.templateId
        ? createFlowFromTemplate(ctx.db, ctx.workspaceId, input.name, input.templateId)
        : flows.createFlow(ctx.db, ctx.workspaceId, input.name),
    ),
  /** Creates a flow from an exported file; accounts are the importer's own, chosen per application. */
  import: buildProcedure
    .input(importFlowInput)
    .mutation(({ ctx, input }) => importFlow(ctx.db, ctx.workspaceId, input)),
  /** Published versions, newest first. */
  versions: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => versions.listVersions(ctx.db, ctx.workspaceId, input.id)),
  /** What the running flow runs, so the designer can say when the canvas differs from it. */
  liveGraph: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => versions.getLiveGraph(ctx.db, ctx.workspaceId, input.id)),
  versionDiff: readProcedure
    .input(versionDiffInput)
    .query(({ ctx, input }) => versions.diffVersions(ctx.db, ctx.workspaceId, input.id, input.from, input.to)),
  /** Copies a version into the draft, refused (CONFLICT) when the draft was saved since baseRevision. */
  restoreVersion: buildProcedure
    .input(restoreVersionInput)
    .mutation(({ ctx, input }) =>
      versions.restoreVersion(ctx.db, ctx.workspaceId, input.id, input.number, input.baseRevision),
    ),
  rename: buildProcedure
    .input(renameFlowInput)
    .mutation(({ ctx, input }) => flows.renameFlow(ctx.db, ctx.workspaceId, input.id, input.name)),
  delete: buildProcedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) => flows.deleteFlow(ctx.db, ctx.workspaceId, input.id)),
  saveDraft: buildProcedure
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => flows.saveDraft(ctx.db, ctx.workspaceId, input.id, input.graph, input.baseRevision)),
  start: operateProcedure.input(startFlowInput).mutation(async ({ ctx, input }) => {
    const started = await flows.startFlow(ctx.db, ctx.workspaceId, input.id, {
      pollFrom: input.pollFrom,
      publicOrigin: ctx.publicOrigin,
      keys: ctx.keys,
    });
    await recordPublisher(ctx.db, ctx.workspaceId, input.id, started.versionNumber, ctx.principal.label);
    return started;
  }),
  /** What the Start dialog offers: whether the trigger polls and whether it can continue where it left off. */
  startOptions: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getPollStartOptions(ctx.db, ctx.workspaceId, input.id)),
  stop: operateProcedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) =>
      flows.stopFlow(ctx.db, ctx.workspaceId, input.id, { publicOrigin: ctx.publicOrigin, keys: ctx.keys }),
    ),
  /** How long the flow's finished runs are kept: its own days, or null for the global default. */
  retention: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getFlowRetention(ctx.db, ctx.workspaceId, input.id)),
  setRetention: buildProcedure
    .input(setRetentionInput)
    .mutation(({ ctx, input }) => setFlowRetention(ctx.db, ctx.workspaceId, input.id, input.days)),
  /** A webhook flow's address path and secret (null before its first Start), for the designer. */
  webhook: readProcedure.input(flowIdInput).query(async ({ ctx, input }) => {
    const info = await getWebhookInfo(ctx.db, ctx.keys, ctx.workspaceId, input.id);
    // Viewers and operators see the address, never the secret that signs calls to it.
    return roleAllows(ctx.principal.role, "build") ? info : { ...info, secret: null, secretProblem: null };
  }),
  rotateWebhookSecret: buildProcedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.keys, ctx.workspaceId, input.id)),
  /** Runs the saved draft once on sample data, as a test run that run lists leave out. */
  testRun: buildProcedure.input(testRunInput).mutation(async ({ ctx, input }) =>
    startTestRun(ctx.db, await getRunQueue(), ctx.workspaceId, {
      flowId: input.id,
      baseRevision: input.baseRevision,
      payload: input.payload ?? {},
    }),
  ),
  /** Trigger data "Test flow" can start from: the trigger's declared sample and the last real run's data. */
  testSamples: readProcedure
    .input(testSamplesInput)
    .query(({ ctx, input }) => getTestSamples(ctx.db, ctx.workspaceId, input.id, input.trigger)),
  /** Opens a temporary address whose first request becomes the webhook trigger's sample, starting no run. */
  listenForSample: buildProcedure
    .input(listenForSampleInput)
    .mutation(({ ctx, input }) => listenForSample(ctx.db, ctx.keys, ctx.workspaceId, input.id, input.trigger)),
  /** The flow's newest test address: listening, captured (with the data), closed or expired. */
  sampleListener: readProcedure
    .input(flowIdInput)
    .query(({ ctx, input }) => getSampleListener(ctx.db, ctx.workspaceId, input.id)),
  stopListeningForSample: buildProcedure
    .input(flowIdInput)
    .mutation(({ ctx, input }) => stopListeningForSample(ctx.db, ctx.workspaceId, input.id)),
  /** Polls the trigger on the canvas once for a recent item, as its sample: no cursor saved, no runs made. */
  fetchTriggerSample: buildProcedure
    .input(fetchTriggerSampleInput)
    .mutation(({ ctx, input, signal }) => fetchTriggerSample(ctx, input.id, input.trigger, { signal })),
  runNow: operateProcedure.input(runNowInput).mutation(async ({ ctx, input }) => {
    checkTestDataInput(input.payload);
    const run = await requestManualRun(ctx.db, getRunQueue, {
      workspaceId: ctx.workspaceId,
      flowId: input.id,
      payload: input.payload ?? {},
    });
    await recordRunStarter(ctx.db, ctx.workspaceId, run.runId, ctx.principal.label);
    return run;
  }),
});
