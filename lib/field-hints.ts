// Field and operation hints: how the designer renders an operation's settings. Connectors declare them through the
// SDK (`field()` and `operationHints()` in server/connectors/sdk/fields.ts) on zod's `.meta()`, which
// `z.toJSONSchema` copies into the manifest's JSON Schema; the designer reads them back with the schemas below
// (lib/schema-fields.ts). One definition for both sides, so a hint cannot be written under one key and read under
// another.
//
// Keys as they appear in the JSON Schema of a field:
//   title                  string   the field's label (standard JSON Schema)
//   description            string   help text under the field (standard JSON Schema)
//   default                any      from zod `.default()`; prefill it (standard JSON Schema)
//   enum                   array    from `z.enum()`; render a select (standard JSON Schema)
//   x-conflux-placeholder  string   placeholder text of an empty field
//   x-conflux-widget       string   one of FieldWidget below; absent means "pick by JSON Schema type"
//   x-conflux-visibleWhen  object   { field: string, equals: string | number | boolean }: show the field only while
//                                   the sibling `field` holds `equals` (e.g. the cron expression when mode = "cron")
//   x-conflux-order        number   position in the form, ascending; fields without it follow in schema order
//   x-conflux-enumLabels   object   { <enum value>: label } for the options of a select
//   x-conflux-options      string   the key of an options loader of the connector (ConnectorDefinition.optionsLoaders,
//                                   see server/connectors/sdk/options.ts): the designer loads the field's choices
//                                   from the remote system for the account chosen on the step and offers them in a
//                                   combobox. The user may still type any value or template, so keep the field a
//                                   plain string. The manifest lists the connector's loaders under `optionLists`.
//   x-conflux-overlaps     object   { <key of this object field's value>: <sibling field> } for a free-form object
//                                   merged into the request beside the form (Sterling's "Additional attributes"):
//                                   the sibling sets the same key, so the designer reports a problem when both are
//                                   filled (the form's value wins at run time).
//
// Keys on the root of an operation's input schema:
//   x-conflux-panel        string   one of OperationPanel below: a section the step panel shows above the fields
//
// Any field may also hold a template string (`{{ JSONata }}`) in place of its declared type, except trigger inputs.
import { z, type GlobalMeta } from "zod";

export const fieldWidgets = [
  /** Single-line text (the default for strings). */
  "text",
  /** Multi-line text, e.g. a message. */
  "textarea",
  /**
   * Multi-line text sent as an HTTP body beside a sibling `headers` field: its preview warns when text meant to be
   * JSON (by the headers' Content-Type, or by how it starts) is no longer JSON once mapped.
   */
  "httpBody",
  /** Editable list of name/value rows for a `record<string, string>`, e.g. HTTP headers. */
  "keyValue",
  /** A JSON editor for free-form structured data. */
  "json",
  /** A cron expression with a human-readable preview. */
  "cron",
  /** An IANA time-zone picker. */
  "timezone",
  /** A checklist of the workspace's flows, for a `string[]` of flow ids (the "When a flow fails" trigger). */
  "flows",
] as const;
export type FieldWidget = (typeof fieldWidgets)[number];

export const operationPanels = [
  /** The flow's webhook address, its signing secret and a sample request (a trigger started by an HTTP POST). */
  "webhookAddress",
] as const;
export type OperationPanel = (typeof operationPanels)[number];

/** The JSON Schema key each field hint travels under. */
export const fieldHintKeys = {
  placeholder: "x-conflux-placeholder",
  widget: "x-conflux-widget",
  visibleWhen: "x-conflux-visibleWhen",
  order: "x-conflux-order",
  enumLabels: "x-conflux-enumLabels",
  options: "x-conflux-options",
  overlaps: "x-conflux-overlaps",
  suggestedKeys: "x-conflux-suggestedKeys",
} as const;

/** The JSON Schema key each operation hint travels under. */
export const operationHintKeys = { panel: "x-conflux-panel", callerHint: "x-conflux-callerHint" } as const;

const visibleWhen = z.object({ field: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) });

export interface FieldHints {
  title: string;
  description?: string;
  placeholder?: string;
  widget?: FieldWidget;
  visibleWhen?: z.infer<typeof visibleWhen>;
  order?: number;
  enumLabels?: Record<string, string>;
  /** The key of one of the connector's options loaders: the choices are loaded for the chosen account. */
  options?: string;
  /** For a free-form object field: which of its keys a sibling form field also sets ({ OrderNo: "orderNo" }). */
  overlaps?: Record<string, string>;
  /**
   * For a free-form object field: the keys its target documents (Sterling's createOrder attributes), which the Fields
   * editor offers to add, required ones marked.
   */
  suggestedKeys?: SuggestedKey[];
}

export interface SuggestedKey {
  name: string;
  description?: string;
  required?: boolean;
}

export interface OperationHints {
  panel?: OperationPanel;
  /** For a connector webhook trigger's address panel: how its caller uses the address and secret. */
  callerHint?: string;
}

/**
 * The field hints as they sit in a field's JSON Schema. A widget is read as any string: a manifest from a newer
 * server may name one this browser does not know, and the field then falls back to its JSON Schema type.
 */
export const fieldHintsJsonSchema = z.object({
  [fieldHintKeys.placeholder]: z.string().optional(),
  [fieldHintKeys.widget]: z.string().optional(),
  [fieldHintKeys.visibleWhen]: visibleWhen.optional(),
  [fieldHintKeys.order]: z.number().optional(),
  [fieldHintKeys.enumLabels]: z.record(z.string(), z.string()).optional(),
  [fieldHintKeys.options]: z.string().optional(),
  [fieldHintKeys.overlaps]: z.record(z.string(), z.string()).optional(),
  [fieldHintKeys.suggestedKeys]: z
    .array(z.object({ name: z.string(), description: z.string().optional(), required: z.boolean().optional() }))
    .optional(),
});

const operationHintsJsonSchema = z.object({
  [operationHintKeys.panel]: z.enum(operationPanels).optional(),
  [operationHintKeys.callerHint]: z.string().optional(),
});

/** The `.meta()` of a field: title and description as standard JSON Schema, the rest under the keys above. */
export function fieldMeta(hints: FieldHints): GlobalMeta {
  return {
    title: hints.title,
    ...(hints.description ? { description: hints.description } : {}),
    ...(hints.placeholder ? { [fieldHintKeys.placeholder]: hints.placeholder } : {}),
    ...(hints.widget ? { [fieldHintKeys.widget]: hints.widget } : {}),
    ...(hints.visibleWhen ? { [fieldHintKeys.visibleWhen]: hints.visibleWhen } : {}),
    ...(hints.order !== undefined ? { [fieldHintKeys.order]: hints.order } : {}),
    ...(hints.enumLabels ? { [fieldHintKeys.enumLabels]: hints.enumLabels } : {}),
    ...(hints.options ? { [fieldHintKeys.options]: hints.options } : {}),
    ...(hints.overlaps ? { [fieldHintKeys.overlaps]: hints.overlaps } : {}),
    ...(hints.suggestedKeys ? { [fieldHintKeys.suggestedKeys]: hints.suggestedKeys } : {}),
  };
}

/** The `.meta()` of an operation's input object. */
export function operationMeta(hints: OperationHints): GlobalMeta {
  return {
    ...(hints.panel ? { [operationHintKeys.panel]: hints.panel } : {}),
    ...(hints.callerHint ? { [operationHintKeys.callerHint]: hints.callerHint } : {}),
  };
}

/** The hints on the root of an operation's input schema; none when it has none or they are not understood. */
export function readOperationHints(inputSchema: unknown): OperationHints {
  const parsed = operationHintsJsonSchema.safeParse(inputSchema);
  if (!parsed.success) return {};
  const callerHint = parsed.data[operationHintKeys.callerHint];
  return { panel: parsed.data[operationHintKeys.panel], ...(callerHint ? { callerHint } : {}) };
}
