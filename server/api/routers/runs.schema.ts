import { z } from "zod";

export const runStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

export const listRunsInput = z
  .object({
    flowId: z.string().min(1).optional(),
    status: runStatusSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
    /** Test runs of drafts are left out unless asked for. */
    includeTests: z.boolean().optional(),
  })
  .default({ limit: 50 });

export const runIdInput = z.object({ id: z.string().min(1) });

export const replayRunInput = z.object({
  id: z.string().min(1),
  /** "failedStep" keeps the steps that succeeded before the failure and starts at the failed step. */
  from: z.enum(["start", "failedStep"]).default("start"),
  /** "same": the version the run used; "latest": the flow's published version now. */
  version: z.enum(["same", "latest"]).default("same"),
});
