"use client";
// What a dynamic field needs to know of its step to load its choices: the application and action, the account chosen
// on the step, the step's other values (for loaders that depend on them) and the application's option lists. The node
// panel provides it around the step's form, so the form itself passes nothing new down.
import { createContext, useContext } from "react";
import type { ManifestOptionList } from "@/lib/connector-manifest";

export { literalDependencies } from "@/lib/field-options";

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
