// What the Sterling actions share: the REST modes they take, the form fields several of them ask for, and turning values a
// user typed (or a template produced) into Sterling's all-string attributes.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { SuggestedKey } from "@/lib/field-hints";
import { field, type ActionDefinition, type Logger } from "../sdk";
import { REST_MODES, sterlingAccounts } from "./auth";
import type { SterlingDocument, SterlingValue } from "./client";

/**
 * A synchronous action: it calls the Sterling REST API, so it takes the REST modes only (an MQ account carries
 * asynchronous messages), and its ctx.account arrives read for them.
 */
export function restAction<Input extends z.ZodType, Output extends z.ZodType>(
  definition: Omit<Parameters<typeof sterlingAccounts.action<Input, Output, RestModeKey>>[0], "modes">,
): ActionDefinition<Input, Output> {
  return sterlingAccounts.action({ ...definition, modes: REST_MODES });
}

type RestModeKey = (typeof REST_MODES)[number];

export const documentTypes = ["0001", "0003", "0005", "0006"] as const;
const documentTypeLabels = {
  "0001": "Sales order",
  "0003": "Return order",
  "0005": "Purchase order",
  "0006": "Transfer order",
};

export const documentTypeField = (order: number) =>
  z
    .enum(documentTypes)
    .default("0001")
    .meta(field({ title: "Document type", enumLabels: documentTypeLabels, order }));

export const enterpriseCodeHints = (
  order: number,
  description = "The enterprise the orders belong to, e.g. DEFAULT.",
) =>
  field({
    title: "Enterprise code",
    description,
    placeholder: "DEFAULT",
    options: "enterprises",
    order,
  });

/** A ship node (warehouse or store) by its code, chosen from the account's nodes. */
export const shipNodeField = (order: number, description?: string) =>
  z
    .string()
    .trim()
    .max(40)
    .optional()
    .meta(field({ title: "Ship node", description, placeholder: "DC-EAST", options: "shipNodes", order }));

export const enterpriseCodeField = (order: number) =>
  z.string().trim().min(1).max(40).optional().meta(enterpriseCodeHints(order));

export const requiredEnterpriseCodeField = (order: number) =>
  z.string().trim().min(1).max(40).meta(enterpriseCodeHints(order));

export const maximumRecordsField = (order: number) =>
  z
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(100)
    .meta(field({ title: "Maximum records", description: "Return at most this many (1 to 5000).", order }));

/** A status code filter: picked from a list of the default pipeline's statuses, or typed (configured sub-statuses). */
export const statusField = (
  order: number,
  hints: { description: string; placeholder: string; options: "orderStatuses" | "shipmentStatuses" },
) =>
  z
    .string()
    .trim()
    .max(15)
    .optional()
    .meta(field({ title: "Status code", ...hints, order }));

export const optionalText = (title: string, order: number, description?: string, max = 100) =>
  z.string().trim().max(max).optional().meta(field({ title, description, order }));

/** Further attributes a user may add to a Sterling input document, for what the form does not ask for. */
/**
 * `overlaps`: the attributes a form field of the action also sets ({ OrderNo: "orderNo" }), so the designer reports
 * both filled as a problem; the filled field wins at run time.
 */
export const additionalAttributesField = (
  order: number,
  api: string,
  example: string,
  overlaps?: Record<string, string>,
  suggestedKeys?: SuggestedKey[],
) =>
  z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must be a Sterling attribute or element name"), z.unknown())
    .optional()
    .meta(
      field({
        title: "Additional attributes",
        description:
          `Further attributes or elements of Sterling's ${api} input, merged in; e.g. ${example}.` +
          (overlaps ? ` A filled form field wins over ${Object.keys(overlaps).join(", ")} given here.` : ""),
        widget: "json",
        order,
        overlaps,
        suggestedKeys,
      }),
    );

/** Sterling reads every attribute as a string; numbers and booleans are written the way Sterling writes them. */
export function toSterlingValue(value: unknown, path = "value"): SterlingValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "Y" : "N";
  if (Array.isArray(value)) {
    return value.map((entry, index) => {
      const converted = toSterlingValue(entry, `${path}[${index}]`);
      if (converted === undefined || typeof converted === "string" || Array.isArray(converted)) {
        throw new ConfluxError("INPUT_INVALID", `${path}[${index}] must be an object (a Sterling element)`);
      }
      return converted;
    });
  }
  if (typeof value === "object") {
    const document: SterlingDocument = {};
    for (const [key, entry] of Object.entries(value)) {
      const converted = toSterlingValue(entry, `${path}.${key}`);
      if (converted !== undefined) document[key] = converted;
    }
    return document;
  }
  throw new ConfluxError("INPUT_INVALID", `${path} cannot be sent to Sterling`);
}

export function additionalAttributes(value: Record<string, unknown> | undefined): SterlingDocument {
  const converted = toSterlingValue(value ?? {}, "Additional attributes");
  return converted && typeof converted === "object" && !Array.isArray(converted) ? converted : {};
}

type FormValue = SterlingValue | undefined;

/**
 * The input document: the form's values merged into the additional attributes. A filled field wins over an
 * attribute of the same name (and the log says so), an empty field never erases one, elements merge attribute by
 * attribute, and repeated elements (order lines) add up: so `PriceInfo` or new `OrderLines` given as additional
 * attributes reach Sterling even when the form has fields of those names left empty.
 */
export function withAdditionalAttributes(
  form: Record<string, FormValue>,
  additional: Record<string, unknown> | undefined,
  log?: Logger,
): SterlingDocument {
  return mergeInto(additionalAttributes(additional), form, "", log);
}

function mergeInto(base: SterlingDocument, form: Record<string, FormValue>, path: string, log?: Logger) {
  const result: SterlingDocument = { ...base };
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    const existing = result[key];
    if (existing === undefined) {
      result[key] = value;
    } else if (Array.isArray(value) && Array.isArray(existing)) {
      result[key] = [...value, ...existing];
    } else if (isElement(value) && isElement(existing)) {
      result[key] = mergeInto(existing, value, `${path}${key}.`, log);
    } else {
      if (existing !== value) log?.warn(`The form's ${path}${key} replaces the additional attribute of that name`);
      result[key] = value;
    }
  }
  return result;
}

function isElement(value: SterlingValue): value is SterlingDocument {
  return typeof value === "object" && !Array.isArray(value);
}

/** The order attributes the identity fields set, for an Additional attributes field's `overlaps`. */
export const orderIdentityOverlaps = {
  OrderHeaderKey: "orderHeaderKey",
  OrderNo: "orderNo",
  EnterpriseCode: "enterpriseCode",
  DocumentType: "documentType",
};

/** The order a step names: by header key, or by order number within enterprise and document type. */
export const orderIdentityFields = {
  orderHeaderKey: optionalText(
    "Order header key",
    1,
    "Sterling's key of the order. Or leave it empty and give the order number and enterprise code.",
    40,
  ),
  orderNo: optionalText("Order number", 2, undefined, 40),
  enterpriseCode: enterpriseCodeField(3),
  documentType: documentTypeField(4),
};

export function checkOrderIdentity(
  value: { orderHeaderKey?: string; orderNo?: string; enterpriseCode?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.orderHeaderKey) return;
  if (!value.orderNo) {
    ctx.addIssue({ code: "custom", path: ["orderNo"], message: "give the order header key or the order number" });
  } else if (!value.enterpriseCode) {
    ctx.addIssue({ code: "custom", path: ["enterpriseCode"], message: "is required with an order number" });
  }
}

export function orderIdentity(value: {
  orderHeaderKey?: string;
  orderNo?: string;
  enterpriseCode?: string;
  documentType: string;
}): SterlingDocument {
  if (value.orderHeaderKey) return { OrderHeaderKey: value.orderHeaderKey };
  return { OrderNo: value.orderNo ?? "", EnterpriseCode: value.enterpriseCode ?? "", DocumentType: value.documentType };
}
