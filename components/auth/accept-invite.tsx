"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { roleLabels } from "@/lib/roles";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";
import { AuthCard, Field, FormError } from "./auth-card";
import { authClient, throwIfFailed } from "./auth-client";

export function AcceptInvite({ token }: { token: string }) {
  const trpc = useTRPC();
  const invite = useQuery(trpc.auth.invite.queryOptions({ token }, { retry: false }));
  const accept = useMutation(trpc.auth.acceptInvite.mutationOptions());
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (invite.isPending) return <AuthCard title="Join Conflux">Loading the invite…</AuthCard>;
  if (invite.error) {
    return (
      <AuthCard title="This invite cannot be used">
        <FormError message={errorMessage(invite.error)} />
        <p className="mt-4 text-sm text-slate-600">Ask the person who invited you for a new link.</p>
      </AuthCard>
    );
  }
  const { email, role, workspaceName, hasAccount } = invite.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (hasAccount) {
        await accept.mutateAsync({ token });
      } else {
        await accept.mutateAsync({ token, name, password });
        throwIfFailed(await authClient.signIn.email({ email, password }));
      }
      window.location.assign("/flows");
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title={`Join ${workspaceName}`}
      description={
        <>
          You are invited as <strong>{roleLabels[role]}</strong> with the address <strong>{email}</strong>.
        </>
      }
    >
      <form className="flex flex-col gap-4" onSubmit={submit}>
        {hasAccount ? (
          <p className="text-sm text-slate-600">
            You already have an account here. Sign in as {email} first, then open this link again to join.
          </p>
        ) : (
          <>
            <Field label="Your name">
              <TextInput
                required
                value={name}
                onChange={(event) => setName(event.target.value)}
                data-testid="invite-name"
              />
            </Field>
            <Field label="Choose a password (at least 10 characters)">
              <TextInput
                type="password"
                required
                minLength={10}
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                data-testid="invite-password"
              />
            </Field>
          </>
        )}
        <FormError message={error} />
        <Button type="submit" variant="primary" disabled={busy} data-testid="invite-submit">
          {hasAccount ? "Join workspace" : busy ? "Joining…" : "Create account and join"}
        </Button>
      </form>
    </AuthCard>
  );
}
