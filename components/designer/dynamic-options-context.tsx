"use client";
// What a dynamic field needs to know of its step to load its choices: the application and action, the account chosen
// on the step, the step's other values (for loaders that depend on them) and the application's option lists. The node
// panel provides it around the step's form, so the form itself passes nothing new down.
import { createContext, useContext } from "react";
import type { ManifestOptionList } from "@/lib/connector-manifest";

export interface DynamicOptionsStep {
  connectorId: string;
  operation: string;
  accountId: string | undefined;
  values: Record<string, unknown>;
  optionLists: Record<string, ManifestOptionList>;
}

const DynamicOptionsContext = createContext<DynamicOptionsStep | null>(null);

export const DynamicOptionsProvider = DynamicOptionsContext.Provider;

export function useDynamicOptionsStep(): DynamicOptionsStep | null {
  return useContext(DynamicOptionsContext);
}

/** The literal values of the fields a loader depends on: a template is only known when the flow runs. */
export function literalDependencies(
  values: Record<string, unknown>,
  dependsOn: readonly string[],
): Record<string, string | number | boolean> {
  const literal: Record<string, string | number | boolean> = {};
  for (const name of dependsOn) {
    const value = values[name];
    if (typeof value === "string" && value.trim() !== "" && !value.includes("{{")) literal[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") literal[name] = value;
  }
  return literal;
}
