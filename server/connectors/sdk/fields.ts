// Field hints: how the designer should render an input field. They ride on zod's `.meta()`, which `z.toJSONSchema`
// copies into the field's JSON Schema, so the browser reads them from the manifest without importing connector code.
//
// Keys as they appear in the manifest's JSON Schema of a field:
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
//                                   see options.ts): the designer loads the field's choices from the remote system
//                                   for the account chosen on the step and offers them in a combobox. The user may
//                                   still type any value or template, so keep the field a plain string. The manifest
//                                   lists the connector's loaders (noun, dependsOn) under `optionLists`.
//
// Any field may also hold a template string (`{{ JSONata }}`) in place of its declared type, except trigger inputs.
import type { GlobalMeta } from "zod";

export const fieldWidgets = [
  /** Single-line text (the default for strings). */
  "text",
  /** Multi-line text, e.g. a message or a request body. */
  "textarea",
  /** Editable list of name/value rows for a `record<string, string>`, e.g. HTTP headers. */
  "keyValue",
  /** A JSON editor for free-form structured data. */
  "json",
  /** A cron expression with a human-readable preview. */
  "cron",
  /** An IANA time-zone picker. */
  "timezone",
] as const;
export type FieldWidget = (typeof fieldWidgets)[number];

export interface FieldHints {
  title: string;
  description?: string;
  placeholder?: string;
  widget?: FieldWidget;
  visibleWhen?: { field: string; equals: string | number | boolean };
  order?: number;
  enumLabels?: Record<string, string>;
  /** The key of one of the connector's options loaders: the choices are loaded for the chosen account. */
  options?: string;
}

/** Builds the `.meta()` argument for a field: `z.string().meta(field({ title: "URL", placeholder: "https://…" }))`. */
export function field(hints: FieldHints): GlobalMeta {
  return {
    title: hints.title,
    ...(hints.description ? { description: hints.description } : {}),
    ...(hints.placeholder ? { "x-conflux-placeholder": hints.placeholder } : {}),
    ...(hints.widget ? { "x-conflux-widget": hints.widget } : {}),
    ...(hints.visibleWhen ? { "x-conflux-visibleWhen": hints.visibleWhen } : {}),
    ...(hints.order !== undefined ? { "x-conflux-order": hints.order } : {}),
    ...(hints.enumLabels ? { "x-conflux-enumLabels": hints.enumLabels } : {}),
    ...(hints.options ? { "x-conflux-options": hints.options } : {}),
  };
}
