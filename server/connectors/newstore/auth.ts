// NewStore accounts: an API client created in NOM (Settings > Users & Roles > API clients) gets tokens with the
// client-credentials grant from the tenant's identity realm (B1). The tenant URL is the API's base,
// https://{tenant}.p.newstore.net; the token endpoint is derived from it unless the account names another one.
import { z } from "zod";
import { accountField, accountMode, defineAccounts, type ModeAccount } from "../sdk";
import { NEWSTORE_ID_ORIGIN, tokenPath } from "./paths";

export const API_CLIENT_MODE = "apiClient";

/** Accepts the tenant URL as users copy it: with or without a trailing slash or /v0. */
export function tenantBaseUrl(text: string): string {
  return text.trim().replace(/\/+$/, "").replace(/\/v0$/i, "");
}

export const apiClientMode = accountMode({
  key: API_CLIENT_MODE,
  label: "API client",
  description: "An API client of your tenant (client-credentials grant), with the configuration scopes.",
  fields: z.object({
    tenantUrl: z
      .string()
      .trim()
      .min(1)
      .transform(tenantBaseUrl)
      .meta(
        accountField({
          label: "Tenant URL",
          type: "url",
          placeholder: "https://mycompany-sandbox.p.newstore.net",
          help: "Your tenant's API address, https://{tenant}.p.newstore.net, without /v0.",
        }),
      ),
    clientId: z
      .string()
      .trim()
      .min(1)
      .meta(accountField({ label: "Client ID", placeholder: "conflux-integration" })),
    clientSecret: z
      .string()
      .min(1)
      .meta(accountField({ label: "Client secret", type: "secret" })),
    tokenUrl: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .meta(
        accountField({
          label: "Token URL",
          type: "url",
          help: "Leave empty for NewStore's identity service: https://id.p.newstore.net/auth/realms/{tenant}/protocol/openid-connect/token.",
        }),
      ),
  }),
});

export const newstoreAccounts = defineAccounts({
  application: "NewStore",
  accountRequired: true,
  modes: [apiClientMode],
});

export type NewStoreModeAccount = ModeAccount<typeof apiClientMode>;

export interface NewStoreAccount {
  id: string;
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The tenant is the first label of the tenant URL's host: mycompany-sandbox in mycompany-sandbox.p.newstore.net. */
export function defaultTokenUrl(baseUrl: string): string {
  const tenant = new URL(baseUrl).hostname.split(".")[0] ?? "";
  return `${NEWSTORE_ID_ORIGIN}${tokenPath(tenant)}`;
}

export function newstoreAccount(account: NewStoreModeAccount): NewStoreAccount {
  const { values } = account;
  return {
    id: account.id,
    baseUrl: values.tenantUrl,
    tokenUrl: values.tokenUrl ?? defaultTokenUrl(values.tenantUrl),
    clientId: values.clientId,
    clientSecret: values.clientSecret,
  };
}
