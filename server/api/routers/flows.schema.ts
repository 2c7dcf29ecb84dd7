import { z } from "zod";
import { retentionDaysSchema } from "@/lib/run-retention";

export const flowIdInput = z.object({ id: z.string().min(1) });

/** The samples of the trigger on the designer's canvas, which may not be saved yet. */
export const testSamplesInput = flowIdInput.extend({
  trigger: z.object({ connectorId: z.string().min(1).max(100), operation: z.string().min(1).max(100) }).optional(),
});

/** "Listen for a test event" for the webhook trigger on the canvas, with its settings (how callers authenticate). */
export const listenForSampleInput = flowIdInput.extend({
  trigger: z.object({
    connectorId: z.string().min(1).max(100),
    operation: z.string().min(1).max(100),
    inputs: z.record(z.string(), z.unknown()),
  }),
});

/** "Fetch a sample" for the polling trigger on the canvas, with its settings and chosen account. */
export const fetchTriggerSampleInput = flowIdInput.extend({
  trigger: z.object({
    connectorId: z.string().min(1).max(100),
    operation: z.string().min(1).max(100),
    inputs: z.record(z.string(), z.unknown()),
    accountId: z.string().min(1).max(64).optional(),
  }),
});

export const flowNameSchema = z
  .string()
  .trim()
  .min(1, "Give the flow a name")
  .max(120, "A flow name has at most 120 characters")
  .refine((name) => !name.includes("\0"), "A flow name cannot contain a NUL character (\\u0000)");

/** `templateId` starts the flow from a connector template (the manifest's `templates`) instead of an empty graph. */
export const createFlowInput = z.object({ name: flowNameSchema, templateId: z.string().min(1).max(100).optional() });
export const renameFlowInput = z.object({ id: z.string().min(1), name: flowNameSchema });
/** The graph is checked by the flow service, which names the field that breaks the schema. */
export const saveDraftInput = z.object({
  id: z.string().min(1),
  graph: z.unknown(),
  baseRevision: z.number().int().min(0),
});
/** Run now's payload: any JSON; its size, depth and characters are checked by checkTestDataInput. */
export const runNowInput = z.object({ id: z.string().min(1), payload: z.unknown().optional() });
/** A test of the saved draft; baseRevision is the revision the designer saved, so a newer save by someone is refused. */
export const testRunInput = z.object({
  id: z.string().min(1),
  baseRevision: z.number().int().min(0).optional(),
  payload: z.unknown().optional(),
});
/** Days the flow's finished runs are kept; null follows CONFLUX_RUN_RETENTION_DAYS. */
export const setRetentionInput = z.object({ id: z.string().min(1), days: retentionDaysSchema.nullable() });

/** Start's "Process items from" for a polling trigger; left out, it continues where it left off (or from now). */
export const pollFromSchema = z.union([
  z.literal("now"),
  z.object({ since: z.iso.datetime({ offset: true }).transform((text) => new Date(text)) }),
]);
export const startFlowInput = z.object({ id: z.string().min(1), pollFrom: pollFromSchema.optional() });

const versionNumberSchema = z.number().int().min(1);
/** A published version by number, or the current draft. */
const versionRefSchema = z.union([versionNumberSchema, z.literal("draft")]);
export const versionDiffInput = z.object({ id: z.string().min(1), from: versionRefSchema, to: versionRefSchema });
export const restoreVersionInput = z.object({
  id: z.string().min(1),
  number: versionNumberSchema,
  baseRevision: z.number().int().min(0),
});
/** The document is checked by the import service, which names what is wrong with it. */
export const importFlowInput = z.object({
  document: z.unknown(),
  accounts: z.record(z.string(), z.string().min(1).max(64)).default({}),
  name: flowNameSchema.optional(),
});
