"use client";
// One dialog for naming a thing (a flow, an account), used by Create and Rename so the rules and messages match.
import { useState, type FormEvent } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { TextInput } from "./text-input";

export function NameDialog({
  open,
  noun,
  placeholder,
  title,
  submitLabel,
  initialName = "",
  pending,
  error,
  inputTestId,
  submitTestId,
  onSubmit,
  onClose,
}: {
  open: boolean;
  /** What is named, in the sentence "Give the <noun> a name." */
  noun: string;
  placeholder?: string;
  title: string;
  submitLabel: string;
  initialName?: string;
  pending: boolean;
  error?: string;
  inputTestId: string;
  submitTestId: string;
  onSubmit: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const problem =
    name.trim() === "" ? `Give the ${noun} a name.` : name.trim().length > 120 ? "Use at most 120 characters." : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!problem) onSubmit(name.trim());
  }

  return (
    <Dialog open={open} onClose={onClose} title={title} testId="name-dialog">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <label className="text-sm font-medium text-slate-700" htmlFor="name-dialog-input">
          Name
        </label>
        <TextInput
          id="name-dialog-input"
          data-testid={inputTestId}
          autoFocus
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={placeholder}
          aria-invalid={touched && problem ? true : undefined}
        />
        {((touched && problem) || error) && <p className="text-sm text-red-600">{(touched && problem) || error}</p>}
        <div className="mt-2 flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending} data-testid={submitTestId}>
            {pending ? "Saving…" : submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
