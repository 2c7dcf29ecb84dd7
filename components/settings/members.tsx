"use client";
// The workspace's members and open invites (admins): invite by e-mail with a role, change a role, remove someone.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, UserPlus, Users } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { roleDescriptions, roleLabels, type Role } from "@/lib/roles";
import { useMe } from "../auth/use-access";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { RoleSelect } from "./role-select";
import { TextInput } from "../ui/text-input";

function InviteForm({ onInvited }: { onInvited: (link: string, email: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: async (result) => {
        onInvited(result.link, email);
        setEmail("");
        await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
      },
    }),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate({ email, role });
  }
  return (
    <form className="flex flex-wrap items-end gap-3" onSubmit={submit}>
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
        E-mail
        <TextInput
          type="email"
          required
          value={email}
          placeholder="colleague@example.com"
          onChange={(event) => setEmail(event.target.value)}
          data-testid="invite-email"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Role
        <RoleSelect value={role} onChange={setRole} testId="invite-role" />
      </label>
      <Button type="submit" variant="primary" disabled={invite.isPending} data-testid="invite-send">
        <UserPlus aria-hidden size={16} /> Invite
      </Button>
      {invite.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {errorMessage(invite.error)}
        </p>
      ) : null}
      <p className="w-full text-xs text-slate-500">{roleDescriptions[role]}</p>
    </form>
  );
}

export function Members() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const list = useQuery(trpc.members.list.queryOptions());
  const [link, setLink] = useState<{ url: string; email: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: refresh, onError }));
  const revoke = useMutation(trpc.members.revokeInvite.mutationOptions({ onSuccess: refresh, onError }));

  return (
    <section
      aria-labelledby="members-title"
      className="max-w-4xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="members-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <Users aria-hidden size={18} className="text-brand-600" /> Members
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        People join this workspace only by invite. The invite link is shown here once and printed to the server log.
      </p>
      <div className="mt-4">
        <InviteForm onInvited={(url, email) => setLink({ url, email })} />
      </div>
      {link ? (
        <div className="mt-4 rounded-md border border-slate-200 bg-brand-50 p-3 text-sm" data-testid="invite-link-box">
          <p className="font-medium text-slate-800">Send this link to {link.email} (valid for 7 days):</p>
          <div className="mt-2 flex items-center gap-2">
            <code className="flex-1 truncate rounded bg-white px-2 py-1 text-xs" data-testid="invite-link">
              {link.url}
            </code>
            <Button
              onClick={() => void navigator.clipboard?.writeText(link.url).then(() => toast.success("Link copied"))}
            >
              <Copy aria-hidden size={14} /> Copy
            </Button>
          </div>
        </div>
      ) : null}
      {list.error ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {errorMessage(list.error)}
        </p>
      ) : null}
      <table className="mt-6 w-full text-left text-sm" data-testid="members-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 font-medium">Person</th>
            <th className="py-2 font-medium">Role</th>
            <th className="py-2" />
          </tr>
        </thead>
        <tbody>
          {list.data?.members.map((member) => (
            <tr key={member.id} className="border-b border-slate-100" data-testid={`member-${member.email}`}>
              <td className="py-2">
                <p className="font-medium text-slate-900">{member.name}</p>
                <p className="text-xs text-slate-500">{member.email}</p>
              </td>
              <td className="py-2">
                <RoleSelect
                  ariaLabel={`Role of ${member.email}`}
                  value={member.role}
                  disabled={changeRole.isPending}
                  onChange={(next) => changeRole.mutate({ userId: member.id, role: next })}
                />
              </td>
              <td className="py-2 text-right">
                {me.data?.label.endsWith(`<${member.email}>`) ? (
                  <span className="text-xs text-slate-400">You</span>
                ) : (
                  <Button variant="ghost" onClick={() => remove.mutate({ userId: member.id })}>
                    Remove
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {list.data?.invites.map((invite) => (
            <tr
              key={invite.id}
              className="border-b border-slate-100 text-slate-500"
              data-testid={`invite-${invite.email}`}
            >
              <td className="py-2">
                <p>{invite.email}</p>
                <p className="text-xs">Invited, not joined yet</p>
              </td>
              <td className="py-2">{roleLabels[invite.role]}</td>
              <td className="py-2 text-right">
                <Button variant="ghost" onClick={() => revoke.mutate({ id: invite.id })}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
