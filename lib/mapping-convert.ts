// Turning what an analyst already has into a mapping: JSON text with `{{ }}` templates in it (a request body written
// as a text template by an older flow), or an example of the JSON a target expects. Values keep their meaning: a
// template standing where a JSON value goes keeps its type, one inside quotes becomes text.
import { scanTemplate } from "./templates";
import { isRecord } from "./is-record";
import type { MappingEntry, MappingSlot } from "./mapping";

// Private-use characters no JSON text or expression holds, marking where each template stood.
const BARE = "\uE000";
const QUOTED = "\uE001";

/** Where each `{{ }}` sits: inside a JSON string, or where a whole value goes. */
function markTemplates(text: string): { marked: string; templates: string[] } | null {
  const scan = scanTemplate(text);
  if (!scan.ok) return null;
  let marked = "";
  let inString = false;
  const templates: string[] = [];
  for (const part of scan.parts) {
    if (part.kind === "text") {
      for (let index = 0; index < part.text.length; index += 1) {
        const char = part.text[index];
        if (inString && char === "\\") {
          marked += char + (part.text[index + 1] ?? "");
          index += 1;
          continue;
        }
        if (char === '"') inString = !inString;
        marked += char;
      }
      continue;
    }
    const id = templates.push(`{{ ${part.source} }}`) - 1;
    marked += inString ? `${QUOTED}${id}${QUOTED}` : `"${BARE}${id}${BARE}"`;
  }
  return { marked, templates };
}

function slotFor(value: unknown, templates: readonly string[]): MappingSlot {
  if (Array.isArray(value)) return { value: { list: value.map((item) => slotFor(item, templates)) } };
  if (isRecord(value))
    return {
      value: {
        object: Object.entries(value).map(([key, item]): MappingEntry => ({ key, ...slotFor(item, templates) })),
      },
    };
  if (typeof value === "string") {
    const bare = new RegExp(`^${BARE}(\\d+)${BARE}$`).exec(value);
    if (bare) return { value: templates[Number(bare[1])] ?? "", type: "auto" };
    const text = value.replace(
      new RegExp(`${QUOTED}(\\d+)${QUOTED}`, "g"),
      (_, id: string) => templates[Number(id)] ?? "",
    );
    return { value: text, type: "text" };
  }
  if (typeof value === "number") return { value: String(value), type: "number" };
  if (typeof value === "boolean") return { value: String(value), type: "boolean" };
  return { value: "null", type: "auto" };
}

/**
 * The mapping for JSON text that may hold templates, or null when it is not JSON (even with its templates taken as
 * values) or is not an object or a list.
 */
export function mappingFromJsonText(text: string): MappingSlot | null {
  const marked = markTemplates(text);
  if (!marked) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(marked.marked);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  return slotFor(parsed, marked.templates);
}

/** The mapping of a plain value (an object stored as JSON by an older draft): its literals as they are. */
export function mappingFromValue(value: unknown): MappingSlot {
  return slotFor(value, []);
}
