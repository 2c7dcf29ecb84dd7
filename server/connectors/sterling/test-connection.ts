// Test connection for Sterling accounts. REST: log in afresh (never a cached session: the point is to check the
// saved credentials) and call getOrderList for one order, the read every user who can run flows may make. MQ: check
// that the key belongs to the certificate, then list the queue's messages through the messaging REST API, which
// reads nothing off the queue.
import crypto from "node:crypto";
import { ConfluxError, RemoteError } from "@/lib/errors";
import { MQ_MODE, sterlingAccounts } from "./auth";
import { mqAccount, restAccount, type SterlingMqAccount, type SterlingRestAccount } from "./account";
import { postToSterling, readDocument } from "./client";
import { browseQueue } from "./mq";
import { login } from "./session";
import { describeSterlingErrors, isNotAuthenticated, readSterlingErrors } from "./sterling-errors";

const TEST_TIMEOUT_MS = 15_000;

export const testSterlingConnection = sterlingAccounts.testConnection(({ account, signal }) =>
  account.mode === MQ_MODE ? testMq(mqAccount(account), signal) : testRest(restAccount(account), signal),
);

async function testRest(account: SterlingRestAccount, signal: AbortSignal): Promise<void> {
  const host = new URL(account.baseUrl).host;
  // A BASIC account has no login: its credentials go with the call itself.
  const session = account.authentication === "basic" ? undefined : await login(account, signal);
  const response = await postToSterling(
    account,
    session,
    "getOrderList",
    { MaximumRecords: "1" },
    {
      signal,
      timeoutMs: TEST_TIMEOUT_MS,
    },
  );
  if (account.authentication === "basic" && response.status === 401) {
    throw new RemoteError("REMOTE", `The Sterling server refused the login ID or password (401)`, {
      status: 401,
      retryable: false,
    });
  }
  if (isNotAuthenticated(response) || response.status === 403) {
    const said = describeSterlingErrors(readSterlingErrors(response.body));
    throw new RemoteError(
      "REMOTE",
      `The login worked, but Sterling refused getOrderList for login ID "${account.loginId}"` +
        `${said ? `: ${said}` : ""}. The user needs permission to call the REST APIs (and the server sticky ` +
        "sessions when it runs on several nodes).",
      { status: response.status, retryable: false },
    );
  }
  readDocument(response, host, "getOrderList");
}

async function testMq(account: SterlingMqAccount, signal: AbortSignal): Promise<void> {
  assertKeyMatchesCertificate(account);
  await browseQueue(account, signal);
}

/** Caught here, the mismatch reads as what it is; at the TLS handshake it would be an obscure reset. */
function assertKeyMatchesCertificate(account: SterlingMqAccount): void {
  let matches: boolean;
  try {
    const key = crypto.createPrivateKey({ key: account.tls.key, format: "pem", passphrase: account.tls.passphrase });
    matches = new crypto.X509Certificate(account.tls.cert).checkPrivateKey(key);
  } catch {
    throw new ConfluxError("INPUT_INVALID", "The key or certificate could not be read (is the passphrase right?)");
  }
  if (!matches) throw new ConfluxError("INPUT_INVALID", "The key does not belong to the certificate");
}
