// The simulator's deleteOrder: the order by OrderHeaderKey, or by OrderNo, EnterpriseCode and DocumentType, with
// Action="DELETE". Orders past Created (status 1100) are refused, as Sterling's default pipeline refuses deleting an
// order that has been scheduled or released.
import { z } from "zod";
import { filterDocs, faults, parseInput, SterlingFault, text, type Doc, type SimulatorState } from "./state";

const deleteInput = z.looseObject({
  OrderHeaderKey: z.string().optional(),
  OrderNo: z.string().optional(),
  EnterpriseCode: z.string().optional(),
  DocumentType: z.string().optional(),
  Action: z.literal("DELETE"),
});

const cannotDelete = (status: string) =>
  new SterlingFault(400, "YFS10148", `The order cannot be deleted in status ${status}`);

function deleteOrder(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(deleteInput, raw, "deleteOrder");
  const [order] = input.OrderHeaderKey
    ? filterDocs(state.orders, { OrderHeaderKey: input.OrderHeaderKey }, 1)
    : input.OrderNo && input.EnterpriseCode
      ? filterDocs(
          state.orders,
          { OrderNo: input.OrderNo, EnterpriseCode: input.EnterpriseCode, DocumentType: input.DocumentType ?? "0001" },
          1,
        )
      : [];
  if (!order) throw faults.orderNotFound();
  if (Number(text(order, "MaxOrderStatus")) > 1100) throw cannotDelete(text(order, "Status"));
  state.orders.splice(state.orders.indexOf(order), 1);
  return { OrderHeaderKey: text(order, "OrderHeaderKey"), OrderNo: text(order, "OrderNo") };
}

export const orderDeletionApis = { deleteOrder };
