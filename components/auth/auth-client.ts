"use client";
// better-auth's browser client: sign-in, sign-out, password reset, OIDC; it talks to /api/auth on this origin.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();

/** better-auth answers errors as values; this turns one into a thrown Error with its message for the forms. */
export function throwIfFailed<T extends { error: { message?: string } | null }>(result: T): T {
  if (result.error) throw new Error(result.error.message || "That did not work. Try again.");
  return result;
}
