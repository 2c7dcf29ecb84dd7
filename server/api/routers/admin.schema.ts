import { z } from "zod";
import { roleSchema } from "@/lib/roles";
import { auditFilterSchema, MAX_AUDIT_RETENTION_DAYS } from "../../services/audit-log.service";

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(80, "A token name has at most 80 characters"),
  role: roleSchema,
});
export const tokenIdInput = z.object({ id: z.string().min(1).max(64) });
export const auditListInput = z.object({
  filter: auditFilterSchema.default({}),
  cursor: z.string().min(1).max(64).optional(),
});
export const auditRetentionInput = z.object({
  days: z
    .number()
    .int("Enter a whole number of days")
    .min(1, "At least 1 day")
    .max(MAX_AUDIT_RETENTION_DAYS, `At most ${MAX_AUDIT_RETENTION_DAYS} days`),
});
