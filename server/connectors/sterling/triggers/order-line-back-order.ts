// Orderline back order: a line that went into Backordered (1300). REST: getOrderList (through getPage) by Modifyts,
// reading each line's status history (OrderStatuses): each 1300 record is one transition, identified by the line
// and the record's StatusDate, so a line fires once per time it is back-ordered, however often the order changes.
import { z } from "zod";
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import {
  eventOrder,
  eventOrderLine,
  mainStatus,
  orderLinesOf,
  pollOrderChanges,
  sampleOrder,
} from "../events/order-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "Orderline back order";
const BACKORDERED = "1300";

const output = eventOrder.extend({
  BackorderedLine: eventOrderLine.meta({ title: "Back-ordered line" }),
  BackorderedAt: z.string().optional().meta({ title: "Back-ordered at" }),
});

const sampleLine = sampleOrder.OrderLines.OrderLine[0];

export const orderLineBackOrderTrigger = sterlingAccounts.pollingTrigger({
  key: "orderLineBackOrder",
  label: LABEL,
  description:
    "Starts the flow when an order line is back-ordered in Sterling OMS (status 1300), once per line and time.",
  group: "Orders",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.OrderNo }}",
  sample: {
    ...sampleOrder,
    Status: "Backordered",
    BackorderedLine: { ...sampleLine, Status: "Backordered", MaxLineStatus: BACKORDERED },
    BackorderedAt: "2025-03-01T09:05:00+00:00",
  },
  poll: (args) =>
    pollByMode(
      "orderLineBackOrder",
      args,
      (rest) =>
        pollOrderChanges(rest, "Modifyts", (order) =>
          orderLinesOf(order).flatMap((line) => {
            const records = (line.OrderStatuses?.OrderStatus ?? []).filter(
              (record) => mainStatus(record.Status) === BACKORDERED,
            );
            const key = `${line.OrderLineKey ?? `${order.OrderHeaderKey}/${line.PrimeLineNo ?? ""}`}:backorder`;
            // Without a status history (a server that ignores the template's OrderStatuses) the line's current
            // status is all there is: one run while it stays back-ordered.
            const times =
              records.length > 0
                ? records.map((record) => record.StatusDate ?? "")
                : mainStatus(line.MaxLineStatus) === BACKORDERED
                  ? [""]
                  : [];
            return times.map((at) => ({
              dedupeKey: key,
              version: at || "current",
              data: { ...order, BackorderedLine: line, ...(at ? { BackorderedAt: at } : {}) },
            }));
          }),
        ),
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("orderLineBackOrder"),
});
