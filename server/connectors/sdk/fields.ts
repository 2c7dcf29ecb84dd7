// Field hints: how the designer should render an input field, and operation hints: what the step panel shows beside
// the fields. They ride on zod's `.meta()`, which `z.toJSONSchema` copies into the manifest's JSON Schema, so the
// browser reads them without importing connector code. The keys and what each means are defined once, in
// lib/field-hints.ts, which the designer reads them with.
import type { GlobalMeta } from "zod";
import { fieldMeta, operationMeta, type FieldHints, type OperationHints } from "@/lib/field-hints";

export {
  fieldWidgets,
  operationPanels,
  type FieldHints,
  type FieldWidget,
  type OperationHints,
  type OperationPanel,
} from "@/lib/field-hints";

/** Builds the `.meta()` argument for a field: `z.string().meta(field({ title: "URL", placeholder: "https://…" }))`. */
export function field(hints: FieldHints): GlobalMeta {
  return fieldMeta(hints);
}

/** Builds the `.meta()` argument for an operation's input object: `z.object({…}).meta(operationHints({ panel }))`. */
export function operationHints(hints: OperationHints): GlobalMeta {
  return operationMeta(hints);
}
