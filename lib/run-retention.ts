// How long finished runs are kept: shared by the worker that prunes them, the API that sets a flow's own retention
// and the designer's Flow settings dialog, so all three agree on the bounds.
import { z } from "zod";

/** Days a finished run is kept when neither the flow nor CONFLUX_RUN_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
/** The longest retention that can be set: ten years. */
export const MAX_RETENTION_DAYS = 3650;

export const retentionDaysSchema = z
  .number({ error: "Enter a number of days" })
  .int("Use a whole number of days")
  .min(1, "Keep runs for at least 1 day")
  .max(MAX_RETENTION_DAYS, `Keep runs for at most ${MAX_RETENTION_DAYS} days (ten years)`);
