// Tests assert on what a failure tells the user (message, code, retryable), so they need the ConfluxError a call
// rejected with, and a clear failure when it resolved or threw something else.
import { ConfluxError } from "@/lib/errors";

export async function rejection(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}
