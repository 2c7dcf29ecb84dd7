// The step values a dynamic field's options loader may read (its `dependsOn` fields), as both the designer and the
// server pick them: only literals, since a `{{ template }}` is only known when the flow runs.

export type LiteralFieldValue = string | number | boolean;

export function literalDependencies(
  values: Readonly<Record<string, unknown>>,
  dependsOn: readonly string[],
): Record<string, LiteralFieldValue> {
  const literal: Record<string, LiteralFieldValue> = {};
  for (const name of dependsOn) {
    const value = values[name];
    if (typeof value === "string" && value.trim() !== "" && !value.includes("{{")) literal[name] = value.trim();
    else if (typeof value === "number" || typeof value === "boolean") literal[name] = value;
  }
  return literal;
}
