// What the node picker lists for a search: the Toolbox first, then each application's actions under the vendor's own
// groups ("IBM Sterling OMS › Orders"). Kept free of React so the filtering and grouping are unit-tested.
import { allOperations, type ConnectorManifest, type ResolvedOperation } from "@/lib/connector-manifest";

/** The connector whose actions are the built-in tools (If, For each, Respond, Log). */
export const TOOLBOX_CONNECTOR_ID = "core";

export interface PickerOption extends ResolvedOperation {
  /** Unique among the options, and the option's test id suffix: `<connectorId>-<operationKey>`. */
  id: string;
}

export interface PickerSection {
  heading: string;
  options: PickerOption[];
}

export function optionId({ connector, operation }: ResolvedOperation): string {
  return `${connector.id}-${operation.key}`;
}

function words(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** 0 for no match; higher for a better one (a label that starts with the query beats a match in the description). */
export function matchScore(choice: ResolvedOperation, query: string): number {
  const needles = words(query);
  if (needles.length === 0) return 1;
  const { connector, operation } = choice;
  const label = operation.label.toLowerCase();
  const haystack = [connector.name, operation.group, operation.label, operation.description, operation.key]
    .join(" ")
    .toLowerCase();
  if (!needles.every((needle) => haystack.includes(needle))) return 0;
  const phrase = needles.join(" ");
  if (label.startsWith(phrase)) return 4;
  if (label.includes(phrase)) return 3;
  if (needles.every((needle) => label.includes(needle) || connector.name.toLowerCase().includes(needle))) return 2;
  return 1;
}

/**
 * The sections to show for `query`, in manifest order, best matches first within a section; sections without a
 * match are left out. With an empty query every action is listed.
 */
export function pickerSections(manifest: ConnectorManifest | undefined, query: string): PickerSection[] {
  const sections = new Map<string, Array<{ option: PickerOption; score: number; order: number }>>();
  allOperations(manifest, "action").forEach((choice, order) => {
    const score = matchScore(choice, query);
    if (score === 0) return;
    // "HTTP › HTTP" says nothing twice: a group named like its application is shown by the application's name alone.
    const heading =
      choice.connector.id === TOOLBOX_CONNECTOR_ID
        ? "Toolbox"
        : choice.operation.group === choice.connector.name
          ? choice.connector.name
          : `${choice.connector.name} › ${choice.operation.group}`;
    const list = sections.get(heading) ?? [];
    list.push({ option: { ...choice, id: optionId(choice) }, score, order });
    sections.set(heading, list);
  });
  const ordered = [...sections.entries()].map(([heading, entries]) => ({
    heading,
    best: Math.max(...entries.map((entry) => entry.score)),
    first: Math.min(...entries.map((entry) => entry.order)),
    options: entries.sort((a, b) => b.score - a.score || a.order - b.order).map((entry) => entry.option),
  }));
  // While searching, the section holding the best match comes first so Enter picks it; otherwise manifest order.
  const searching = words(query).length > 0;
  ordered.sort((a, b) => (searching ? b.best - a.best : 0) || a.first - b.first);
  return ordered.map(({ heading, options }) => ({ heading, options }));
}

/** The options in the order they are shown, which is the order the arrow keys move through. */
export function flattenSections(sections: readonly PickerSection[]): PickerOption[] {
  return sections.flatMap((section) => section.options);
}
