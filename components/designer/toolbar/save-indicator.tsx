import { AlertTriangle, Check, Loader2 } from "lucide-react";
import type { SaveState } from "../use-draft-saver";

const text: Record<SaveState, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  error: "Not saved",
  conflict: "Changed elsewhere: reload",
};

export function SaveIndicator({ state, detail }: { state: SaveState; detail?: string }) {
  const tone =
    state === "saved"
      ? "text-emerald-700"
      : state === "error" || state === "conflict"
        ? "text-red-600"
        : "text-slate-500";
  return (
    <span
      data-testid="save-state"
      data-state={state}
      title={detail}
      className={`inline-flex min-w-0 items-center gap-1 whitespace-nowrap text-xs ${tone}`}
      aria-live="polite"
    >
      {state === "saved" && <Check size={12} aria-hidden className="shrink-0" />}
      {state === "saving" && <Loader2 size={12} aria-hidden className="shrink-0 animate-spin" />}
      {(state === "error" || state === "conflict") && <AlertTriangle size={12} aria-hidden className="shrink-0" />}
      <span className="truncate">{text[state]}</span>
    </span>
  );
}
