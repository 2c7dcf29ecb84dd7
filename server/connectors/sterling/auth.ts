// Sterling OMS accounts, in the two connection modes IBM App Connect offers: the REST API (synchronous) and IBM MQ
// (asynchronous).
//
// Why the MQ mode talks HTTPS: IBM MQ's native client protocol is only implemented by IBM's MQ client libraries
// (C, with Java/.NET/Go wrappers); Node has no implementation of it, and the `ibmmq` npm package only binds the native
// C client, which we cannot require on every Conflux host. IBM MQ ships its own HTTPS front door, the messaging REST
// API of the mqweb server (`/ibmmq/rest/v2/messaging/qmgr/{qmgr}/queue/{queue}/message`), which puts, browses and
// gets messages with Basic authentication and an `ibm-mq-rest-csrf-token` header. So the MQ mode keeps the fields
// App Connect asks for (they describe the queue manager and its channel), and adds the messaging REST URL and an
// mqweb user that Conflux actually connects with; the mqweb server holds the MQ connection for us.
import { z } from "zod";
import { accountField, accountMode, defineAccounts, type ModeAccount } from "../sdk";
import { timeZoneValue } from "./dates";

export const REST_MODE = "rest";
/** servlet.authstyle=BASIC servers: Authorization: Basic on every call, no login. App Connect has no such mode. */
export const REST_BASIC_MODE = "restBasic";
export const MQ_MODE = "mq";

const pemHelp = "PEM, with line breaks or on one line with \\n escapes (as App Connect's instructions produce).";

const text = (label: string, hints: { help?: string; placeholder?: string } = {}) =>
  z
    .string()
    .trim()
    .min(1)
    .meta(accountField({ label, ...hints }));
const secret = (label: string, help?: string) =>
  z
    .string()
    .min(1)
    .meta(accountField({ label, type: "secret", help }));
const pem = (label: string, type: "certificate" | "privateKey", help: string) =>
  z.string().min(1).meta(accountField({ label, type, help }));
const optionalPem = (label: string, type: "certificate" | "privateKey", help: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value : undefined))
    .meta(accountField({ label, type, help }));

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

// App Connect marks the REST certificate and key mandatory because IBM's hosted Sterling requires mutual TLS. An
// on-premises Sterling usually sits behind an ordinary TLS listener and never asks for a client certificate, so
// requiring one would lock those users out; they stay optional and are presented only when both are given.
const restFields = z
  .object({
    endpointUrl: z
      .string()
      .trim()
      .min(1)
      .transform(restBaseUrl)
      .meta(
        accountField({
          label: "Endpoint URL",
          type: "url",
          placeholder: "https://oms.example.com/smcfs/restapi",
          help: "The URL of the Sterling OMS REST web service, e.g. https://oms.example.com/smcfs/restapi.",
        }),
      ),
    loginId: text("Login ID", { help: "The Sterling user that Conflux logs in as." }),
    password: secret("Password"),
    certificate: optionalPem(
      "Certificate",
      "certificate",
      `Client certificate, needed when the server asks for one (IBM-hosted Sterling does). ${pemHelp}`,
    ),
    privateKey: optionalPem(
      "Key",
      "privateKey",
      "The client certificate's private key (PEM, unencrypted), needed with the certificate.",
    ),
    ca: optionalPem(
      "CA certificate",
      "certificate",
      "The Sterling server's CA or self-signed certificate, when it is not publicly trusted (common on premises).",
    ),
    timeZone: timeZoneValue.meta(
      accountField({
        label: "Time zone",
        placeholder: "UTC",
        help:
          "The IANA time zone (e.g. Europe/Berlin) in which dates and times without an offset are meant; " +
          "they are sent to Sterling with this zone's offset. Empty: UTC.",
      }),
    ),
  })
  .superRefine((values, ctx) => {
    if (Boolean(values.certificate) === Boolean(values.privateKey)) return;
    ctx.addIssue({
      code: "custom",
      path: [values.certificate ? "privateKey" : "certificate"],
      message: values.certificate
        ? "is missing: a client certificate needs its key (give both or neither)"
        : "has no certificate to go with it (give both or neither)",
    });
  });

/** IBM MQ CipherSpec names a server-connection channel may require (TLS 1.2 and TLS 1.3 suites). */
export const mqCipherSpecs = [
  "ECDHE_RSA_AES_128_GCM_SHA256",
  "ECDHE_RSA_AES_256_GCM_SHA384",
  "ECDHE_ECDSA_AES_128_GCM_SHA256",
  "ECDHE_ECDSA_AES_256_GCM_SHA384",
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ANY_TLS12_OR_HIGHER",
  "ANY_TLS13_OR_HIGHER",
] as const;

const hostAndPort = /^([^\s:/]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/;

const mqFields = z.object({
  server: z
    .string()
    .trim()
    .regex(hostAndPort, "must be <hostname>:<port>, e.g. mq.example.com:1414")
    .transform((value, ctx) => {
      const match = hostAndPort.exec(value);
      const port = Number(match?.[2]);
      if (match?.[1] && port >= 1 && port <= 65_535) return { host: match[1], port };
      ctx.addIssue({ code: "custom", message: "must have a port from 1 to 65535, e.g. mq.example.com:1414" });
      return z.NEVER;
    })
    .meta(
      accountField({
        label: "IBM MQ server",
        destination: true,
        placeholder: "mq.example.com:1414",
        help: "The queue manager's host name and listener port as <hostname>:<port>.",
      }),
    ),
  queueManager: text("Queue manager name", { placeholder: "QM1" }),
  channel: text("Channel name", {
    placeholder: "DEV.APP.SVRCONN",
    help: "The server-connection channel definition for the queue manager.",
  }),
  cipherSpec: z
    .enum([...mqCipherSpecs, "NONE"])
    .default("ECDHE_RSA_AES_128_GCM_SHA256")
    .meta(
      accountField({
        label: "Cipher specification",
        optionLabels: { NONE: "None (plain TCP)" },
        help: "The channel's TLS CipherSpec; None for a plain TCP channel.",
      }),
    ),
  passphrase: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .meta(
      accountField({
        label: "Passphrase",
        type: "secret",
        help: "The passphrase of the key below, if it is encrypted.",
      }),
    ),
  certificateLabel: text("Certificate label", {
    placeholder: "ibmwebspheremqapp",
    help: "The label of the client certificate in the queue manager's key repository.",
  }),
  certificate: pem("Certificate", "certificate", `Client certificate. ${pemHelp}`),
  privateKey: pem("Key", "privateKey", "The client certificate's private key (PEM)."),
  queue: text("Queue name", {
    placeholder: "SMCFS.CREATE.ORDER",
    help: "The queue Sterling reads for asynchronous actions. Test connection browses it without removing messages.",
  }),
  restUrl: z
    .string()
    .trim()
    .min(1)
    // Users paste the mqweb address with or without the API's own path; requests add that path themselves.
    .transform((value) => value.replace(/\/+$/, "").replace(/\/ibmmq(\/rest(\/v\d+)?)?$/i, ""))
    .meta(
      accountField({
        label: "MQ messaging REST URL",
        type: "url",
        placeholder: "https://mq.example.com:9443",
        help:
          "The mqweb server of IBM MQ (its messaging REST API). Conflux runs in Node, which cannot speak MQ's native " +
          "client protocol, so it reaches the queue manager through this HTTPS API; the certificate above is presented " +
          "to it when it asks for one.",
      }),
    ),
  ca: optionalPem(
    "MQ REST CA certificate",
    "certificate",
    "The mqweb server's CA or self-signed certificate, when it is not publicly trusted (mqweb's default " +
      "certificate is self-signed).",
  ),
  restUser: text("MQ user", { help: "An mqweb user with the MQWebUser role." }),
  restPassword: secret("MQ password"),
});

const restMode = accountMode({
  key: REST_MODE,
  label: "REST API",
  description: "Synchronous calls to the Sterling OMS REST API: retrieve, create and change orders and more.",
  fields: restFields,
});

const restBasicMode = accountMode({
  key: REST_BASIC_MODE,
  label: "REST API (Basic)",
  description:
    "The Sterling OMS REST API on servers set to BASIC authentication (servlet.authstyle=BASIC): the login ID and " +
    "password go with every call.",
  fields: restFields,
});

const mqMode = accountMode({
  key: MQ_MODE,
  label: "IBM MQ",
  description: "Asynchronous messages on IBM MQ queues that Sterling reads.",
  fields: mqFields,
});

export const sterlingAccounts = defineAccounts({
  application: "IBM Sterling OMS",
  accountRequired: true,
  modes: [restMode, mqMode, restBasicMode],
});

/** The modes that call Sterling's REST API and wait for the answer: every synchronous action, event and list. */
export const REST_MODES = [REST_MODE, REST_BASIC_MODE] as const;

/** The mode that puts and reads messages on IBM MQ queues: the "(async)" actions and MQ-mode events. */
export const MQ_MODES = [MQ_MODE] as const;

export type SterlingRestModeAccount = ModeAccount<typeof restMode | typeof restBasicMode>;
export type SterlingMqModeAccount = ModeAccount<typeof mqMode>;
