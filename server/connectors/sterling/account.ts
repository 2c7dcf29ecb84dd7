// Saved Sterling credentials read into what the clients need: the REST root and login, or the mqweb address, queue
// and certificate of the MQ mode. Field names are those declared in auth.ts.
import { ConfluxError } from "@/lib/errors";
import type { ActionAccount, TlsClientOptions } from "../sdk";

export interface SterlingRestAccount {
  /** The REST root, e.g. https://oms.example.com/smcfs/restapi, without a trailing slash. */
  baseUrl: string;
  loginId: string;
  password: string;
  tls?: TlsClientOptions;
}

export interface SterlingMqAccount {
  /** The mqweb origin and path prefix, without /ibmmq/rest/…, e.g. https://mq.example.com:9443. */
  restUrl: string;
  restUser: string;
  restPassword: string;
  queueManager: string;
  queue: string;
  server: { host: string; port: number };
  /** The MQ mode always has a client certificate. */
  tls: TlsClientOptions & { cert: string; key: string };
}

type Credentials = Pick<ActionAccount, "credentials">["credentials"];

function required(credentials: Credentials, key: string, label: string): string {
  const value = credentials[key];
  // Saved accounts were checked on save; this only trips on an account saved under an older declaration.
  if (!value?.trim()) {
    throw new ConfluxError("INPUT_INVALID", `The account has no ${label}: edit the account to add it`);
  }
  return value;
}

function requiredText(credentials: Credentials, key: string, label: string): string {
  return required(credentials, key, label).trim();
}

/** Accepts the REST root as users copy it: with or without /smcfs/restapi, /invoke or a trailing slash. */
export function restBaseUrl(endpointUrl: string): string {
  const trimmed = endpointUrl
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/invoke$/i, "");
  if (/\/restapi$/i.test(trimmed)) return trimmed;
  if (/\/smcfs$/i.test(trimmed)) return `${trimmed}/restapi`;
  return `${trimmed}/smcfs/restapi`;
}

export function readRestAccount(credentials: Credentials): SterlingRestAccount {
  const certificate = credentials.certificate?.trim() ? credentials.certificate : undefined;
  const privateKey = credentials.privateKey?.trim() ? credentials.privateKey : undefined;
  if (Boolean(certificate) !== Boolean(privateKey)) {
    throw new ConfluxError(
      "INPUT_INVALID",
      "The account has a client certificate without its key (or a key without its certificate): give both or neither",
    );
  }
  const ca = credentials.ca?.trim() ? credentials.ca : undefined;
  const tls: TlsClientOptions = { ...(certificate && privateKey ? { cert: certificate, key: privateKey } : {}), ca };
  return {
    baseUrl: restBaseUrl(requiredText(credentials, "endpointUrl", "Endpoint URL")),
    loginId: requiredText(credentials, "loginId", "Login ID"),
    password: required(credentials, "password", "Password"),
    ...(tls.cert || tls.ca ? { tls } : {}),
  };
}

export function readMqAccount(credentials: Credentials): SterlingMqAccount {
  const server = requiredText(credentials, "server", "IBM MQ server");
  const match = /^([^\s:/]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(server);
  const port = Number(match?.[2]);
  if (!match?.[1] || port < 1 || port > 65_535) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `IBM MQ server "${server}" must be <hostname>:<port>, e.g. mq.example.com:1414`,
    );
  }
  return {
    restUrl: requiredText(credentials, "restUrl", "MQ messaging REST URL")
      .replace(/\/+$/, "")
      .replace(/\/ibmmq(\/rest(\/v\d+)?)?$/i, ""),
    restUser: requiredText(credentials, "restUser", "MQ user"),
    restPassword: required(credentials, "restPassword", "MQ password"),
    queueManager: requiredText(credentials, "queueManager", "Queue manager name"),
    queue: requiredText(credentials, "queue", "Queue name"),
    server: { host: match[1], port },
    tls: {
      cert: required(credentials, "certificate", "Certificate"),
      key: required(credentials, "privateKey", "Key"),
      passphrase: credentials.passphrase || undefined,
      ca: credentials.ca?.trim() ? credentials.ca : undefined,
    },
  };
}
