// Released order: an order whose lines reached Released (3200). REST: getOrderList (through getPage) by Modifyts,
// reading each line's status history (OrderStatuses), so an order released and shipped between two polls still
// counts; fires once per order, at its first release (later releases are "New or updated release order").
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import { eventOrder, mainStatus, orderLinesOf, pollOrderChanges, sampleOrder } from "../events/order-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "Released order";
const RELEASED = "3200";

export const releasedOrderTrigger = sterlingAccounts.pollingTrigger({
  key: "releasedOrder",
  label: LABEL,
  description: "Starts the flow once when a Sterling OMS order is released to its ship nodes (status 3200).",
  group: "Orders",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output: eventOrder,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.OrderNo }}",
  sample: { ...sampleOrder, Status: "Released", MinOrderStatus: RELEASED, MaxOrderStatus: RELEASED },
  poll: (args) =>
    pollByMode(
      "releasedOrder",
      args,
      (rest) =>
        pollOrderChanges(rest, "Modifyts", (order) => {
          const released = orderLinesOf(order).some(
            (line) =>
              mainStatus(line.MaxLineStatus) === RELEASED ||
              (line.OrderStatuses?.OrderStatus ?? []).some((record) => mainStatus(record.Status) === RELEASED),
          );
          return released ? [{ dedupeKey: `${order.OrderHeaderKey}:released`, data: order }] : [];
        }),
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("releasedOrder"),
});
