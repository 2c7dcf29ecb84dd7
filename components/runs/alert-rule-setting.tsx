"use client";
// Flow settings › Alerts: whether every failed run of this flow starts the "When a flow fails" flows, or only a
// burst of them (N failed runs within M minutes, once per burst). Saved on its own, like the business key.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { alertRuleSchema, type AlertRule } from "@/lib/alert-rule";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { InlineNumberInput } from "../ui/text-input";

export function AlertRuleSetting({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.runs.alertRule.queryOptions({ flowId }));
  if (current.isError)
    return <p className="text-sm text-red-600">Could not load the alert rule: {errorMessage(current.error)}</p>;
  if (!current.data) return null;
  return <AlertRuleForm flowId={flowId} rule={current.data.rule} />;
}

function AlertRuleForm({ flowId, rule }: { flowId: string; rule: AlertRule | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.runs.setAlertRule.mutationOptions());
  const [burst, setBurst] = useState(rule !== null);
  const [failures, setFailures] = useState(String(rule?.failures ?? 5));
  const [minutes, setMinutes] = useState(String(rule?.withinMinutes ?? 10));
  const parsed = alertRuleSchema.safeParse({ failures: numberOf(failures), withinMinutes: numberOf(minutes) });
  const problem = burst && !parsed.success ? (parsed.error.issues[0]?.message ?? "Check the numbers") : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    try {
      const saved = await save.mutateAsync({ flowId, rule: burst && parsed.success ? parsed.data : null });
      queryClient.setQueryData(trpc.runs.alertRule.queryKey({ flowId }), saved);
      toast.success(
        saved.rule
          ? `Alerts start once when ${saved.rule.failures} runs fail within ${saved.rule.withinMinutes} minutes.`
          : "Every failed run starts the alert flows.",
      );
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-col gap-2 border-b border-slate-200 pb-4 text-sm"
      data-testid="alert-rule-form"
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium text-slate-700">Alerts when runs fail</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="alert-rule"
            data-testid="alert-rule-every"
            checked={!burst}
            onChange={() => setBurst(false)}
          />
          Every failed run starts the alert flows
        </label>
        <label className="flex flex-wrap items-center gap-2">
          <input
            type="radio"
            name="alert-rule"
            data-testid="alert-rule-burst"
            checked={burst}
            onChange={() => setBurst(true)}
          />
          Alert once when
          <InlineNumberInput
            width="w-20"
            aria-label="Failed runs"
            data-testid="alert-rule-failures"
            disabled={!burst}
            value={failures}
            onChange={(event) => setFailures(event.target.value)}
            invalid={Boolean(problem)}
          />
          runs fail within
          <InlineNumberInput
            width="w-20"
            aria-label="Minutes"
            data-testid="alert-rule-minutes"
            disabled={!burst}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            invalid={Boolean(problem)}
          />
          minutes
        </label>
      </fieldset>
      <p className="text-slate-500">
        Alert flows start with a &ldquo;When a flow fails&rdquo; trigger. A burst alerts once; failures in the minutes
        after it are part of it, and a new burst after that alerts again.
      </p>
      {problem && (
        <p className="text-red-600" data-testid="alert-rule-problem">
          {problem}
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" data-testid="alert-rule-save" disabled={save.isPending || problem !== null}>
          {save.isPending ? "Saving…" : "Save alert rule"}
        </Button>
      </div>
    </form>
  );
}

function numberOf(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}
