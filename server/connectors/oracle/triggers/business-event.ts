// What Oracle Order Management's business events carry when they reach a flow, and the routing rules an event
// trigger applies, in the manner of "Manage External Interface Routing Rules": conditions on order attributes
// (business unit, source system, status) and fulfillment line attributes (fulfillment organization, status), all of
// which must hold. Oracle publishes no field-level payload for these events, so the body is the JSON envelope the
// built-in simulator sends (see simulator/events.ts): salesOrdersForOrderHub attribute names, with extra attributes
// kept as they come.
import { z } from "zod";
import { field, type WebhookAuthentication } from "../../sdk";
import { sourceOrderKey } from "../order-key";

const id = z.union([z.string(), z.number()]).transform(String);
const optional = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

const eventLine = z
  .object({
    FulfillLineId: id,
    LineNumber: z.union([z.number(), z.string()]).nullish(),
    ProductNumber: optional,
    OrderedQuantity: z.number().nullish(),
    RequestedFulfillmentOrganizationCode: optional,
    StatusCode: optional,
    PreviousStatusCode: optional,
  })
  .passthrough();

export const businessEventBody = z
  .object({
    EventName: z.string().min(1),
    EventId: z.string().min(1).optional(),
    EventTimestamp: z.string().optional(),
    NotificationType: z.string().optional(),
    HeaderId: id,
    OrderNumber: optional,
    SourceTransactionSystem: z.string().min(1),
    SourceTransactionId: z.string().min(1),
    SourceTransactionNumber: optional,
    BusinessUnitName: optional,
    StatusCode: optional,
    PreviousStatusCode: optional,
    LastUpdateDate: optional,
    FulfillLines: z.array(eventLine).default([]),
  })
  .passthrough();

export type BusinessEventBody = z.output<typeof businessEventBody>;

const line = z.object({
  FulfillLineId: z.string(),
  LineNumber: z.union([z.number(), z.string()]).nullable(),
  ProductNumber: z.string().nullable(),
  RequestedFulfillmentOrganizationCode: z.string().nullable(),
  StatusCode: z.string().nullable(),
  PreviousStatusCode: z.string().nullable(),
  statusChanged: z.boolean(),
});

export const businessEventData = z
  .object({
    EventName: z.string(),
    EventId: z.string().nullable(),
    OrderKey: z.string(),
    HeaderId: z.string(),
    OrderNumber: z.string().nullable(),
    SourceTransactionSystem: z.string(),
    SourceTransactionId: z.string(),
    BusinessUnitName: z.string().nullable(),
    StatusCode: z.string().nullable(),
    PreviousStatusCode: z.string().nullable(),
    orderStatusChanged: z.boolean(),
    lines: z.array(line),
    changedLines: z.array(line),
    event: z.record(z.string(), z.unknown()),
  })
  .catchall(z.unknown());

export type BusinessEventData = z.output<typeof businessEventData>;

export function toEventData(body: BusinessEventBody): z.input<typeof businessEventData> {
  const lines = body.FulfillLines.map((entry) => ({
    FulfillLineId: entry.FulfillLineId,
    LineNumber: entry.LineNumber ?? null,
    ProductNumber: entry.ProductNumber,
    RequestedFulfillmentOrganizationCode: entry.RequestedFulfillmentOrganizationCode,
    StatusCode: entry.StatusCode,
    PreviousStatusCode: entry.PreviousStatusCode,
    statusChanged: entry.PreviousStatusCode !== null && entry.PreviousStatusCode !== entry.StatusCode,
  }));
  return {
    EventName: body.EventName,
    EventId: body.EventId ?? null,
    OrderKey: sourceOrderKey(body.SourceTransactionSystem, body.SourceTransactionId),
    HeaderId: body.HeaderId,
    OrderNumber: body.OrderNumber,
    SourceTransactionSystem: body.SourceTransactionSystem,
    SourceTransactionId: body.SourceTransactionId,
    BusinessUnitName: body.BusinessUnitName,
    StatusCode: body.StatusCode,
    PreviousStatusCode: body.PreviousStatusCode,
    orderStatusChanged: body.PreviousStatusCode !== null && body.PreviousStatusCode !== body.StatusCode,
    ...(body.NotificationType ? { NotificationType: body.NotificationType } : {}),
    lines,
    changedLines: lines.filter((entry) => entry.statusChanged),
    event: { ...body },
  };
}

/** An event's identity: Oracle's event id, else the order's version and statuses (the same event sent twice). */
export function eventDedupeKey(data: BusinessEventData): string {
  if (data.EventId) return data.EventId;
  const statuses = data.lines.map((entry) => `${entry.FulfillLineId}=${entry.StatusCode ?? ""}`).join(",");
  const when = typeof data.event.LastUpdateDate === "string" ? data.event.LastUpdateDate : "";
  return `${data.EventName}:${data.HeaderId}:${when}:${data.StatusCode ?? ""}:${statuses}`;
}

const list = (title: string, description: string, order: number) =>
  z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((value) =>
      (typeof value === "string" ? value.split(/[\n,]/) : (value ?? [])).map((item) => item.trim()).filter(Boolean),
    )
    .meta(field({ title, description, order }));

export const DEFAULT_EVENT_USER = "oracle";

/** The routing fields both event triggers offer, and the Basic user name Oracle's connector signs in with. */
export const routingFields = {
  businessUnits: list("Business units", "Only orders of these business units; empty: all.", 1),
  sourceSystems: list("Source systems", "Only orders from these source systems; empty: all.", 2),
  fulfillmentOrganizations: list(
    "Fulfillment organizations",
    "Only when a fulfillment line ships from one of these organizations (e.g. M1); empty: any.",
    3,
  ),
  statusCodes: list(
    "Statuses",
    "Only when the order or one of its lines is in one of these (e.g. CLOSED, SHIPPED).",
    4,
  ),
  username: z
    .string()
    .trim()
    .regex(/^[^:\s]+$/, "must be a user name without spaces or :")
    .default(DEFAULT_EVENT_USER)
    .meta(
      field({
        title: "User name Oracle signs in with",
        description: "Enter it, and the secret below as password, on Oracle's connector for this event.",
        order: 8,
      }),
    ),
};

export interface RoutingInput {
  businessUnits: string[];
  sourceSystems: string[];
  fulfillmentOrganizations: string[];
  statusCodes: string[];
  username: string;
}

/** Whether an event is one this flow handles: every condition given must hold, as in Oracle's routing rules. */
export function routes(data: BusinessEventData, input: RoutingInput): boolean {
  const inList = (list: string[], value: string | null) =>
    list.length === 0 || (value !== null && list.includes(value));
  if (!inList(input.businessUnits, data.BusinessUnitName)) return false;
  if (!inList(input.sourceSystems, data.SourceTransactionSystem)) return false;
  const lines =
    input.fulfillmentOrganizations.length === 0
      ? data.lines
      : data.lines.filter((entry) =>
          inList(input.fulfillmentOrganizations, entry.RequestedFulfillmentOrganizationCode),
        );
  if (lines.length === 0 && input.fulfillmentOrganizations.length > 0) return false;
  if (input.statusCodes.length === 0) return true;
  return (
    inList(input.statusCodes, data.StatusCode) || lines.some((entry) => inList(input.statusCodes, entry.StatusCode))
  );
}

export function basicFor(input: { username: string }): WebhookAuthentication {
  return { scheme: "basic", username: input.username };
}
