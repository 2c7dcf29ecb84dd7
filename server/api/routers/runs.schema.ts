import { z } from "zod";
import { alertRuleSchema } from "@/lib/alert-rule";
import { runFilterSchema, runSortSchema, runStatusSchema } from "@/lib/run-filters";
import { BULK_BATCH, bulkActionSchema, matchingPageInput } from "../../services/runs-bulk.service";
import { liveInputSchema } from "../../services/runs-history.service";

export { runStatusSchema };

export const listRunsInput = runFilterSchema
  .extend({
    sort: runSortSchema.default("started"),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
  })
  .default({ sort: "started", limit: 50 });

export const dashboardInput = runFilterSchema.default({});

export const liveRunsInput = liveInputSchema.extend({ filter: runFilterSchema.default({}) });

export const runIdInput = z.object({ id: z.string().min(1) });

export const replayRunInput = z.object({
  id: z.string().min(1),
  /** "failedStep" keeps the steps that succeeded before the failure and starts at the failed step. */
  from: z.enum(["start", "failedStep"]).default("start"),
  /** "same": the version the run used; "latest": the flow's published version now. */
  version: z.enum(["same", "latest"]).default("same"),
});

export const bulkInput = z.object({ action: bulkActionSchema, ids: z.array(z.string().min(1)).min(1).max(BULK_BATCH) });

export const countInput = z.object({ filter: runFilterSchema.default({}) });

export const matchingIdsInput = matchingPageInput.extend({ filter: runFilterSchema.default({}) });

export const flowIdInput = z.object({ flowId: z.string().min(1) });

export const setBusinessKeyInput = z.object({
  flowId: z.string().min(1),
  /** A `{{ }}` template over `trigger`; null or empty falls back to the trigger's suggestion. */
  expression: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .transform((value) => (value ? value : null)),
});

export const setAlertRuleInput = z.object({
  flowId: z.string().min(1),
  /** Null: every failed run starts the alert flows. */
  rule: alertRuleSchema.nullable(),
});
