"use client";
// Deleting an account asks first, says which flows name it, and shows the server's refusal (with links to the
// running flows that use it) in place rather than as a passing toast.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { errorMessage } from "../ui/error-message";
import type { Account } from "./account-types";

export function DeleteAccountDialog({
  account,
  onClose,
  onDeleted,
}: {
  account: Account;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.accounts.delete.mutationOptions({ onSuccess: onDeleted }));
  const running = account.usedBy.filter((use) => use.status === "running");
  const others = account.usedBy.filter((use) => use.status !== "running");

  return (
    <Dialog open onClose={onClose} title="Delete account?" testId="delete-account-dialog">
      <p className="text-sm text-slate-700">
        The saved credentials of <strong>{account.name}</strong> will be deleted. This cannot be undone.
      </p>
      {running.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          Running flows use it, so it cannot be deleted until they are stopped or use another account.
        </p>
      )}
      {others.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          {others.length === 1
            ? "One stopped or draft flow names it"
            : `${others.length} stopped or draft flows name it`}
          ; they will need another account before they can start.
        </p>
      )}
      {account.usedBy.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {account.usedBy.map((use) => (
            <li key={use.flowId}>
              <Link href={`/flows/${use.flowId}`} className="text-brand-700 hover:underline">
                {use.flowName}
              </Link>{" "}
              <span className="text-slate-500">({use.status})</span>
            </li>
          ))}
        </ul>
      )}
      {remove.error && (
        <p
          role="alert"
          data-testid="delete-account-error"
          className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
        >
          {errorMessage(remove.error)}
        </p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="danger"
          data-testid="confirm-delete-account"
          disabled={remove.isPending}
          onClick={() => remove.mutate({ id: account.id })}
        >
          Delete account
        </Button>
      </div>
    </Dialog>
  );
}
