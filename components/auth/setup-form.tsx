"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";
import { AuthCard, Field, FormError } from "./auth-card";
import { authClient, throwIfFailed } from "./auth-client";

/** The first page of a fresh install: the person who fills it in becomes the owner. */
export function SetupForm() {
  const trpc = useTRPC();
  const setup = useMutation(trpc.auth.setup.mutationOptions());
  const [form, setForm] = useState({ name: "", email: "", password: "", workspaceName: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((previous) => ({ ...previous, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await setup.mutateAsync({ ...form, workspaceName: form.workspaceName || undefined });
      throwIfFailed(await authClient.signIn.email({ email: form.email, password: form.password }));
      window.location.assign("/flows");
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Set up Conflux" description="Create the owner account. After this, people join only by invite.">
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field label="Your name">
          <TextInput
            required
            autoComplete="name"
            value={form.name}
            onChange={change("name")}
            data-testid="setup-name"
          />
        </Field>
        <Field label="E-mail">
          <TextInput
            type="email"
            required
            autoComplete="email"
            value={form.email}
            onChange={change("email")}
            data-testid="setup-email"
          />
        </Field>
        <Field label="Password (at least 10 characters)">
          <TextInput
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            value={form.password}
            onChange={change("password")}
            data-testid="setup-password"
          />
        </Field>
        <Field label="Workspace name (optional)">
          <TextInput
            placeholder="Default workspace"
            value={form.workspaceName}
            onChange={change("workspaceName")}
            data-testid="setup-workspace"
          />
        </Field>
        <FormError message={error} />
        <Button type="submit" variant="primary" disabled={busy} data-testid="setup-submit">
          {busy ? "Setting up…" : "Create owner account"}
        </Button>
      </form>
    </AuthCard>
  );
}
