/** Pretty-printed JSON for step inputs and outputs; long values scroll instead of stretching the page. */
export function JsonView({ value, testId, label }: { value: unknown; testId: string; label: string }) {
  const text = value === undefined || value === null ? "—" : JSON.stringify(value, null, 2);
  return (
    <div className="min-w-0">
      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <pre data-testid={testId} className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
        {text}
      </pre>
    </div>
  );
}
