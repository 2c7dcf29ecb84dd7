// What the clients need from a saved Sterling account, made from the account as its zod mode read it (auth.ts): the
// REST root, login and TLS options, or the mqweb address, queue and client certificate of the MQ mode.
import type { TlsClientOptions } from "../sdk";
import { REST_BASIC_MODE, type SterlingMqModeAccount, type SterlingRestModeAccount } from "./auth";

export { restBaseUrl } from "./auth";

export interface SterlingRestAccount {
  /** The REST root, e.g. https://oms.example.com/smcfs/restapi, without a trailing slash. */
  baseUrl: string;
  loginId: string;
  password: string;
  /** STANDARD: log in for a token; BASIC: the credentials on every call (servlet.authstyle). */
  authentication: "standard" | "basic";
  /** The IANA zone that dates and times without an offset are read in (UTC unless the account says otherwise). */
  timeZone: string;
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

export function restAccount({ mode, values }: SterlingRestModeAccount): SterlingRestAccount {
  const { certificate, privateKey, ca } = values;
  const tls: TlsClientOptions = { ...(certificate && privateKey ? { cert: certificate, key: privateKey } : {}), ca };
  return {
    baseUrl: values.endpointUrl,
    loginId: values.loginId,
    password: values.password,
    authentication: mode === REST_BASIC_MODE ? "basic" : "standard",
    timeZone: values.timeZone,
    ...(tls.cert || tls.ca ? { tls } : {}),
  };
}

export function mqAccount({ values }: SterlingMqModeAccount): SterlingMqAccount {
  return {
    restUrl: values.restUrl,
    restUser: values.restUser,
    restPassword: values.restPassword,
    queueManager: values.queueManager,
    queue: values.queue,
    server: values.server,
    tls: { cert: values.certificate, key: values.privateKey, passphrase: values.passphrase, ca: values.ca },
  };
}
