"use client";
// Under a field holding a `{{ }}` template: its syntax error with the character it is at, or the value it gives on
// the sample data, with a warning when that is null, nothing or the wrong type for the field. Objects, lists and
// JSON text (a mapped request body) show as indented JSON; a long text shows its start with "Show all".
import { AlertTriangle, CircleX, Eye } from "lucide-react";
import { useEffect, useState } from "react";
import { jsonProblem, parseJsonStructure } from "@/lib/json-preview";
import {
  checkTemplateSyntax,
  previewTemplate,
  type PreviewContext,
  type TemplatePreview,
  type ValueType,
} from "@/lib/template-check";
import { isTemplate } from "@/lib/templates";

const DEBOUNCE_MS = 200;

// Long enough for an order number sentence, short enough to keep the field's help text in view.
const SHORT_TEXT = 160;

/** Cuts at the last space before the limit, so the cut does not fall mid-word when a space is near. */
function shorten(text: string): string {
  const cut = text.lastIndexOf(" ", SHORT_TEXT);
  return `${text.slice(0, cut > SHORT_TEXT - 40 ? cut : SHORT_TEXT)}…`;
}

const blockClass =
  "mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded border border-slate-200 bg-slate-50 px-2 py-1.5 font-mono text-[11px] leading-snug text-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

function SampleValue({ name, value, asText }: { name: string; value: unknown; asText: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const structure =
    typeof value === "string" ? parseJsonStructure(value) : typeof value === "object" && value !== null ? value : null;
  if (structure !== null) {
    return (
      <>
        Sample result{typeof value === "string" ? " (JSON text)" : ""}:
        <pre
          data-testid={`expression-json-${name}`}
          tabIndex={0}
          aria-label="Sample result as JSON"
          className={blockClass}
        >
          {JSON.stringify(structure, null, 2)}
        </pre>
      </>
    );
  }
  // Text meant as JSON that does not parse, or running over lines: shown as it would be sent, not as an escaped
  // string, so the place where it breaks can be seen.
  if (typeof value === "string" && (asText || value.includes("\n"))) {
    return (
      <>
        Sample result (text):
        <pre
          data-testid={`expression-text-${name}`}
          tabIndex={0}
          aria-label="Sample result as text"
          className={blockClass}
        >
          {value}
        </pre>
      </>
    );
  }
  const text = value === undefined ? "(nothing)" : JSON.stringify(value);
  const long = text.length > SHORT_TEXT + 20;
  return (
    <>
      Sample result:{" "}
      <code className="whitespace-pre-wrap break-words rounded bg-slate-100 px-1 font-mono">
        {long && !showAll ? shorten(text) : text}
      </code>
      {long && (
        <button
          type="button"
          data-testid={`expression-show-all-${name}`}
          aria-expanded={showAll}
          className="ml-1 rounded font-medium text-brand-700 hover:text-brand-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          onClick={() => setShowAll(!showAll)}
        >
          {showAll ? "Show less" : `Show all ${text.length} characters`}
        </button>
      )}
    </>
  );
}

type Shown = TemplatePreview | { status: "noSample" };

export function ExpressionPreview({
  name,
  expected,
  value,
  context,
  nothingMessage,
  expectJson = false,
}: {
  name: string;
  /** The JSON types the field accepts; undefined when any will do. */
  expected: readonly ValueType[] | undefined;
  value: unknown;
  context: PreviewContext | undefined;
  /** What "yields nothing" means for this field, when it is worse than being left empty (an If stops the run). */
  nothingMessage?: string;
  /** A request body meant to be JSON: warn when the mapped text does not parse. */
  expectJson?: boolean;
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
        setShown(
          syntax.ok ? { status: "noSample" } : { status: "error", message: syntax.message, position: syntax.position },
        );
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
            Not a valid expression{shown.position !== undefined ? ` at character ${shown.position}` : ""}:{" "}
            {shown.message}
          </span>
        </p>
      )}
      {shown.status === "noSample" && (
        <p data-testid={`expression-no-sample-${name}`} className="text-slate-500">
          Run the flow once (Run now with data) to preview this with real values.
        </p>
      )}
      {(shown.status === "ok" ||
        shown.status === "nothing" ||
        shown.status === "null" ||
        shown.status === "wrongType") && (
        <div data-testid={`expression-preview-${name}`} className="flex items-start gap-1 text-slate-600">
          <Eye size={13} aria-hidden className="mt-px shrink-0" />
          <div className="min-w-0 flex-1">
            <SampleValue name={name} value={shown.value} asText={expectJson} />
          </div>
        </div>
      )}
      {shown.status === "ok" && expectJson && typeof shown.value === "string" && jsonProblem(shown.value) !== null && (
        <p data-testid={`expression-json-warning-${name}`} className="mt-0.5 flex items-start gap-1 text-amber-700">
          <AlertTriangle size={13} aria-hidden className="mt-px shrink-0" />
          <span className="min-w-0 break-words">
            This body is not valid JSON after mapping: {jsonProblem(shown.value)}
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
