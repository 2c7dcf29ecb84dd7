// Pieces the Oracle actions share: the account read for a step, text fields, and reading one order back.
import { z } from "zod";
import { field } from "../sdk";
import { oracleAccount, oracleAccounts, type OracleAccount } from "./auth";
import { callOracle, readBody, sendToOracle } from "./client";
import { oracleResponseError } from "./errors";
import { hostOf } from "./client";
import { orderKeyField, orderKeyPath, type OrderKey } from "./order-key";
import { salesOrderSchema, type SalesOrder } from "./sales-orders";

export { oracleAccount };

export const oracleAction = oracleAccounts.action;

export const optionalText = (title: string, max: number, description?: string, order?: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined))
    .meta(field({ title, ...(description ? { description } : {}), ...(order !== undefined ? { order } : {}) }));

export const requiredText = (title: string, max: number, description?: string, order?: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .meta(field({ title, ...(description ? { description } : {}), ...(order !== undefined ? { order } : {}) }));

export const orderKeyInput = (order = 1) =>
  orderKeyField.meta(
    field({
      title: "Order key",
      description:
        "SOURCE_SYSTEM:SOURCE_ORDER_ID (e.g. LEG:R13_Sample_Order: the latest version, or its draft) or the " +
        "numeric HeaderId (one specific revision).",
      placeholder: "LEG:R13_Sample_Order",
      order,
    }),
  );

export const additionalAttributesField = (order: number, example: string) =>
  z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be an Oracle attribute name"), z.unknown())
    .optional()
    .meta(
      field({
        title: "Additional attributes",
        description: `Further salesOrdersForOrderHub attributes, merged in; e.g. ${example}. A filled form field wins.`,
        widget: "json",
        order,
      }),
    );

/** Drops undefined values so that an empty form field never overwrites what Oracle has. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** One order with its lines, or undefined when Oracle has none under the key (404). */
export async function findSalesOrder(
  account: OracleAccount,
  key: OrderKey,
  signal: AbortSignal,
  what = "Get sales order",
): Promise<SalesOrder | undefined> {
  const response = await sendToOracle(account, {
    method: "GET",
    path: orderKeyPath(key),
    query: { expand: "lines", onlyData: "true" },
    what,
    signal,
  });
  if (response.status === 404) return undefined;
  const error = oracleResponseError(response, what, hostOf(account));
  if (error) throw error;
  return readBody(salesOrderSchema, response, account, what);
}

/** Like findSalesOrder, but a missing order is an error that names the key. */
export async function getSalesOrder(
  account: OracleAccount,
  key: OrderKey,
  signal: AbortSignal,
  what = "Get sales order",
): Promise<SalesOrder> {
  const response = await callOracle(account, {
    method: "GET",
    path: orderKeyPath(key),
    query: { expand: "lines", onlyData: "true" },
    what: `${what} (${key.text})`,
    signal,
  });
  return readBody(salesOrderSchema, response, account, what);
}
