// Business events as the simulated Order Management sends them to the endpoint of a connector set up on "Manage
// External Interface Web Service Details" (Invocation Mode: Business Event): an HTTP POST with Basic credentials.
// Oracle publishes no field-level payload for "Order Status Updated" or "Sales Order Notification" (what reaches an
// endpoint is shaped by the integration in between), so the JSON envelope here is our choice: the event's name and
// id, the order's salesOrdersForOrderHub attributes and its fulfillment lines, with the previous statuses.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { timestamp, type SimOrder } from "./state";
import { simulatorFetch } from "../../sdk/simulator-callback";

export const ORDER_STATUS_UPDATED = "Order Status Updated";
export const SALES_ORDER_NOTIFICATION = "Sales Order Notification";

/** The trigger points of "Manage Business Event Trigger Points" a notification names. */
export const notificationTypes = [
  "ORDER_HEADER_STATUS_UPDATE",
  "FULFILLMENT_LINE_STATUS_UPDATE",
  "ORDER_ATTRIBUTE_UPDATE",
  "HOLD",
  "JEOPARDY",
  "SPLIT",
] as const;

export type NotificationType = (typeof notificationTypes)[number];

export interface StatusSnapshot {
  StatusCode: string;
  lines: Record<number, string>;
}

export function snapshot(order: SimOrder): StatusSnapshot {
  return {
    StatusCode: order.StatusCode,
    lines: Object.fromEntries(order.lines.map((line) => [line.FulfillLineId, line.StatusCode])),
  };
}

export function eventPayload(
  name: typeof ORDER_STATUS_UPDATED | typeof SALES_ORDER_NOTIFICATION,
  order: SimOrder,
  before: StatusSnapshot,
  now: Date,
  notificationType?: NotificationType,
) {
  return {
    EventName: name,
    EventId: randomUUID(),
    EventTimestamp: timestamp(now),
    ...(name === SALES_ORDER_NOTIFICATION
      ? { NotificationType: notificationType ?? "ORDER_HEADER_STATUS_UPDATE" }
      : {}),
    HeaderId: order.HeaderId,
    OrderNumber: order.OrderNumber,
    SourceTransactionSystem: order.SourceTransactionSystem,
    SourceTransactionId: order.SourceTransactionId,
    SourceTransactionNumber: order.SourceTransactionNumber,
    BusinessUnitName: order.BusinessUnitName,
    BuyingPartyName: order.BuyingPartyName,
    StatusCode: order.StatusCode,
    PreviousStatusCode: before.StatusCode,
    OnHoldFlag: order.OnHoldFlag,
    LastUpdateDate: order.LastUpdateDate,
    FulfillLines: order.lines.map((line) => ({
      FulfillLineId: line.FulfillLineId,
      LineNumber: line.LineNumber,
      ProductNumber: line.ProductNumber,
      OrderedQuantity: line.OrderedQuantity,
      OrderedUOM: line.OrderedUOM,
      RequestedFulfillmentOrganizationCode: line.RequestedFulfillmentOrganizationCode,
      StatusCode: line.StatusCode,
      PreviousStatusCode: before.lines[line.FulfillLineId] ?? null,
    })),
  };
}

export const subscriptionSchema = z.object({
  event: z.enum([ORDER_STATUS_UPDATED, SALES_ORDER_NOTIFICATION]),
  url: z.url({ protocol: /^https?$/ }),
  user: z.string().trim().min(1),
  password: z.string().min(1),
});

export type EventSubscription = z.output<typeof subscriptionSchema>;

export interface Delivery {
  at: string;
  event: string;
  orderNumber: string;
  url: string;
  status: number | null;
  answer: string;
}

export interface EventOutbox {
  subscriptions: EventSubscription[];
  deliveries: Delivery[];
  /** Replaces the connector for an event (one endpoint per event, as on Manage External Interface Web Service Details). */
  subscribe(subscription: EventSubscription): void;
  /** POSTs the event to its connector's endpoint, if one is set up; records what the endpoint answered. */
  send(payload: ReturnType<typeof eventPayload>): Promise<Delivery | undefined>;
}

const MAX_DELIVERIES = 20;
const SEND_TIMEOUT_MS = 15_000;

export function createEventOutbox(fetcher: typeof fetch = simulatorFetch): EventOutbox {
  const outbox: EventOutbox = {
    subscriptions: [],
    deliveries: [],
    subscribe(subscription) {
      outbox.subscriptions = [...outbox.subscriptions.filter((s) => s.event !== subscription.event), subscription];
    },
    async send(payload) {
      const subscription = outbox.subscriptions.find((candidate) => candidate.event === payload.EventName);
      if (!subscription) return undefined;
      const delivery: Delivery = {
        at: new Date().toISOString(),
        event: payload.EventName,
        orderNumber: payload.OrderNumber,
        url: subscription.url,
        status: null,
        answer: "",
      };
      try {
        const response = await fetcher(subscription.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Basic ${Buffer.from(`${subscription.user}:${subscription.password}`).toString("base64")}`,
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
        delivery.status = response.status;
        delivery.answer = (await response.text()).slice(0, 300);
      } catch (error) {
        delivery.answer = error instanceof Error ? error.message : String(error);
      }
      outbox.deliveries = [delivery, ...outbox.deliveries].slice(0, MAX_DELIVERIES);
      return delivery;
    },
  };
  return outbox;
}
