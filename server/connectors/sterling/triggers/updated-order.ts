// Updated order: any change to an existing order (its creation is New order's). REST: getOrderList (through getPage)
// by Modifyts; one run per version of the order, a version being its Modifyts and Lockid (Sterling's change counter),
// so two changes within one second are two runs and a re-read change is none.
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import { eventOrder, pollOrderChanges, sampleOrder } from "../events/order-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "Updated order";

export const updatedOrderTrigger = sterlingAccounts.pollingTrigger({
  key: "updatedOrder",
  label: LABEL,
  description: "Starts the flow each time an existing Sterling OMS order changes, with the order as it is now.",
  group: "Orders",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output: eventOrder,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.OrderNo }}",
  sample: { ...sampleOrder, Modifyts: "2025-03-01T10:15:00+00:00" },
  poll: (args) =>
    pollByMode(
      "updatedOrder",
      args,
      (rest) =>
        pollOrderChanges(rest, "Modifyts", (order, row) => {
          const lockid = row.lockid;
          // Sterling stamps a new order with Modifyts = Createts and Lockid 0: that is New order, not an update.
          if (lockid === "0" || (lockid === "" && order.Modifyts === order.Createts)) return [];
          return [{ dedupeKey: order.OrderHeaderKey, version: `${row.ts}#${lockid}`, data: order }];
        }),
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("updatedOrder"),
});
