import { z } from "zod";
import { rateLimitOverrideSchema } from "@/lib/rate-limits";
import { submittedValuesSchema } from "../../accounts/credential-values";

const id = z.string().min(1).max(64);
const connectorId = z.string().min(1).max(64);
const modeKey = z.string().min(1).max(64);

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, "Give the account a name")
  .max(120, "An account name has at most 120 characters");

export const accountIdInput = z.object({ id });
export const listAccountsInput = z.object({ connectorId: connectorId.optional() }).default({});

/** `values` maps the mode's field keys to what the user typed; the service checks them against the declaration. */
export const createAccountInput = z.object({
  connectorId,
  name: accountNameSchema,
  mode: modeKey.optional(),
  values: submittedValuesSchema,
  test: z.boolean().default(false),
  rateLimit: rateLimitOverrideSchema.optional(),
});

/** A secret field left blank (or left out) keeps its saved value. */
export const updateAccountInput = z.object({
  id,
  name: accountNameSchema.optional(),
  mode: modeKey.optional(),
  values: submittedValuesSchema,
  test: z.boolean().default(false),
  /** A value left out keeps the saved override; null goes back to the connector's default. */
  rateLimit: rateLimitOverrideSchema.optional(),
});

export const renameAccountInput = z.object({ id, name: accountNameSchema });
