// How Sterling's refusals read to a business user. Sterling's REST layer answers an API exception with
// `{ "errors": [{ "ErrorCode": "YFS10003", "ErrorDescription": "…" }] }` (some releases and custom services send
// `{ "Errors": { "Error": … } }`, the JSON twin of the XML `<Errors><Error …/></Errors>`), sometimes with HTTP
// 400 or 500 and occasionally inside a 200. The description is what users need, so it leads the message; the code
// follows for the administrator, and the whole reply stays in the error's details for the run page.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { errorForResponse, responseForDetails, statusLine, type HttpResponse } from "../sdk";

/** Sterling's code for a call whose _loginid/_token pair it does not (or no longer) accept. */
export const NOT_AUTHENTICATED_CODE = "YCP0427";

const sterlingError = z.looseObject({
  ErrorCode: z.string().optional(),
  ErrorDescription: z.string().optional(),
  ErrorRelatedMoreInfo: z.string().optional(),
});
type SterlingError = z.infer<typeof sterlingError>;

const errorBody = z.union([
  z.looseObject({ errors: z.array(sterlingError).min(1) }).transform((body) => body.errors),
  z
    .looseObject({ Errors: z.looseObject({ Error: z.union([sterlingError, z.array(sterlingError).min(1)]) }) })
    .transform((body) => (Array.isArray(body.Errors.Error) ? body.Errors.Error : [body.Errors.Error])),
]);

export function readSterlingErrors(body: unknown): SterlingError[] {
  const parsed = errorBody.safeParse(body);
  return parsed.success ? parsed.data : [];
}

export function isNotAuthenticated(response: HttpResponse): boolean {
  if (response.status === 401) return true;
  return readSterlingErrors(response.body).some((error) => error.ErrorCode === NOT_AUTHENTICATED_CODE);
}

/** "Order not found [YFS10003]; Item does not exist [YFS10006]" */
export function describeSterlingErrors(errors: SterlingError[]): string {
  return errors
    .map((error) => {
      const text = error.ErrorDescription?.trim() || error.ErrorRelatedMoreInfo?.trim() || "Unspecified error";
      return error.ErrorCode ? `${text} [${error.ErrorCode}]` : text;
    })
    .join("; ");
}

/**
 * The error for a Sterling reply that is not a success, or undefined. Retry rules are the SDK's (5xx and 429 retry,
 * other 4xx fail at once); only the wording is Sterling's.
 */
export function sterlingResponseError(response: HttpResponse, host: string): RemoteError | undefined {
  const what = `Sterling OMS (${host})`;
  const errors = readSterlingErrors(response.body);
  const details = { response: responseForDetails(response) };
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.location ?? "another address";
    return new RemoteError(
      "REMOTE",
      `${what} redirected the call to ${location}: set the account's Endpoint URL to the REST API's own address`,
      { status: response.status, retryable: false, details },
    );
  }
  const failure = permanent(errorForResponse(response, what), response.status);
  if (!failure) {
    // A success status that still carries Sterling errors is a refusal all the same.
    if (errors.length === 0) return undefined;
    return new RemoteError("REMOTE", `${what} refused the call: ${describeSterlingErrors(errors)}`, {
      status: response.status,
      retryable: false,
      details,
    });
  }
  if (errors.length === 0) return failure;
  const code = failure.code === "RATE_LIMITED" ? "RATE_LIMITED" : "REMOTE";
  // The runtime's retries read a Retry-After delay from the details; keep it when rewording the message.
  const retryAfterMs = failure.details?.retryAfterMs;
  return new RemoteError(code, `${what} answered ${statusLine(response)}: ${describeSterlingErrors(errors)}`, {
    status: response.status,
    retryable: failure.retryable,
    details: typeof retryAfterMs === "number" ? { ...details, retryAfterMs } : details,
  });
}

/**
 * 501 Not Implemented and 505 are answers about the server, not about load: asking again gets the same answer, so
 * the step fails at once instead of spending its retries.
 */
function permanent(failure: RemoteError | undefined, status: number): RemoteError | undefined {
  if (!failure || (status !== 501 && status !== 505) || !failure.retryable) return failure;
  return new RemoteError("REMOTE", failure.message, { status, retryable: false, details: failure.details });
}
