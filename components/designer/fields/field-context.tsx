"use client";
// What the fields of one form share, so a group or a list can render its sub-fields with the same controls,
// mapping aids and required markers as the top-level fields without importing the form (which imports them).
import { createContext, useContext, type ReactNode } from "react";
import type { FieldSpec } from "@/lib/schema-fields";
import type { ValueType } from "@/lib/template-check";
import type { NodeData } from "../mapping/use-available-data";

export interface FieldSlot {
  field: FieldSpec;
  /** Where the value sits in the node's inputs, parts joined by dots: "lines.1.itemId". */
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Controls in the label row, e.g. a list item's Remove button. */
  actions?: ReactNode;
  /** A row under the label, e.g. the switch between editing items and mapping the whole value. */
  toolbar?: ReactNode;
  /** The JSON types the value may have, for the preview's wrong-type warning; read from the field when absent. */
  expected?: readonly ValueType[];
  /** The label is read by screen readers only: a mapping's value, labelled by the key beside it. */
  labelHidden?: boolean;
  /** What "yields nothing" means here, when worse than an empty field (a mapped value fails its step). */
  nothingMessage?: string;
}

export interface FieldContextValue {
  data: NodeData | undefined;
  /** Paths of required fields left empty (see findMissing). */
  missing: ReadonlySet<string>;
  /** The step's top-level values, for a field that depends on a sibling (a body's Content-Type header). */
  values: Record<string, unknown>;
  renderField: (slot: FieldSlot) => ReactNode;
}

export const FieldContext = createContext<FieldContextValue | null>(null);

export function useFieldContext(): FieldContextValue {
  const context = useContext(FieldContext);
  if (!context) throw new Error("A schema field rendered outside SchemaForm");
  return context;
}

/** The path as it appears in element ids and test ids: "lines-1-itemId"; a top-level field keeps its name. */
export function domKey(path: string): string {
  return path.replace(/\./g, "-");
}

/** Whether a required field at or under `path` is empty: marks a list item's card. */
export function hasMissingUnder(missing: ReadonlySet<string>, path: string): boolean {
  for (const entry of missing) if (entry === path || entry.startsWith(`${path}.`)) return true;
  return false;
}
