// Update sales order: PATCH salesOrdersForOrderHub/{OrderKey} with the attributes given. Oracle revises the latest
// version (a submitted order gets a draft revision); PATCH is not supported on older revisions, so a HeaderId that
// names one is refused by Oracle.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { field } from "../../sdk";
import { callOracle, readBody } from "../client";
import {
  additionalAttributesField,
  compact,
  oracleAccount,
  oracleAction,
  optionalText,
  orderKeyInput,
} from "../common";
import { orderKeyPath, parseOrderKey } from "../order-key";
import { describedOrder, describeOrder, salesOrderSchema } from "../sales-orders";

export const updateSalesOrderAction = oracleAction({
  key: "updateSalesOrder",
  label: "Update sales order",
  description: "Changes attributes of a sales order (PATCH); empty fields leave Oracle's values as they are.",
  group: "Sales orders",
  input: z.object({
    orderKey: orderKeyInput(1),
    customerPONumber: optionalText("Customer PO number", 50, undefined, 2),
    shippingInstructions: optionalText("Shipping instructions", 1000, undefined, 3),
    packingInstructions: optionalText("Packing instructions", 1000, undefined, 4),
    requestedShipDate: z.iso
      .datetime({ offset: true })
      .optional()
      .meta(field({ title: "Requested ship date", order: 5 })),
    additionalAttributes: additionalAttributesField(6, '{ "Comments": "Rush" }'),
  }),
  output: describedOrder,
  async run({ input, ctx }) {
    const account = oracleAccount(ctx.account);
    const key = parseOrderKey(input.orderKey);
    const body = {
      ...input.additionalAttributes,
      ...compact({
        CustomerPONumber: input.customerPONumber,
        ShippingInstructions: input.shippingInstructions,
        PackingInstructions: input.packingInstructions,
        RequestedShipDate: input.requestedShipDate,
      }),
    };
    if (Object.keys(body).length === 0) {
      throw new ConfluxError("INPUT_INVALID", "Update sales order: fill at least one field to change");
    }
    const what = `Update sales order (${key.text})`;
    const response = await callOracle(account, {
      method: "PATCH",
      path: orderKeyPath(key),
      query: { expand: "lines", onlyData: "true" },
      body,
      what,
      signal: ctx.signal,
    });
    return describeOrder(readBody(salesOrderSchema, response, account, what));
  },
});
