"use client";
// Under a mapped value: what the step would receive on the sample data (the JSON we would send), or, when a value
// cannot be produced, the message the run would fail with, so the analyst sees it before any run.
import { CircleX, Eye } from "lucide-react";
import { useEffect, useState } from "react";
import { mappingSlotSchema, type MappingSlot } from "@/lib/mapping";
import { previewSlot, type SlotPreview } from "@/lib/template-check";
import { useFieldContext } from "../fields/field-context";

const DEBOUNCE_MS = 250;

export function MappingPreview({
  name,
  slot,
  field,
  sentAs,
}: {
  name: string;
  slot: MappingSlot;
  field: string;
  /** How the value leaves: "Sent as JSON" for a request body. */
  sentAs: string;
}) {
  const { data } = useFieldContext();
  const context = data?.context;
  const [shown, setShown] = useState<SlotPreview | null>(null);
  // The slot is parsed afresh on every render; its text says whether it changed.
  const signature = JSON.stringify(slot);
  useEffect(() => {
    const slot = mappingSlotSchema.parse(JSON.parse(signature));
    if (!context) {
      setShown(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void previewSlot(slot, field, context).then((result) => {
        if (current) setShown(result);
      });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [signature, field, context]);

  if (!shown) return null;
  if (shown.status === "fails")
    return (
      <p
        data-testid={`mapping-preview-error-${name}`}
        role="status"
        className="flex items-start gap-1 rounded border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-700"
      >
        <CircleX size={13} aria-hidden className="mt-px shrink-0" />
        <span className="min-w-0 break-words">With the sample data this step fails: {shown.message}</span>
      </p>
    );
  return (
    <div
      data-testid={`mapping-preview-${name}`}
      role="status"
      className="flex items-start gap-1 text-xs text-slate-600"
    >
      <Eye size={13} aria-hidden className="mt-px shrink-0" />
      <div className="min-w-0 flex-1">
        {shown.value === undefined ? (
          "Left out on the sample data."
        ) : (
          <>
            {sentAs} on the sample data:
            <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded border border-slate-200 bg-slate-50 px-2 py-1.5 font-mono text-[11px] leading-snug text-slate-800">
              {JSON.stringify(shown.value, null, 2)}
            </pre>
          </>
        )}
      </div>
    </div>
  );
}
