"use client";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";
import { AuthCard, Field, FormError } from "./auth-card";
import { authClient, throwIfFailed } from "./auth-client";

/** Where to go after sign-in: only a path on this site, never another origin. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/flows";
}

export function SignInForm({
  oidcName,
  next,
  initialError = null,
}: {
  oidcName: string | null;
  next?: string;
  /** Why the last company sign-in came back refused (lib/sign-in-errors.ts). */
  initialError?: string | null;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      throwIfFailed(await authClient.signIn.email({ email, password }));
      // A full load, so that every query starts afresh as this person.
      window.location.assign(safeNext(next));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  async function forgot() {
    setError(null);
    if (!email) {
      setError("Type your e-mail address first, then choose Forgot password.");
      return;
    }
    try {
      throwIfFailed(await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" }));
      setNotice(
        "If this address has an account, a reset link was sent. No mail is configured: the link is in the server log.",
      );
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <AuthCard title="Sign in" description="Sign in to build and run your integration flows.">
      <form className="flex flex-col gap-4" onSubmit={signIn}>
        <Field label="E-mail">
          <TextInput
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="sign-in-email"
          />
        </Field>
        <Field label="Password">
          <TextInput
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="sign-in-password"
          />
        </Field>
        <FormError message={error} />
        {notice ? (
          <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-slate-700">
            {notice}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={busy} data-testid="sign-in-submit">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
        <button type="button" className="self-start text-sm text-brand-700 hover:underline" onClick={forgot}>
          Forgot password?
        </button>
      </form>
      {oidcName ? (
        <div className="mt-6 border-t border-slate-200 pt-6">
          <Button
            className="w-full"
            data-testid="sign-in-oidc"
            onClick={() =>
              authClient.signIn.social({ provider: "oidc", callbackURL: safeNext(next), errorCallbackURL: "/sign-in" })
            }
          >
            Sign in with {oidcName}
          </Button>
        </div>
      ) : null}
      <p className="mt-6 text-xs text-slate-500">New here? Ask an admin of your workspace for an invite link.</p>
    </AuthCard>
  );
}
