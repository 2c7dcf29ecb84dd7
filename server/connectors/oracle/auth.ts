// Oracle Fusion Cloud Order Management accounts. Every Fusion REST resource lives under one pod address
// (https://<pod>.fa.<region>.oraclecloud.com); Oracle's own cURL examples sign in with HTTP Basic, and an OAuth or
// JWT access token issued by the pod's identity domain is sent as a bearer token instead.
import { z } from "zod";
import { accountField, accountMode, defineAccounts, type ModeAccount } from "../sdk";

export const BASIC_MODE = "basic";
export const BEARER_MODE = "bearer";

/** Accepts the Fusion address as users copy it: with or without a trailing slash or the REST path. */
export function fusionBaseUrl(text: string): string {
  return text
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/fscmRestApi(\/resources(\/[\d.]+|\/latest)?(\/salesOrdersForOrderHub)?)?$/i, "");
}

const baseUrl = z
  .string()
  .trim()
  .min(1)
  .transform(fusionBaseUrl)
  .meta(
    accountField({
      label: "Fusion URL",
      type: "url",
      placeholder: "https://abcd.fa.us2.oraclecloud.com",
      help: "The address of your Oracle Fusion Cloud pod, without /fscmRestApi/…",
    }),
  );

export const basicMode = accountMode({
  key: BASIC_MODE,
  label: "User and password",
  description:
    "HTTP Basic authentication with a Fusion user who may manage sales orders (Order Manager or Order Administrator).",
  fields: z.object({
    baseUrl,
    user: z
      .string()
      .trim()
      .min(1)
      .meta(accountField({ label: "User", placeholder: "scm_integration" })),
    password: z
      .string()
      .min(1)
      .meta(accountField({ label: "Password", type: "secret" })),
  }),
});

export const bearerMode = accountMode({
  key: BEARER_MODE,
  label: "Bearer token",
  description: "An OAuth or JWT access token issued by the pod's identity domain (OCI IAM).",
  fields: z.object({
    baseUrl,
    token: z
      .string()
      .trim()
      .min(1)
      .meta(accountField({ label: "Access token", type: "secret", help: "The token, without the word Bearer." })),
  }),
});

export const oracleAccounts = defineAccounts({
  application: "Oracle Order Management",
  accountRequired: true,
  modes: [basicMode, bearerMode],
});

export type OracleModeAccount = ModeAccount<typeof basicMode> | ModeAccount<typeof bearerMode>;

/** What every Oracle call needs, whichever mode the account was connected with. */
export interface OracleAccount {
  id: string;
  baseUrl: string;
  authorization: string;
}

export function oracleAccount(account: OracleModeAccount): OracleAccount {
  const authorization =
    account.mode === BASIC_MODE
      ? `Basic ${Buffer.from(`${account.values.user}:${account.values.password}`).toString("base64")}`
      : `Bearer ${account.values.token}`;
  return { id: account.id, baseUrl: account.values.baseUrl, authorization };
}
