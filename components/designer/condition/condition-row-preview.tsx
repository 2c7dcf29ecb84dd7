"use client";
// Under a condition row: the field's value on the sample data and whether the row holds there, so an analyst sees
// at once that "total greater than 100" is true for the order they ran with (or that the path finds nothing).
import { CircleCheck, CircleMinus, CircleX } from "lucide-react";
import { useEffect, useState } from "react";
import { compileRule, pathExpression, type ConditionRule } from "@/lib/condition";
import { previewTemplate, type PreviewContext, type TemplatePreview } from "@/lib/template-check";

const DEBOUNCE_MS = 200;

interface RowResult {
  sample: TemplatePreview;
  holds: TemplatePreview;
}

function formatSample(preview: TemplatePreview): string {
  if (preview.status === "error") return "(not a valid field)";
  if (preview.value === undefined) return "(nothing)";
  const text = JSON.stringify(preview.value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function ConditionRowPreview({
  id,
  rule,
  context,
}: {
  id: string;
  rule: ConditionRule;
  context: PreviewContext;
}) {
  const [result, setResult] = useState<RowResult | null>(null);
  const compiled = compileRule(rule);
  const field = rule.field.trim() === "" ? undefined : pathExpression(rule.field);

  useEffect(() => {
    if (compiled === undefined || field === undefined) {
      setResult(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void Promise.all([
        previewTemplate(`{{ ${field} }}`, context, undefined),
        previewTemplate(`{{ ${compiled} }}`, context, ["boolean"]),
      ]).then(([sample, holds]) => {
        if (current) setResult({ sample, holds });
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [compiled, field, context]);

  if (result === null) return null;
  const { holds } = result;
  const verdict = holds.status === "ok" && typeof holds.value === "boolean" ? holds.value : undefined;
  return (
    <p
      data-testid={`condition-row-preview-${id}`}
      role="status"
      aria-live="polite"
      className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-600"
    >
      <span className="min-w-0 break-all">
        Sample: <code className="rounded bg-slate-100 px-1 font-mono">{formatSample(result.sample)}</code>
      </span>
      {verdict === true && (
        <span
          data-testid={`condition-row-holds-${id}`}
          className="flex items-center gap-0.5 font-medium text-emerald-700"
        >
          <CircleCheck size={13} aria-hidden /> true
        </span>
      )}
      {verdict === false && (
        <span
          data-testid={`condition-row-fails-${id}`}
          className="flex items-center gap-0.5 font-medium text-slate-500"
        >
          <CircleMinus size={13} aria-hidden /> false
        </span>
      )}
      {verdict === undefined && (
        <span className="flex items-center gap-0.5 text-red-600">
          <CircleX size={13} aria-hidden /> {holds.status === "error" ? holds.message : "cannot compare"}
        </span>
      )}
    </p>
  );
}
