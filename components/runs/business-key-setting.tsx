"use client";
// Flow settings › Business key: what identifies this flow's runs (an order number), so that searching it on Runs
// finds them. Saved on its own, next to the dialog's other settings.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";

export function BusinessKeySetting({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setting = useQuery(trpc.runs.businessKey.queryOptions({ flowId }));
  const save = useMutation(trpc.runs.setBusinessKey.mutationOptions());
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!setting.data) {
    return setting.isError ? (
      <p className="text-sm text-red-600">Could not load the business key: {errorMessage(setting.error)}</p>
    ) : null;
  }
  const { expression, suggestion } = setting.data;
  const value = text ?? expression ?? suggestion ?? "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ flowId, expression: value });
      queryClient.setQueryData(trpc.runs.businessKey.queryKey({ flowId }), saved);
      setText(null);
      toast.success(saved.expression ? "New runs take their business key from it." : "The business key is cleared.");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-col gap-2 border-b border-slate-200 pb-4 text-sm"
    >
      <label htmlFor="business-key-expression" className="font-medium text-slate-700">
        Business key
      </label>
      <div className="flex gap-2">
        <TextInput
          id="business-key-expression"
          data-testid="business-key-expression"
          className="font-mono"
          placeholder="{{ trigger.body.orderNo }}"
          value={value}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby="business-key-help"
        />
        <Button type="submit" data-testid="business-key-save" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save key"}
        </Button>
      </div>
      <p id="business-key-help" className="text-slate-500">
        What identifies a run, such as the order number: search it on Runs to find every run that handled it.
        {suggestion && !expression ? " Proposed by the trigger." : ""}
      </p>
      {problem && (
        <p className="text-red-600" data-testid="business-key-problem">
          {problem}
        </p>
      )}
    </form>
  );
}
