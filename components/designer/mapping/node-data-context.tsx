"use client";
// The selected step's available data (tree sources, sample context, expected types), for editors nested inside the
// panel's forms (key-value rows, the If's condition) without threading it through every form in between.
import { createContext, useContext } from "react";
import type { NodeData } from "./use-available-data";

const NodeDataContext = createContext<NodeData | undefined>(undefined);

export const NodeDataProvider = NodeDataContext.Provider;

/** Undefined on the trigger (it maps from nothing) and outside a step's panel. */
export function useNodeData(): NodeData | undefined {
  return useContext(NodeDataContext);
}
