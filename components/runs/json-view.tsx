import { Scissors } from "lucide-react";
import { formatBytes } from "@/lib/format";

/** The stored marker of a payload cut to the size cap (server/runtime/payload-cap.ts). */
function originalBytesOf(value: unknown): number | null {
  if (typeof value !== "object" || value === null || !("originalBytes" in value)) return null;
  return typeof value.originalBytes === "number" ? value.originalBytes : null;
}

/**
 * Pretty-printed JSON for step inputs and outputs; long values scroll instead of stretching the page. A truncated
 * value shows only the beginning of its JSON text, kept when it was stored, and says so.
 */
export function JsonView({
  value,
  testId,
  label,
  truncated = false,
}: {
  value: unknown;
  testId: string;
  label: string;
  truncated?: boolean;
}) {
  const original = truncated ? originalBytesOf(value) : null;
  const preview = truncated && typeof value === "object" && value !== null && "preview" in value ? value.preview : null;
  const text = typeof preview === "string" ? `${preview}…` : JSON.stringify(value, null, 2);
  return (
    <div className="min-w-0">
      <div className="mb-1 flex items-center gap-2">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
        {truncated && (
          <span
            data-testid={`${testId}-truncated`}
            title="Too large to store whole (over the step payload cap): only the beginning of its JSON was kept."
            className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/20"
          >
            <Scissors size={12} aria-hidden />
            Truncated{original !== null ? ` (${formatBytes(original)})` : ""}
          </span>
        )}
      </div>
      {value === undefined || value === null ? (
        // Nothing to show (a trigger's input, a skipped step): a quiet note, not an empty black box.
        <p
          data-testid={testId}
          className="rounded-md border border-dashed border-slate-200 px-3 py-2 text-xs text-slate-400"
        >
          None
        </p>
      ) : (
        <pre
          data-testid={testId}
          className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
        >
          {text}
        </pre>
      )}
    </div>
  );
}
