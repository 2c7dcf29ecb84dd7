const tones: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  running: "bg-sky-50 text-sky-700 ring-sky-600/20",
  queued: "bg-slate-100 text-slate-700 ring-slate-500/20",
  failed: "bg-red-50 text-red-700 ring-red-600/20",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-600/20",
  skipped: "bg-slate-100 text-slate-500 ring-slate-500/20",
  draft: "bg-slate-100 text-slate-700 ring-slate-500/20",
  stopped: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

const labels: Record<string, string> = {
  succeeded: "Succeeded",
  running: "Running",
  queued: "Queued",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
  draft: "Draft",
  stopped: "Stopped",
};

/** One badge for run, step and flow states, so a colour means the same thing on every page. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        tones[status] ?? tones.queued
      }`}
    >
      {labels[status] ?? status}
    </span>
  );
}
