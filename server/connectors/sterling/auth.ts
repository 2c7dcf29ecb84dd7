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
import type { AccountField, ConnectorAuth } from "@/lib/account-fields";

export const REST_MODE = "rest";
export const MQ_MODE = "mq";

const pemHelp = "PEM, with line breaks or on one line with \\n escapes (as App Connect's instructions produce).";

// App Connect marks the REST certificate and key mandatory because IBM's hosted Sterling requires mutual TLS. An
// on-premises Sterling usually sits behind an ordinary TLS listener and never asks for a client certificate, so
// requiring one would lock those users out; they stay optional and are presented only when both are given.
const restFields: AccountField[] = [
  {
    key: "endpointUrl",
    label: "Endpoint URL",
    type: "url",
    required: true,
    placeholder: "https://oms.example.com/smcfs/restapi",
    help: "The URL of the Sterling OMS REST web service, e.g. https://oms.example.com/smcfs/restapi.",
  },
  {
    key: "loginId",
    label: "Login ID",
    type: "text",
    required: true,
    help: "The Sterling user that Conflux logs in as.",
  },
  { key: "password", label: "Password", type: "secret", required: true },
  {
    key: "certificate",
    label: "Certificate",
    type: "certificate",
    required: false,
    help: `Client certificate, needed when the server asks for one (IBM-hosted Sterling does). ${pemHelp}`,
  },
  {
    key: "privateKey",
    label: "Key",
    type: "privateKey",
    required: false,
    help: "The client certificate's private key (PEM, unencrypted), needed with the certificate.",
  },
  {
    key: "ca",
    label: "CA certificate",
    type: "certificate",
    required: false,
    help: "The Sterling server's CA or self-signed certificate, when it is not publicly trusted (common on premises).",
  },
];

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

const mqFields: AccountField[] = [
  {
    key: "server",
    label: "IBM MQ server",
    type: "text",
    required: true,
    placeholder: "mq.example.com:1414",
    help: "The queue manager's host name and listener port as <hostname>:<port>.",
  },
  { key: "queueManager", label: "Queue manager name", type: "text", required: true, placeholder: "QM1" },
  {
    key: "channel",
    label: "Channel name",
    type: "text",
    required: true,
    placeholder: "DEV.APP.SVRCONN",
    help: "The server-connection channel definition for the queue manager.",
  },
  {
    key: "cipherSpec",
    label: "Cipher specification",
    type: "select",
    required: true,
    default: "ECDHE_RSA_AES_128_GCM_SHA256",
    options: [
      ...mqCipherSpecs.map((name) => ({ value: name, label: name })),
      { value: "NONE", label: "None (plain TCP)" },
    ],
    help: "The channel's TLS CipherSpec; None for a plain TCP channel.",
  },
  {
    key: "passphrase",
    label: "Passphrase",
    type: "secret",
    required: false,
    help: "The passphrase of the key below, if it is encrypted.",
  },
  {
    key: "certificateLabel",
    label: "Certificate label",
    type: "text",
    required: true,
    placeholder: "ibmwebspheremqapp",
    help: "The label of the client certificate in the queue manager's key repository.",
  },
  {
    key: "certificate",
    label: "Certificate",
    type: "certificate",
    required: true,
    help: `Client certificate. ${pemHelp}`,
  },
  {
    key: "privateKey",
    label: "Key",
    type: "privateKey",
    required: true,
    help: "The client certificate's private key (PEM).",
  },
  {
    key: "queue",
    label: "Queue name",
    type: "text",
    required: true,
    placeholder: "SMCFS.CREATE.ORDER",
    help: "The queue Sterling reads for asynchronous actions. Test connection browses it without removing messages.",
  },
  {
    key: "restUrl",
    label: "MQ messaging REST URL",
    type: "url",
    required: true,
    placeholder: "https://mq.example.com:9443",
    help:
      "The mqweb server of IBM MQ (its messaging REST API). Conflux runs in Node, which cannot speak MQ's native " +
      "client protocol, so it reaches the queue manager through this HTTPS API; the certificate above is presented " +
      "to it when it asks for one.",
  },
  {
    key: "ca",
    label: "MQ REST CA certificate",
    type: "certificate",
    required: false,
    help:
      "The mqweb server's CA or self-signed certificate, when it is not publicly trusted (mqweb's default " +
      "certificate is self-signed).",
  },
  { key: "restUser", label: "MQ user", type: "text", required: true, help: "An mqweb user with the MQWebUser role." },
  { key: "restPassword", label: "MQ password", type: "secret", required: true },
];

export const sterlingAuth: ConnectorAuth = {
  accountRequired: true,
  modes: [
    {
      key: REST_MODE,
      label: "REST API",
      description: "Synchronous calls to the Sterling OMS REST API: retrieve, create and change orders and more.",
      fields: restFields,
    },
    {
      key: MQ_MODE,
      label: "IBM MQ",
      description: "Asynchronous messages on IBM MQ queues that Sterling reads.",
      fields: mqFields,
    },
  ],
};
