import { z } from "zod";

export const runStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

export const listRunsInput = z
  .object({
    flowId: z.string().min(1).optional(),
    status: runStatusSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).optional(),
  })
  .default({ limit: 50 });

export const runIdInput = z.object({ id: z.string().min(1) });
