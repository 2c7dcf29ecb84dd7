"use client";
// The node picker: a searchable list of every action a step can be, opened from "Add step" or with "/" or Ctrl+K.
// Arrow keys move, Enter picks, Escape closes. The filtering and grouping live in node-picker-options.ts.
import { Command } from "cmdk";
import { Plus } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ConnectorManifest, ResolvedOperation } from "@/lib/connector-manifest";
import { Button } from "../../ui/button";
import { pickerSections } from "./node-picker-options";
import { PickerSearch } from "./picker-search";
import { StepOptionsList } from "./step-options-list";
import { isTyping } from "../canvas/use-designer-shortcuts";

export function AddStepMenu({
  manifest,
  onPick,
}: {
  manifest: ConnectorManifest | undefined;
  onPick: (choice: ResolvedOperation) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const sections = useMemo(() => pickerSections(manifest, query), [manifest, query]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut =
        (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey) ||
        ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k");
      // Not over another dialog (run with data, settings): its keys belong to it.
      if (!shortcut || isTyping(event.target) || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // The native <dialog> traps focus, closes on Escape and gives focus back to where it was when it closes.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // showModal focuses the first focusable element, which is cmdk's list container, not the search box.
      search.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  const close = () => {
    setOpen(false);
    setQuery("");
  };

  return (
    <>
      <Button
        data-testid="add-step-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
        title="Add step (/ or Ctrl+K)"
      >
        <Plus size={16} aria-hidden /> Add step
      </Button>
      <dialog
        ref={dialog}
        data-testid="node-picker"
        aria-label="Add a step"
        onClose={close}
        onClick={(event) => event.target === dialog.current && close()}
        className="mx-auto mt-[12vh] w-full max-w-lg rounded-xl border border-slate-200 bg-white p-0 shadow-2xl backdrop:bg-slate-900/30"
      >
        {open && (
          <Command
            label="Add a step"
            shouldFilter={false}
            loop
            vimBindings={false}
            className="flex max-h-[65vh] flex-col"
          >
            <PickerSearch
              inputRef={search}
              testId="node-picker-search"
              label="Search applications and actions"
              value={query}
              onValueChange={setQuery}
            >
              <kbd className="rounded border border-slate-200 px-1.5 text-[10px] text-slate-400">Esc</kbd>
            </PickerSearch>
            <StepOptionsList
              sections={sections}
              empty={manifest ? `No application, action or tool matches “${query}”.` : "Loading the applications…"}
              emptyTestId="node-picker-empty"
              testIdPrefix="add-step-option-"
              onPick={(choice) => {
                close();
                onPick(choice);
              }}
            />
            <p className="border-t border-slate-200 px-3 py-2 text-[11px] text-slate-400">
              ↑ ↓ to move · Enter to add · Esc to close
            </p>
          </Command>
        )}
      </dialog>
    </>
  );
}
