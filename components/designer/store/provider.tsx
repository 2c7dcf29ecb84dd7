"use client";
// One designer store per open flow, handed down by context (xyflow's pattern: a store per canvas behind a provider).
// The page keys the provider by the flow id, so opening another flow creates a new store rather than resetting one.
import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createDesignerStore, type DesignerState, type DesignerStore } from "./designer-store";

const DesignerStoreContext = createContext<DesignerStore | null>(null);

export function DesignerStoreProvider({ flowId, children }: { flowId: string; children: ReactNode }) {
  const [store] = useState(() => createDesignerStore(flowId));
  return <DesignerStoreContext.Provider value={store}>{children}</DesignerStoreContext.Provider>;
}

/** The store itself, for event handlers that read the current state once instead of subscribing to it. */
export function useDesignerStoreApi(): DesignerStore {
  const store = useContext(DesignerStoreContext);
  if (!store) throw new Error("The designer's components must be rendered inside a DesignerStoreProvider.");
  return store;
}

/** Subscribes to one part of the open flow's state; components use the named hooks in hooks.ts, built on this. */
export function useDesignerStore<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStoreApi(), selector);
}
