/** A plain JSON object (not null, not an array): what stored inputs, run data and parsed files are walked as. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
