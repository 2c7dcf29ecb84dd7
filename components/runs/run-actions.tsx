"use client";
// What a user can do to a run from its page: cancel it while it is queued or running (after confirming), replay it
// once it has finished. A replay is a new run, so the page moves on to it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";
import { ReplayMenu, replayChoices, type ReplayChoice } from "./replay-menu";

export interface RunActionsRun {
  id: string;
  status: string;
  flowVersionNumber: number;
  latestVersionNumber: number | null;
  failedStepId: string | null;
}

export function RunActions({ run }: { run: RunActionsRun }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  const replay = useMutation(trpc.runs.replay.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ id: run.id }) });

  async function onCancel() {
    try {
      await cancel.mutateAsync({ id: run.id });
      toast.success("Run cancelled.");
    } catch (error) {
      toast.error(errorMessage(error));
    }
    setConfirming(false);
    await refresh();
  }

  async function onReplay(choice: ReplayChoice) {
    try {
      const { runId } = await replay.mutateAsync({ id: run.id, ...choice });
      toast.success("Replay queued.");
      await refresh();
      router.push(`/runs/${runId}`);
    } catch (error) {
      toast.error(errorMessage(error), { duration: 10_000 });
    }
  }

  if (run.status === "queued" || run.status === "running") {
    return (
      <>
        <Button
          variant="danger"
          data-testid="cancel-run"
          onClick={() => setConfirming(true)}
          disabled={cancel.isPending}
        >
          <Ban size={15} aria-hidden /> Cancel run
        </Button>
        <Dialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title="Cancel this run?"
          testId="cancel-run-dialog"
        >
          <p className="text-sm text-slate-600">
            The step in progress is stopped and the run ends as cancelled. Steps that already ran are not undone. You
            can replay the run later.
          </p>
          <div className="mt-5 flex justify-end gap-2">
            <Button onClick={() => setConfirming(false)}>Keep running</Button>
            <Button
              variant="danger"
              data-testid="cancel-run-confirm"
              disabled={cancel.isPending}
              onClick={() => void onCancel()}
            >
              {cancel.isPending ? "Cancelling…" : "Cancel run"}
            </Button>
          </div>
        </Dialog>
      </>
    );
  }
  return (
    <ReplayMenu choices={replayChoices(run)} pending={replay.isPending} onPick={(choice) => void onReplay(choice)} />
  );
}
