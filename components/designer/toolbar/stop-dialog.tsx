"use client";
// Stop asks first: a stopped flow starts no runs, and its webhook answers 404 until it is started again.
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";

export function StopDialog({
  webhook,
  busy,
  onStop,
  onClose,
}: {
  /** The flow is started by a webhook: callers get 404 while it is stopped. */
  webhook: boolean;
  busy: boolean;
  onStop: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open onClose={onClose} title="Stop this flow?" testId="stop-dialog">
      <div className="flex flex-col gap-4 text-sm text-slate-700">
        <p>
          It starts no new runs until you start it again; runs already under way finish.
          {webhook && " Requests to its webhook address are answered 404 meanwhile."}
        </p>
        <p className="text-slate-500">To put edits live, use Publish changes instead: it switches without a gap.</p>
        <div className="flex justify-end gap-2">
          <Button data-testid="stop-cancel" onClick={onClose}>
            Keep running
          </Button>
          <Button variant="danger" data-testid="stop-confirm" disabled={busy} onClick={onStop}>
            Stop
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
