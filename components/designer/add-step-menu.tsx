"use client";
// The list of actions a step can be, filtered as the user types. Opens from the toolbar's "Add step".
import { Plus, Search } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { ConnectorManifest } from "@/lib/connector-manifest";
import { ConnectorIcon } from "../connector-icon";
import { Button } from "../ui/button";
import { allOperations, type ResolvedOperation } from "./manifest-lookup";

export function AddStepMenu({ manifest, onPick }: { manifest: ConnectorManifest | undefined; onPick: (choice: ResolvedOperation) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (container.current && !container.current.contains(event.target as globalThis.Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const needle = query.trim().toLowerCase();
  const choices = allOperations(manifest, "action").filter(({ connector, operation }) =>
    `${connector.name} ${operation.label} ${operation.description} ${operation.group}`.toLowerCase().includes(needle),
  );

  return (
    <div className="relative" ref={container} onKeyDown={(event) => event.key === "Escape" && setOpen(false)}>
      <Button data-testid="add-step-button" aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen(!open)}>
        <Plus size={16} aria-hidden /> Add step
      </Button>
      {open && (
        <div role="menu" className="absolute left-0 top-full z-20 mt-1 w-80 rounded-lg border border-slate-200 bg-white p-2 shadow-xl">
          <label className="flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1.5">
            <Search size={14} aria-hidden className="text-slate-400" />
            <input
              autoFocus
              aria-label="Search actions"
              placeholder="Search applications and actions"
              className="w-full text-sm outline-none"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
          <ul className="mt-2 max-h-80 overflow-auto">
            {choices.length === 0 && <li className="px-2 py-3 text-sm text-slate-500">No action matches “{query}”.</li>}
            {choices.map((choice) => (
              <li key={`${choice.connector.id}-${choice.operation.key}`}>
                <button
                  type="button"
                  role="menuitem"
                  data-testid={`add-step-option-${choice.connector.id}-${choice.operation.key}`}
                  className="flex w-full items-start gap-2.5 rounded-md px-2 py-2 text-left hover:bg-slate-50 focus:bg-slate-100"
                  onClick={() => {
                    setOpen(false);
                    setQuery("");
                    onPick(choice);
                  }}
                >
                  <span className="mt-0.5 grid h-7 w-7 shrink-0 place-items-center rounded bg-brand-50 text-brand-700">
                    <ConnectorIcon name={choice.connector.icon} size={15} />
                  </span>
                  <span>
                    <span className="block text-sm font-medium">
                      {choice.connector.name}: {choice.operation.label}
                    </span>
                    <span className="block text-xs text-slate-500">{choice.operation.description}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
