"use client";
// A "more options" menu: a button that opens a short list of commands. Keyboard: Enter or Space opens it with focus
// on the first item, arrows move, Escape closes and gives focus back to the button; a click outside closes it.
import { MoreHorizontal, type LucideIcon } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "./button";

export interface MenuItem {
  label: string;
  icon?: LucideIcon;
  testId: string;
  danger?: boolean;
  /** Shown but not chosen, e.g. while the same action is still running. */
  disabled?: boolean;
  onSelect: () => void;
}

export function OptionsMenu({
  label,
  items,
  testId,
  button,
}: {
  label: string;
  items: readonly MenuItem[];
  testId: string;
  /** A labelled button in place of the "⋯" icon, e.g. "Replay ▾". */
  button?: {
    content: ReactNode;
    disabled?: boolean;
    /** For icon-only content: the accessible name and tooltip. */ label?: string;
  };
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>("[role=menuitem]:not(:disabled)")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const entries = [...(root.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not(:disabled)") ?? [])];
    const at = entries.findIndex((entry) => entry === document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      opener.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    }
  }

  return (
    <div ref={root} className="relative">
      {button ? (
        <Button
          ref={opener}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          data-testid={testId}
          aria-label={button.label}
          title={button.label}
          disabled={button.disabled}
          onClick={() => setOpen((value) => !value)}
        >
          {button.content}
        </Button>
      ) : (
        <button
          ref={opener}
          type="button"
          aria-label={label}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          data-testid={testId}
          onClick={() => setOpen((value) => !value)}
          className="grid h-8 w-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        >
          <MoreHorizontal size={18} aria-hidden />
        </button>
      )}
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-20 mt-1 min-w-44 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {items.map(({ label: itemLabel, icon: Icon, testId: itemTestId, danger, disabled, onSelect }) => (
            <button
              key={itemTestId}
              type="button"
              role="menuitem"
              data-testid={itemTestId}
              disabled={disabled}
              onClick={() => {
                setOpen(false);
                // The item is about to disappear: focus goes back to the opener first, so a dialog the item opens
                // returns focus there on close, and an action that opens nothing leaves focus where it was.
                opener.current?.focus();
                onSelect();
              }}
              className={`flex w-full items-center gap-2 whitespace-nowrap px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:cursor-not-allowed disabled:opacity-50 ${
                danger ? "text-red-600" : "text-slate-700"
              }`}
            >
              {Icon && <Icon size={15} aria-hidden />}
              {itemLabel}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
