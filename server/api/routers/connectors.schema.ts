import { z } from "zod";

const key = z.string().min(1).max(64);

/** Which field's choices to load, for which saved account; `values` are the literal values the loader depends on. */
export const fieldOptionsInput = z.object({
  connectorId: key,
  operation: key,
  field: key,
  accountId: key,
  values: z
    .record(key, z.union([z.string().max(2000), z.number(), z.boolean()]))
    .refine((values) => Object.keys(values).length <= 50, "too many values")
    .default({}),
});
