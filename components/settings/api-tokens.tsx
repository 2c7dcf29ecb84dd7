"use client";
// API tokens (admins): for automation calling the API with `Authorization: Bearer <token>`, in this workspace with
// one role; the token is shown once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, KeyRound } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { roleLabels, type Role } from "@/lib/roles";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { RoleSelect } from "./role-select";
import { TextInput } from "../ui/text-input";

function when(date: Date | string | null): string {
  return date ? new Date(date).toLocaleString() : "never";
}

export function ApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result);
        setName("");
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({ onSuccess: refresh, onError: (error) => toast.error(errorMessage(error)) }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, role });
  }

  return (
    <section className="max-w-4xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <KeyRound aria-hidden size={18} className="text-brand-600" /> API tokens
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        A token lets a script call the API (<code className="rounded bg-slate-100 px-1">/api/trpc/…</code> and the
        downloads) with <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>, in this
        workspace with the role you choose. It is shown once; Conflux keeps only its hash.
      </p>
      <form className="mt-4 flex flex-wrap items-end gap-3" onSubmit={submit}>
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
          Name
          <TextInput
            required
            value={name}
            placeholder="nightly-replay"
            onChange={(event) => setName(event.target.value)}
            data-testid="token-name"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Role
          <RoleSelect value={role} onChange={setRole} testId="token-role" />
        </label>
        <Button type="submit" variant="primary" disabled={create.isPending} data-testid="token-create">
          Create token
        </Button>
        {create.error ? (
          <p role="alert" className="w-full text-sm text-red-700">
            {errorMessage(create.error)}
          </p>
        ) : null}
      </form>
      {created ? (
        <div className="mt-4 rounded-md border border-slate-200 bg-brand-50 p-3 text-sm" data-testid="token-created">
          <p className="font-medium text-slate-800">
            Copy the token &quot;{created.name}&quot; now: it will not be shown again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code className="flex-1 truncate rounded bg-white px-2 py-1 text-xs" data-testid="token-value">
              {created.token}
            </code>
            <Button
              onClick={() =>
                void navigator.clipboard?.writeText(created.token).then(() => toast.success("Token copied"))
              }
            >
              <Copy aria-hidden size={14} /> Copy
            </Button>
          </div>
        </div>
      ) : null}
      <table className="mt-6 w-full text-left text-sm" data-testid="tokens-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 font-medium">Token</th>
            <th className="py-2 font-medium">Role</th>
            <th className="py-2 font-medium">Created</th>
            <th className="py-2 font-medium">Last used</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((token) => (
            <tr key={token.id} className="border-b border-slate-100" data-testid={`token-${token.name}`}>
              <td className="py-2">
                <p className="font-medium text-slate-900">{token.name}</p>
                <p className="font-mono text-xs text-slate-500">{token.prefix}…</p>
              </td>
              <td className="py-2">{roleLabels[token.role]}</td>
              <td className="py-2 text-xs text-slate-600">
                {when(token.createdAt)}
                <br />
                by {token.createdBy.replace(/ <.*>$/, "")}
              </td>
              <td className="py-2 text-xs text-slate-600" data-testid="token-last-used">
                {when(token.lastUsedAt)}
              </td>
              <td className="py-2 text-right">
                {token.revokedAt ? (
                  <span className="text-xs text-slate-500">Revoked {when(token.revokedAt)}</span>
                ) : (
                  <Button variant="ghost" onClick={() => revoke.mutate({ id: token.id })} data-testid="token-revoke">
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 ? <p className="mt-3 text-sm text-slate-500">No tokens yet.</p> : null}
    </section>
  );
}
