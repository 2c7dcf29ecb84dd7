"use client";
// The JSON a run or a test starts with, as Run now with data and Test flow ask for it: a labelled monospace box whose
// parse error (from parseSampleJson) sits under it and is announced.
import type { ReactNode } from "react";
import { inputClass } from "../../ui/text-input";

export function JsonPayloadInput({
  id,
  testId,
  label,
  value,
  problem,
  onChange,
}: {
  id: string;
  /** `<testId>-input` and `<testId>-error`. */
  testId: string;
  label: ReactNode;
  value: string;
  problem: string | null;
  onChange: (text: string) => void;
}) {
  const errorId = `${id}-error`;
  return (
    <>
      <label htmlFor={id} className="text-sm text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        data-testid={`${testId}-input`}
        spellCheck={false}
        className={`${inputClass} min-h-44 font-mono text-xs`}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem && (
        <p id={errorId} role="alert" data-testid={`${testId}-error`} className="text-sm text-red-600">
          {problem}
        </p>
      )}
    </>
  );
}
