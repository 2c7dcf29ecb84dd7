// What the simulator page does to the built-in Order Management: create an order, move it through orchestration
// (submit, ship, close, cancel, hold) and send the business events each change raises to the endpoints set up for
// them, as "Manage Business Event Trigger Points" would: Order Status Updated when the order's or a line's status
// changes, Sales Order Notification for those and for a hold.
import { z } from "zod";
import { createOrder, OrderRefusal, updateOrder } from "./orders";
import type { OracleBackend } from "./index";
import {
  eventPayload,
  ORDER_STATUS_UPDATED,
  SALES_ORDER_NOTIFICATION,
  snapshot,
  subscriptionSchema,
  type Delivery,
  type EventOutbox,
  type NotificationType,
} from "./events";
import { timestamp } from "./state";

export const consoleActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("create"),
    sourceSystem: z.string().min(1),
    businessUnitName: z.string().min(1),
    buyingPartyName: z.string().trim().min(1),
    productNumber: z.string().min(1),
    quantity: z.number().int().min(1).max(999),
    organization: z.string().min(1),
    submit: z.boolean(),
  }),
  z.object({ action: z.enum(["submit", "ship", "close", "cancel", "hold"]), orderKey: z.string().min(1) }),
  subscriptionSchema.extend({ action: z.literal("subscribe") }),
]);

export type ConsoleAction = z.output<typeof consoleActionSchema>;

export function consoleState(backend: OracleBackend, outbox: EventOutbox) {
  const { state } = backend;
  return {
    orders: [...state.orders].reverse().map((order) => ({
      orderKey: `${order.SourceTransactionSystem}:${order.SourceTransactionId}`,
      headerId: String(order.HeaderId),
      orderNumber: order.OrderNumber,
      businessUnitName: order.BusinessUnitName,
      buyingPartyName: order.BuyingPartyName,
      statusCode: order.StatusCode,
      onHold: order.OnHoldFlag,
      lastUpdateDate: order.LastUpdateDate,
      lines: order.lines.map((line) => ({
        lineNumber: line.LineNumber,
        productNumber: line.ProductNumber,
        quantity: line.OrderedQuantity,
        organization: line.RequestedFulfillmentOrganizationCode,
        statusCode: line.StatusCode,
      })),
    })),
    reference: {
      sourceSystems: state.sourceSystems,
      businessUnits: state.businessUnits,
      items: state.items,
      organizations: state.organizations,
    },
    subscriptions: outbox.subscriptions.map(({ event, url, user }) => ({ event, url, user })),
    deliveries: outbox.deliveries,
  };
}

let sequence = 0;

/** Runs one page action; returns what to tell the user and the deliveries of the events it raised. */
export async function runConsoleAction(
  backend: OracleBackend,
  outbox: EventOutbox,
  action: ConsoleAction,
): Promise<{ message: string; deliveries: Delivery[] }> {
  const { state } = backend;
  if (action.action === "subscribe") {
    const { action: _action, ...subscription } = action;
    outbox.subscribe(subscription);
    return { message: `${action.event} events now go to ${action.url}.`, deliveries: [] };
  }
  if (action.action === "create") {
    sequence += 1;
    const id = `WEB-${Date.now().toString(36).toUpperCase()}-${sequence}`;
    const { order } = createOrder(
      state,
      {
        SourceTransactionSystem: action.sourceSystem,
        SourceTransactionId: id,
        BusinessUnitName: action.businessUnitName,
        BuyingPartyName: action.buyingPartyName,
        SubmittedFlag: action.submit,
        lines: [
          {
            SourceTransactionLineId: "1",
            ProductNumber: action.productNumber,
            OrderedQuantity: action.quantity,
            OrderedUOM: "Each",
            RequestedFulfillmentOrganizationCode: action.organization,
          },
        ],
      },
      false,
    );
    return { message: `Created sales order ${order.OrderNumber} (${action.sourceSystem}:${id}).`, deliveries: [] };
  }
  const order = backend.find(action.orderKey);
  if (!order) throw new OrderRefusal(404, [{ detail: `There is no sales order ${action.orderKey}.` }]);
  const before = snapshot(order);
  let notification: NotificationType = "ORDER_HEADER_STATUS_UPDATE";
  if (action.action === "submit") {
    updateOrder(state, order, { SubmittedFlag: true });
  } else if (action.action === "hold") {
    order.OnHoldFlag = true;
    order.LastUpdateDate = timestamp(state.clock());
    notification = "HOLD";
  } else {
    if (order.StatusCode === "DOO_DRAFT") {
      throw new OrderRefusal(400, [{ detail: `Sales order ${order.OrderNumber} is a draft: submit it first.` }]);
    }
    const target = { ship: "SHIPPED", close: "CLOSED", cancel: "CANCELED" }[action.action];
    if (action.action === "ship") {
      backend.setStatus(
        action.orderKey,
        order.StatusCode,
        Object.fromEntries(order.lines.map((l) => [l.LineNumber, target])),
      );
      notification = "FULFILLMENT_LINE_STATUS_UPDATE";
    } else {
      backend.setStatus(action.orderKey, target);
    }
  }
  const statusChanged =
    before.StatusCode !== order.StatusCode ||
    order.lines.some((line) => before.lines[line.FulfillLineId] !== line.StatusCode);
  const now = state.clock();
  const deliveries: Delivery[] = [];
  if (statusChanged) {
    const sent = await outbox.send(eventPayload(ORDER_STATUS_UPDATED, order, before, now));
    if (sent) deliveries.push(sent);
  }
  const notified = await outbox.send(eventPayload(SALES_ORDER_NOTIFICATION, order, before, now, notification));
  if (notified) deliveries.push(notified);
  const sentText = deliveries.length
    ? ` Sent ${deliveries.map((d) => `${d.event} (${d.status ?? "no answer"})`).join(" and ")}.`
    : " No event endpoint is set up, so no event was sent.";
  return {
    message: `Sales order ${order.OrderNumber} is ${order.StatusCode}${order.OnHoldFlag ? " (on hold)" : ""}.${sentText}`,
    deliveries,
  };
}
