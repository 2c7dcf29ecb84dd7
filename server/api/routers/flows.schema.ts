import { z } from "zod";

export const flowIdInput = z.object({ id: z.string().min(1) });

export const flowNameSchema = z
  .string()
  .trim()
  .min(1, "Give the flow a name")
  .max(120, "A flow name has at most 120 characters");

export const createFlowInput = z.object({ name: flowNameSchema });
export const renameFlowInput = z.object({ id: z.string().min(1), name: flowNameSchema });
/** The graph is checked by the flow service, which names the field that breaks the schema. */
export const saveDraftInput = z.object({
  id: z.string().min(1),
  graph: z.unknown(),
  baseRevision: z.number().int().min(0),
});
export const runNowInput = z.object({ id: z.string().min(1), payload: z.unknown().optional() });
