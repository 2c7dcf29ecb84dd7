// An order's key in a sales order URL takes one of two forms (Oracle's docs for salesOrdersForOrderHub/{OrderKey}):
// `SourceTransactionSystem:SourceTransactionId` (e.g. LEG:R13_Sample_Order), which always reaches the latest
// version of the order (its draft, if one exists), or the numeric HeaderId, which reaches one specific revision
// and only supports GET on older revisions.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";

export type OrderKey =
  | { form: "source"; sourceSystem: string; sourceId: string; text: string }
  | { form: "headerId"; headerId: string; text: string };

export function parseOrderKey(text: string): OrderKey {
  const trimmed = text.trim();
  if (/^\d{1,18}$/.test(trimmed)) return { form: "headerId", headerId: trimmed, text: trimmed };
  const colon = trimmed.indexOf(":");
  const sourceSystem = trimmed.slice(0, colon).trim();
  const sourceId = trimmed.slice(colon + 1).trim();
  if (colon <= 0 || !sourceSystem || !sourceId) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `"${trimmed}" is not an Oracle order key: give the source system and source order id as SYSTEM:ID ` +
        "(e.g. LEG:R13_Sample_Order), or the order's numeric HeaderId",
    );
  }
  return { form: "source", sourceSystem, sourceId, text: `${sourceSystem}:${sourceId}` };
}

/** The key as a URL path segment; the colon stays literal, as in Oracle's examples. */
export function orderKeyPath(key: OrderKey): string {
  return key.form === "headerId"
    ? `/${key.headerId}`
    : `/${encodeURIComponent(key.sourceSystem)}:${encodeURIComponent(key.sourceId)}`;
}

export function sourceOrderKey(sourceSystem: string, sourceId: string): string {
  return `${sourceSystem}:${sourceId}`;
}

export const orderKeyField = z
  .string()
  .trim()
  .min(1)
  .refine((text) => /^\d{1,18}$/.test(text) || /^[^:]+:.+$/.test(text), {
    message: "must be SOURCE_SYSTEM:SOURCE_ID (e.g. LEG:R13_Sample_Order) or a numeric HeaderId",
  });
