// HTTP accounts: a base URL plus one way of proving who we are. The request action and the connection test both
// turn a saved account into the same request options here, so a test that passes means the steps will get in too.
import type { AccountField, ConnectionMode, ConnectorAuth } from "@/lib/account-fields";
import { ConfluxError } from "@/lib/errors";
import type { ActionAccount, TlsClientOptions } from "../sdk";

const baseUrl: AccountField = {
  key: "baseUrl",
  label: "Base URL",
  type: "url",
  required: true,
  placeholder: "https://api.example.com/v1",
  help: "Steps that use this account may give a path (/orders/42) instead of a full URL. Credentials are only sent here.",
};

function mode(key: string, label: string, description: string, fields: AccountField[]): ConnectionMode {
  return { key, label, description, fields: [baseUrl, ...fields] };
}

export const httpAuth: ConnectorAuth = {
  accountRequired: false,
  modes: [
    mode("none", "No authentication", "Public APIs, or APIs protected by the network.", []),
    mode("basic", "Basic authentication", "A user name and password sent with every request.", [
      { key: "username", label: "User name", type: "text", required: true },
      { key: "password", label: "Password", type: "secret", required: true },
    ]),
    mode("bearer", "Bearer token", "A token sent as Authorization: Bearer <token>.", [
      { key: "token", label: "Token", type: "secret", required: true },
    ]),
    mode("apiKey", "API key", "A key sent in a request header of your choice.", [
      { key: "headerName", label: "Header name", type: "text", required: true, default: "X-API-Key" },
      { key: "apiKey", label: "API key", type: "secret", required: true },
    ]),
    mode("clientCertificate", "Client certificate", "Mutual TLS: the server checks a certificate we present.", [
      {
        key: "certificate",
        label: "Client certificate",
        type: "certificate",
        required: true,
        help: "PEM, with line breaks or on one line with \\n escapes.",
      },
      { key: "privateKey", label: "Private key", type: "privateKey", required: true, help: "PEM private key." },
      {
        key: "passphrase",
        label: "Key passphrase",
        type: "secret",
        required: false,
        help: "Only for an encrypted key.",
      },
      {
        key: "ca",
        label: "CA certificate",
        type: "certificate",
        required: false,
        help: "The server's CA (or its self-signed certificate), when it is not publicly trusted.",
      },
    ]),
  ],
};

export interface AccountRequestOptions {
  baseUrl: string;
  credentialHeaders: Record<string, string>;
  tls?: TlsClientOptions;
}

function required(account: Pick<ActionAccount, "credentials">, key: string): string {
  const value = account.credentials[key];
  // Saved accounts were validated on save; this only trips on an account saved under an older declaration.
  if (!value) throw new ConfluxError("INPUT_INVALID", `The account has no ${key}; edit the account to add it`);
  return value;
}

export function accountRequestOptions(account: Pick<ActionAccount, "mode" | "credentials">): AccountRequestOptions {
  const options: AccountRequestOptions = { baseUrl: required(account, "baseUrl"), credentialHeaders: {} };
  switch (account.mode) {
    case "none":
      break;
    case "basic": {
      const pair = `${required(account, "username")}:${required(account, "password")}`;
      options.credentialHeaders.Authorization = `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
      break;
    }
    case "bearer":
      options.credentialHeaders.Authorization = `Bearer ${required(account, "token")}`;
      break;
    case "apiKey":
      options.credentialHeaders[required(account, "headerName")] = required(account, "apiKey");
      break;
    case "clientCertificate":
      options.tls = {
        cert: required(account, "certificate"),
        key: required(account, "privateKey"),
        passphrase: account.credentials.passphrase || undefined,
        ca: account.credentials.ca || undefined,
      };
      break;
    default:
      throw new ConfluxError("INPUT_INVALID", `The account's connection mode "${account.mode}" is not one HTTP knows`);
  }
  return options;
}

/**
 * A path is appended to the base URL (base https://x/v1 + /orders = https://x/v1/orders, as users expect, unlike
 * RFC 3986 resolution). A full URL must stay on the base URL's origin, so a template cannot send the account's
 * credentials to another host.
 */
export function resolveAgainstBase(url: string, base: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    return `${base.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return url; // httpRequest reports the malformed URL.
  }
  if (target.origin !== new URL(base).origin) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `${target.origin} is not the account's server (${new URL(base).origin}): the account's credentials are only ` +
        "sent to its base URL. Give a path, or choose another account.",
    );
  }
  return url;
}
