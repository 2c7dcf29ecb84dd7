// Values reaching Json columns come from users, remote systems and connectors as `unknown`. A JSON round trip turns
// them into exactly what Postgres will store, so what later steps see equals what a re-delivered run reads back.
import { jsonTextWithoutNul } from "../security/json-nul";

/** The value as it will read back from a Json column: undefined, functions and class instances are gone. */
export function toPlainJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined) return null;
  const parsed: unknown = JSON.parse(jsonTextWithoutNul(text));
  return parsed;
}

// One conversion for Json columns, kept with the repositories that use it.
export { toJsonInput } from "../db/json";
