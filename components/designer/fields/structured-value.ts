// The values behind the structured editors of groups and lists: whether a stored value can be shown as fields and
// items, and the small edits they make. A value that does not fit (a template, or JSON text saved by an older
// draft) is shown as text instead, so nothing the user stored is hidden or dropped.
import type { FieldSpec } from "@/lib/schema-fields";
import { isTemplate } from "@/lib/templates";
import { isRecord } from "@/lib/is-record";

function fitsGroup(fields: readonly FieldSpec[] | undefined, value: unknown): boolean {
  if (!isRecord(value)) return false;
  const byName = new Map((fields ?? []).map((entry) => [entry.name, entry]));
  return Object.entries(value).every(([name, inner]) => {
    const spec = byName.get(name);
    return spec !== undefined && fitsControl(spec, inner);
  });
}

/**
 * Whether the control of `field` can show `value` as it is: a select only one of its options, a checkbox only a
 * boolean. A template in either would be shown as the first option or unticked, and replaced on the next touch.
 */
function fitsControl(field: FieldSpec, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (field.kind) {
    case "group":
    case "list":
      return fitsStructure(field, value);
    case "select":
      return field.options.some((option) => option.value === String(value)) && typeof value !== "object";
    case "timezone":
      return typeof value === "string" && !isTemplate(value);
    case "boolean":
      return typeof value === "boolean";
    case "keyValue":
      return isRecord(value);
    case "json":
      return true;
    default:
      return typeof value !== "object";
  }
}

/** Whether the structured editor can show `value` without hiding any of it; an empty value always fits. */
export function fitsStructure(field: FieldSpec, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (field.kind === "group") return fitsGroup(field.fields, value);
  if (field.kind !== "list" || !field.item || !Array.isArray(value)) return false;
  const item = field.item;
  return value.every((entry) => (item.kind === "group" ? fitsGroup(item.fields, entry) : fitsControl(item, entry)));
}

/** What the text of the expression view stores: JSON that fits becomes real items, anything else stays text. */
export function fromExpressionText(field: FieldSpec, value: unknown): unknown {
  if (typeof value !== "string" || isTemplate(value)) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === "object" && fitsStructure(field, parsed) ? parsed : value;
  } catch {
    return value;
  }
}

/** The group with one sub-field set (or removed, when `value` is undefined); undefined once nothing is left. */
export function withEntry(record: unknown, name: string, value: unknown): Record<string, unknown> | undefined {
  const next: Record<string, unknown> = isRecord(record) ? { ...record } : {};
  if (value === undefined) delete next[name];
  else next[name] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** The list with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return next;
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
