/** The user-facing text of an error from a tRPC call: the server already phrases domain errors for people. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}
