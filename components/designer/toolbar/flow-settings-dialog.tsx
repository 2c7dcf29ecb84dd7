"use client";
// Flow settings: the business key of the flow's runs, when its failed runs start alert flows, and how long its finished runs are kept (the worker deletes
// older ones every hour).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { MAX_RETENTION_DAYS, retentionDaysSchema } from "@/lib/run-retention";
import { AlertRuleSetting } from "../../runs/alert-rule-setting";
import { BusinessKeySetting } from "../../runs/business-key-setting";
import { useTRPC } from "../../trpc";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { errorMessage } from "../../ui/error-message";
import { InlineNumberInput } from "../../ui/text-input";

/** Opened from the toolbar's "More" menu, for the flow open in the designer. */
export function FlowSettingsDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.flows.retention.queryOptions({ id: flowId }));
  const save = useMutation(trpc.flows.setRetention.mutationOptions());
  return (
    <Dialog open onClose={onClose} title="Flow settings" testId="flow-settings-dialog">
      <BusinessKeySetting flowId={flowId} />
      <AlertRuleSetting flowId={flowId} />
      {current.isError && (
        <p className="text-sm text-red-600">Could not load the settings: {errorMessage(current.error)}</p>
      )}
      {!current.data && !current.isError && <p className="text-sm text-slate-500">Loading…</p>}
      {current.data && (
        <RetentionForm
          days={current.data.days}
          defaultDays={current.data.defaultDays}
          pending={save.isPending}
          onCancel={onClose}
          onSave={async (days) => {
            try {
              await save.mutateAsync({ id: flowId, days });
              await queryClient.invalidateQueries({ queryKey: trpc.flows.retention.queryKey({ id: flowId }) });
              toast.success(days === null ? "Runs are kept for the default time." : `Runs are kept for ${days} days.`);
              onClose();
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        />
      )}
    </Dialog>
  );
}

function RetentionForm(props: {
  days: number | null;
  defaultDays: number;
  pending: boolean;
  onCancel: () => void;
  onSave: (days: number | null) => Promise<void>;
}) {
  const [custom, setCustom] = useState(props.days !== null);
  const [text, setText] = useState(String(props.days ?? props.defaultDays));
  const parsed = retentionDaysSchema.safeParse(text.trim() === "" ? Number.NaN : Number(text));
  const problem = custom && !parsed.success ? (parsed.error.issues[0]?.message ?? "Enter a number of days") : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    void props.onSave(custom && parsed.success ? parsed.data : null);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 text-sm">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium text-slate-700">Keep finished runs</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="retention"
            data-testid="retention-default"
            checked={!custom}
            onChange={() => setCustom(false)}
          />
          For the default time ({props.defaultDays} days)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="retention"
            data-testid="retention-custom"
            checked={custom}
            onChange={() => setCustom(true)}
          />
          For
          <InlineNumberInput
            width="w-24"
            max={MAX_RETENTION_DAYS}
            aria-label="Days to keep runs"
            data-testid="retention-days"
            disabled={!custom}
            value={text}
            onChange={(event) => setText(event.target.value)}
            invalid={Boolean(problem)}
          />
          days
        </label>
      </fieldset>
      <p className="text-slate-500">
        Older runs are deleted with their steps, about once an hour. Runs still going are kept.
      </p>
      {problem && <p className="text-red-600">{problem}</p>}
      <div className="mt-2 flex justify-end gap-2">
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          data-testid="flow-settings-save"
          disabled={props.pending || problem !== null}
        >
          {props.pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
