// Cancelled order: an order whose every line is cancelled (MaxOrderStatus 9000). REST: getOrderList (through getPage)
// by Modifyts; the transition fires once per order, whatever changes the cancelled order sees later.
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import { eventOrder, mainStatus, pollOrderChanges, sampleOrder } from "../events/order-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "Cancelled order";
const CANCELLED = "9000";

export const cancelledOrderTrigger = sterlingAccounts.pollingTrigger({
  key: "cancelledOrder",
  label: LABEL,
  description: "Starts the flow once when a Sterling OMS order is cancelled (status 9000).",
  group: "Orders",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output: eventOrder,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.OrderNo }}",
  sample: { ...sampleOrder, Status: "Cancelled", MinOrderStatus: CANCELLED, MaxOrderStatus: CANCELLED },
  poll: (args) =>
    pollByMode(
      "cancelledOrder",
      args,
      (rest) =>
        pollOrderChanges(rest, "Modifyts", (order) =>
          mainStatus(order.MaxOrderStatus) === CANCELLED
            ? [{ dedupeKey: `${order.OrderHeaderKey}:cancelled`, data: order }]
            : [],
        ),
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("cancelledOrder"),
});
