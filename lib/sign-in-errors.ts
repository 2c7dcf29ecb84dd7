// What the sign-in page says when a company sign-in (OIDC) comes back with an error code in its address. Only known
// codes are named; the issuer's own error_description is never shown, since anyone can put text in a link.
export const NOT_INVITED = "NOT_INVITED";
/** A person removed from every workspace: signing in would lead nowhere. */
export const NO_WORKSPACE = "NO_WORKSPACE";

export function signInErrorMessage(code: string | undefined, providerName: string | null): string | null {
  if (!code) return null;
  const provider = providerName ?? "your company's sign-in";
  switch (code) {
    case NOT_INVITED:
      return `Signing in with ${provider} worked, but that address has no invite to Conflux. Ask an admin of your workspace to invite it, then sign in again.`;
    case NO_WORKSPACE:
      return "You are no longer a member of any workspace here. Ask an admin of your workspace for a new invite.";
    case "access_denied":
      return `Sign-in with ${provider} was cancelled. Try again when you are ready.`;
    case "state_mismatch":
    case "state_not_found":
    case "invalid_callback_request":
      return `Sign-in with ${provider} could not be completed in this browser (the sign-in expired or was started elsewhere). Try again.`;
    case "account_not_linked":
      return `This address already has an account here that is not linked to ${provider}. Sign in with your password instead.`;
    default:
      return `Sign-in with ${provider} did not complete (${code.slice(0, 60)}). Try again, or ask an admin to check the server log.`;
  }
}
