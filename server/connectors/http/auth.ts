// HTTP accounts: a base URL plus one way of proving who we are. The request action and the connection test both
// turn a saved account into the same request options here, so a test that passes means the steps will get in too.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { accountField, accountMode, defineAccounts, type ModeAccount, type TlsClientOptions } from "../sdk";

const baseUrl = z
  .string()
  .trim()
  .min(1)
  .meta(
    accountField({
      label: "Base URL",
      type: "url",
      placeholder: "https://api.example.com/v1",
      help: "Steps that use this account may give a path (/orders/42) instead of a full URL. Credentials are only sent here.",
    }),
  );
const text = (label: string) => z.string().min(1).meta(accountField({ label }));
const secret = (label: string) =>
  z
    .string()
    .min(1)
    .meta(accountField({ label, type: "secret" }));

const modes = [
  accountMode({
    key: "none",
    label: "No authentication",
    description: "Public APIs, or APIs protected by the network.",
    fields: z.object({ baseUrl }),
  }),
  accountMode({
    key: "basic",
    label: "Basic authentication",
    description: "A user name and password sent with every request.",
    fields: z.object({ baseUrl, username: text("User name"), password: secret("Password") }),
  }),
  accountMode({
    key: "bearer",
    label: "Bearer token",
    description: "A token sent as Authorization: Bearer <token>.",
    fields: z.object({ baseUrl, token: secret("Token") }),
  }),
  accountMode({
    key: "apiKey",
    label: "API key",
    description: "A key sent in a request header of your choice.",
    fields: z.object({
      baseUrl,
      headerName: z
        .string()
        .min(1)
        .default("X-API-Key")
        .meta(accountField({ label: "Header name" })),
      apiKey: secret("API key"),
    }),
  }),
  accountMode({
    key: "clientCertificate",
    label: "Client certificate",
    description: "Mutual TLS: the server checks a certificate we present.",
    fields: z.object({
      baseUrl,
      certificate: z
        .string()
        .min(1)
        .meta(
          accountField({
            label: "Client certificate",
            type: "certificate",
            help: "PEM, with line breaks or on one line with \\n escapes.",
          }),
        ),
      privateKey: z
        .string()
        .min(1)
        .meta(accountField({ label: "Private key", type: "privateKey", help: "PEM private key." })),
      passphrase: z
        .string()
        .optional()
        .meta(accountField({ label: "Key passphrase", type: "secret", help: "Only for an encrypted key." })),
      ca: z
        .string()
        .optional()
        .meta(
          accountField({
            label: "CA certificate",
            type: "certificate",
            help: "The server's CA (or its self-signed certificate), when it is not publicly trusted.",
          }),
        ),
    }),
  }),
];

export const httpAccounts = defineAccounts({ application: "HTTP", accountRequired: false, modes });

export type HttpAccount = ModeAccount<(typeof modes)[number]>;

export interface AccountRequestOptions {
  baseUrl: string;
  credentialHeaders: Record<string, string>;
  tls?: TlsClientOptions;
}

export function accountRequestOptions(account: HttpAccount): AccountRequestOptions {
  const options: AccountRequestOptions = { baseUrl: account.values.baseUrl, credentialHeaders: {} };
  switch (account.mode) {
    case "none":
      break;
    case "basic": {
      const pair = `${account.values.username}:${account.values.password}`;
      options.credentialHeaders.Authorization = `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
      break;
    }
    case "bearer":
      options.credentialHeaders.Authorization = `Bearer ${account.values.token}`;
      break;
    case "apiKey":
      options.credentialHeaders[account.values.headerName] = account.values.apiKey;
      break;
    case "clientCertificate":
      options.tls = {
        cert: account.values.certificate,
        key: account.values.privateKey,
        passphrase: account.values.passphrase || undefined,
        ca: account.values.ca || undefined,
      };
      break;
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
