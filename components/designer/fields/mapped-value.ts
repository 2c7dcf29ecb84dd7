// The values behind the mapping editor (components/designer/fields/mapped-value-field.tsx): which way a stored value
// is edited, and the small immutable edits the editor makes to a mapping's tree of slots.
import { isRecord } from "@/lib/is-record";
import { isMapping, mapping, mappingSlotSchema, MAPPING_KEY, type MappingEntry, type MappingSlot } from "@/lib/mapping";
import { mappingFromJsonText, mappingFromValue } from "@/lib/mapping-convert";

/** Field by field; one expression for the whole value; or text as typed (older flows, plain-text bodies). */
export type MappedMode = "fields" | "expression" | "text";

/** The slot of a stored mapping, or null when the value is not one (or is damaged: it is then shown as text). */
export function slotOf(value: unknown): MappingSlot | null {
  if (!isMapping(value)) return null;
  const parsed = mappingSlotSchema.safeParse(value[MAPPING_KEY]);
  return parsed.success ? parsed.data : null;
}

export function modeOf(value: unknown): MappedMode {
  if (value === undefined || value === "") return "fields";
  const slot = slotOf(value);
  if (!slot) return "text";
  return typeof slot.value === "string" ? "expression" : "fields";
}

export const emptyFields = (): MappingSlot => ({ value: { object: [] } });

/** What a value becomes in fields mode: text or JSON that converts, or null when it cannot without losing it. */
export function toFields(value: unknown): MappingSlot | null {
  if (value === undefined || value === "") return emptyFields();
  const slot = slotOf(value);
  if (slot) return typeof slot.value === "string" ? (slot.value.trim() === "" ? emptyFields() : null) : slot;
  if (typeof value === "string") return mappingFromJsonText(value);
  if (isRecord(value) || Array.isArray(value)) return mappingFromValue(value);
  return null;
}

export { mapping };

/** The kinds an analyst picks for one slot: its type as a value, or a nested object or list. */
export const slotKinds = ["text", "number", "boolean", "auto", "object", "list"] as const;
export type SlotKind = (typeof slotKinds)[number];

export const slotKindLabels: Record<SlotKind, string> = {
  text: "Text",
  number: "Number",
  boolean: "True/false",
  auto: "As given",
  object: "Object { }",
  list: "List [ ]",
};

export function kindOf(slot: MappingSlot): SlotKind {
  if (typeof slot.value !== "string") return "object" in slot.value ? "object" : "list";
  return slot.type ?? "auto";
}

/** The slot as another kind: values stay when the new kind is a value too; a structure starts empty. */
export function withKind<T extends MappingSlot>(slot: T, kind: SlotKind): T {
  if (kind === "object") return { ...slot, value: { object: [] }, type: undefined, ifMissing: undefined };
  if (kind === "list") return { ...slot, value: { list: [] }, type: undefined, ifMissing: undefined };
  return { ...slot, value: typeof slot.value === "string" ? slot.value : "", type: kind };
}

export const newEntry = (): MappingEntry => ({ key: "", value: "", type: "text" });
export const newItem = (): MappingSlot => ({ value: "", type: "text" });

export function entriesOf(slot: MappingSlot): MappingEntry[] {
  return typeof slot.value !== "string" && "object" in slot.value ? slot.value.object : [];
}

export function itemsOf(slot: MappingSlot): MappingSlot[] {
  return typeof slot.value !== "string" && "list" in slot.value ? slot.value.list : [];
}

export function replaceAt<T>(items: readonly T[], index: number, next: T | undefined): T[] {
  return next === undefined
    ? items.filter((_, at) => at !== index)
    : items.map((item, at) => (at === index ? next : item));
}
