// IOM accounts. Intershop's REST services (Order 2.0, RMA 2.10, Inventory 2.0) all accept HTTP Basic; Order and
// RMA also accept a JWT bearer token, the Inventory servlet does not (its OpenAPI declares basicAuth only). Order
// paths take the shop's numeric id and RMA paths its name, so an account names the shop both ways.
import { z } from "zod";
import { accountField, accountMode, defineAccounts, type ModeAccount } from "../sdk";

export const BASIC_MODE = "basic";
export const BEARER_MODE = "bearer";

/** Accepts the IOM address as users copy it: with or without a trailing slash or a service path. */
export function iomBaseUrl(text: string): string {
  return text
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/(rest\/order-service|rest\/rma|servlets\/services)$/i, "");
}

const baseUrl = z
  .string()
  .trim()
  .min(1)
  .transform(iomBaseUrl)
  .meta(
    accountField({
      label: "IOM URL",
      type: "url",
      placeholder: "https://iom.example.com",
      help: "The address of the IOM server, without /rest/…: e.g. https://iom.example.com.",
    }),
  );

const shopId = z
  .string()
  .trim()
  .regex(/^\d{1,18}$/, "must be the shop's numeric id, e.g. 10000")
  .meta(
    accountField({
      label: "Shop ID",
      placeholder: "10000",
      help: "The numeric id of the shop in IOM; orders and availability are addressed by it.",
    }),
  );

const shopName = z
  .string()
  .trim()
  .min(1)
  .meta(
    accountField({
      label: "Shop name",
      placeholder: "inTRONICS",
      help: "The shop's name in IOM; returns (RMA) are addressed by it.",
    }),
  );

const cacheSeconds = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, "must be a whole number of seconds (0 turns the cache off)")
  .default("5")
  .transform(Number)
  .meta(
    accountField({
      label: "Availability cache (seconds)",
      help: "How long an availability answer is reused by every flow on this account, as the IOM Connector's global cache does (default 5).",
    }),
  );

export const basicMode = accountMode({
  key: BASIC_MODE,
  label: "User and password",
  description: "HTTP Basic authentication with an IOM user that has the ShopServiceClient role.",
  fields: z.object({
    baseUrl,
    user: z
      .string()
      .trim()
      .min(1)
      .meta(accountField({ label: "User", placeholder: "consumer_ws" })),
    password: z
      .string()
      .min(1)
      .meta(accountField({ label: "Password", type: "secret" })),
    shopId,
    shopName,
    cacheSeconds,
  }),
});

export const bearerMode = accountMode({
  key: BEARER_MODE,
  label: "Bearer token",
  description:
    "A JWT bearer token. Orders and returns only: IOM's inventory service accepts Basic authentication alone.",
  fields: z.object({
    baseUrl,
    token: z
      .string()
      .trim()
      .min(1)
      .meta(accountField({ label: "Token", type: "secret", help: "The JWT, without the word Bearer." })),
    shopId,
    shopName,
    cacheSeconds,
  }),
});

export const iomAccounts = defineAccounts({
  application: "Intershop IOM",
  accountRequired: true,
  modes: [basicMode, bearerMode],
});

export type IomModeAccount = ModeAccount<typeof basicMode> | ModeAccount<typeof bearerMode>;

/** What every IOM call needs, whichever mode the account was connected with. */
export interface IomAccount {
  id: string;
  baseUrl: string;
  authorization: string;
  shopId: string;
  shopName: string;
  cacheSeconds: number;
  basic: boolean;
}

export function iomAccount(account: IomModeAccount): IomAccount {
  const { values } = account;
  const authorization =
    account.mode === BASIC_MODE
      ? `Basic ${Buffer.from(`${account.values.user}:${account.values.password}`).toString("base64")}`
      : `Bearer ${account.values.token}`;
  return {
    id: account.id,
    baseUrl: values.baseUrl,
    authorization,
    shopId: values.shopId,
    shopName: values.shopName,
    cacheSeconds: values.cacheSeconds,
    basic: account.mode === BASIC_MODE,
  };
}
