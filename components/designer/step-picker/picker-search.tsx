"use client";
// The search row at the top of both step pickers (Add step, and the "+" on a connection). The row shows the focus
// with its bottom border, not the input: the global focus ring drawn around the bare input looked like a stray frame.
import { Command } from "cmdk";
import { Search } from "lucide-react";
import type { ReactNode, Ref } from "react";

export function PickerSearch({
  inputRef,
  testId,
  label,
  value,
  onValueChange,
  compact = false,
  autoFocus = false,
  children,
}: {
  inputRef?: Ref<HTMLInputElement>;
  testId: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  compact?: boolean;
  autoFocus?: boolean;
  /** Shown at the row's end, e.g. the Esc hint. */
  children?: ReactNode;
}) {
  return (
    <label
      className={`flex items-center gap-2 border-b-2 border-slate-200 focus-within:border-brand-500 ${compact ? "px-2.5 py-2" : "px-3 py-2.5"}`}
    >
      <Search size={compact ? 14 : 16} aria-hidden className="text-slate-400" />
      <Command.Input
        ref={inputRef}
        autoFocus={autoFocus}
        data-testid={testId}
        aria-label={label}
        placeholder="Search applications, actions and tools"
        className="w-full text-sm focus-visible:outline-none!"
        value={value}
        onValueChange={onValueChange}
      />
      {children}
    </label>
  );
}
