// Test connection for HTTP accounts: GET the base URL with the account's credentials. The base URL need not be a
// resource, so any answer short of a refusal (401, 403, 407) or a server error counts as connected.
import { RemoteError } from "@/lib/errors";
import { httpRequest, statusLine } from "../sdk";
import { accountRequestOptions, httpAccounts } from "./auth";

const TEST_TIMEOUT_MS = 15_000;
const refusals = new Set([401, 403, 407]);

export const testHttpConnection = httpAccounts.testConnection(async ({ account, signal }) => {
  const options = accountRequestOptions(account);
  const response = await httpRequest({
    method: "GET",
    url: options.baseUrl,
    credentialHeaders: options.credentialHeaders,
    tls: options.tls,
    timeoutMs: TEST_TIMEOUT_MS,
    signal,
    maxResponseBytes: 1024 * 1024,
  });
  const status = statusLine(response);
  if (refusals.has(response.status)) {
    // Deliberately without the reply body: a server may echo the credentials it refused.
    const message =
      account.mode === "none"
        ? `The server requires credentials (${status}): choose a connection mode that provides them`
        : `The server refused the credentials (${status})`;
    throw new RemoteError("REMOTE", message, { status: response.status, retryable: false });
  }
  if (response.status >= 500) {
    throw new RemoteError("REMOTE", `The server answered with an error (${status})`, {
      status: response.status,
      retryable: true,
    });
  }
});
