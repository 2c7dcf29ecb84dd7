"use client";
// The sidebar's foot: the workspace switcher (a person may belong to several) and who is signed in, with sign-out.
import { LogOut, UserRound } from "lucide-react";
import { useEffect } from "react";
import { roleLabels } from "@/lib/roles";
import { authClient } from "../auth/auth-client";
import { useMe } from "../auth/use-access";

const WORKSPACE_COOKIE = "conflux-workspace";

function switchWorkspace(id: string) {
  // A preference only: the server checks the membership on every call.
  document.cookie = `${WORKSPACE_COOKIE}=${encodeURIComponent(id)}; path=/; samesite=lax; max-age=31536000`;
  window.location.assign("/flows");
}

async function signOut() {
  await authClient.signOut();
  window.location.assign("/sign-in");
}

export function UserMenu() {
  const me = useMe();
  const signedOut = me.error?.data?.code === "UNAUTHORIZED";
  useEffect(() => {
    // The session ended (signed out elsewhere, expired, removed from the workspace): back to sign-in.
    if (signedOut) window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
  }, [signedOut]);
  if (!me.data) return <p className="mt-auto px-5 py-4 text-xs text-slate-500">…</p>;
  const { label, role, workspaceId, workspaces } = me.data;
  return (
    <div className="mt-auto flex flex-col gap-3 border-t border-slate-800 px-4 py-4 text-xs" data-testid="user-menu">
      {workspaces.length > 1 ? (
        <label className="flex flex-col gap-1 text-slate-400">
          Workspace
          <select
            className="rounded-md border border-slate-700 bg-slate-800 px-2 py-1 text-sm text-slate-100"
            value={workspaceId}
            onChange={(event) => switchWorkspace(event.target.value)}
            data-testid="workspace-switcher"
          >
            {workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="text-slate-400" data-testid="workspace-name">
          {workspaces[0]?.name ?? "Workspace"}
        </p>
      )}
      <div className="flex items-center gap-2 text-slate-300">
        <UserRound aria-hidden size={16} className="shrink-0" />
        <div className="min-w-0 flex-1">
          <p className="truncate" title={label} data-testid="user-label">
            {label.replace(/ <.*>$/, "")}
          </p>
          <p className="text-slate-500" data-testid="user-role">
            {roleLabels[role]}
          </p>
        </div>
        <button
          type="button"
          onClick={signOut}
          title="Sign out"
          aria-label="Sign out"
          className="rounded p-1 text-slate-400 hover:bg-slate-800 hover:text-white"
          data-testid="sign-out"
        >
          <LogOut aria-hidden size={16} />
        </button>
      </div>
    </div>
  );
}
