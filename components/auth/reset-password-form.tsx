"use client";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";
import { AuthCard, Field, FormError } from "./auth-card";
import { authClient, throwIfFailed } from "./auth-client";

export function ResetPasswordForm({ token, problem }: { token: string | null; problem: string | null }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(problem ? "This reset link is invalid or has expired." : null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (!token) throw new Error("This page needs the link from the server log.");
      throwIfFailed(await authClient.resetPassword({ newPassword: password, token }));
      setDone(true);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <AuthCard title="Choose a new password">
      {done ? (
        <p className="text-sm text-slate-700">
          Your password is changed.{" "}
          <a className="text-brand-700 hover:underline" href="/sign-in">
            Sign in
          </a>
        </p>
      ) : (
        <form className="flex flex-col gap-4" onSubmit={submit}>
          <Field label="New password (at least 10 characters)">
            <TextInput
              type="password"
              required
              minLength={10}
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </Field>
          <FormError message={error} />
          <Button type="submit" variant="primary" disabled={!token}>
            Save password
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
