"use client";
// Under a field holding a `{{ }}` template: its syntax error with the character it is at, or the value it gives on
// the sample data, with a warning when that is null, nothing or the wrong type for the field.
import { AlertTriangle, CircleX, Eye } from "lucide-react";
import { useEffect, useState } from "react";
import { checkTemplateSyntax, previewTemplate, type PreviewContext, type TemplatePreview, type ValueType } from "@/lib/template-check";
import { isTemplate } from "@/lib/templates";

const DEBOUNCE_MS = 200;

function formatValue(value: unknown): string {
  if (value === undefined) return "(nothing)";
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

type Shown = TemplatePreview | { status: "noSample" };

export function ExpressionPreview({
  name,
  expected,
  value,
  context,
  nothingMessage,
}: {
  name: string;
  /** The JSON types the field accepts; undefined when any will do. */
  expected: readonly ValueType[] | undefined;
  value: unknown;
  context: PreviewContext | undefined;
  /** What "yields nothing" means for this field, when it is worse than being left empty (an If stops the run). */
  nothingMessage?: string;
}) {
  const [shown, setShown] = useState<Shown | null>(null);
  const template = isTemplate(value) ? value : null;

  useEffect(() => {
    if (template === null) {
      setShown(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      if (!context) {
        const syntax = checkTemplateSyntax(template);
        setShown(syntax.ok ? { status: "noSample" } : { status: "error", message: syntax.message, position: syntax.position });
        return;
      }
      void previewTemplate(template, context, expected).then((result) => {
        if (current) setShown(result);
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [template, context, expected]);

  if (template === null || shown === null) return null;
  return (
    <div role="status" aria-live="polite" className="text-xs">
      {shown.status === "error" && (
        <p data-testid={`expression-error-${name}`} className="flex items-start gap-1 text-red-600">
          <CircleX size={13} aria-hidden className="mt-px shrink-0" />
          <span>
            Not a valid expression{shown.position !== undefined ? ` at character ${shown.position}` : ""}: {shown.message}
          </span>
        </p>
      )}
      {shown.status === "noSample" && (
        <p data-testid={`expression-no-sample-${name}`} className="text-slate-500">
          Run the flow once (Run now with data) to preview this with real values.
        </p>
      )}
      {(shown.status === "ok" || shown.status === "nothing" || shown.status === "null" || shown.status === "wrongType") && (
        <p data-testid={`expression-preview-${name}`} className="flex items-start gap-1 text-slate-600">
          <Eye size={13} aria-hidden className="mt-px shrink-0" />
          <span className="min-w-0 break-all">
            Sample result: <code className="rounded bg-slate-100 px-1 font-mono">{formatValue(shown.value)}</code>
          </span>
        </p>
      )}
      {(shown.status === "nothing" || shown.status === "null" || shown.status === "wrongType") && (
        <p data-testid={`expression-warning-${name}`} className="mt-0.5 flex items-start gap-1 text-amber-700">
          <AlertTriangle size={13} aria-hidden className="mt-px shrink-0" />
          <span>{shown.status === "nothing" && nothingMessage ? nothingMessage : shown.message}</span>
        </p>
      )}
    </div>
  );
}
