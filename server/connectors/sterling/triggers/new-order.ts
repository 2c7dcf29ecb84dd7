// New order: an order created in Sterling. REST: getOrderList (through getPage) by Createts; one run per order.
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import { eventOrder, pollOrderChanges, sampleOrder } from "../events/order-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "New order";

export const newOrderTrigger = sterlingAccounts.pollingTrigger({
  key: "newOrder",
  label: LABEL,
  description: "Starts the flow once for each order created in Sterling OMS, with the order and its lines.",
  group: "Orders",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output: eventOrder,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.OrderNo }}",
  sample: sampleOrder,
  poll: (args) =>
    pollByMode(
      "newOrder",
      args,
      (rest) => pollOrderChanges(rest, "Createts", (order) => [{ dedupeKey: order.OrderHeaderKey, data: order }]),
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("newOrder"),
});
