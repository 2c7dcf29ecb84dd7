// Pieces the IOM actions share: the account read for a step and the shop-product fields lists of products use.
import { z } from "zod";
import { field } from "../sdk";
import { iomAccount, iomAccounts, type IomModeAccount } from "./auth";

export { iomAccount };
export type { IomModeAccount };

export const iomAction = iomAccounts.action;

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

/** A list typed as one line per entry or separated by commas, as users paste numbers. */
export const textList = (title: string, description: string, order?: number) =>
  z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((value) =>
      (typeof value === "string" ? value.split(/[\n,]/) : (value ?? [])).map((item) => item.trim()).filter(Boolean),
    )
    .meta(field({ title, description, ...(order !== undefined ? { order } : {}) }));

/** A shop order number as IOM takes it on RMA paths. */
export const shopOrderNumberField = (order = 1) =>
  requiredText("Shop order number", 50, "The order's number in the shop (ICM's order document number).", order);
