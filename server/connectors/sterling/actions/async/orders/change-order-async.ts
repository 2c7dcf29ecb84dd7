// Update order (async): the input of Sterling's changeOrder, the order named by its key or by number, enterprise
// and document type, with the header attributes to change and lines to add (Action CREATE), on the queue
// Sterling's order-change service reads.
import { z } from "zod";
import { field } from "../../../../sdk";
import { compact } from "../../../client";
import {
  additionalAttributesField,
  checkOrderIdentity,
  optionalText,
  orderIdentity,
  orderIdentityFields,
} from "../../../common";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";
import { orderLine, orderLinesElement, personInfo, shipToAddress } from "../../../order-lines";

const LABEL = "Update order (async)";

const input = z
  .object({
    ...orderIdentityFields,
    customerEmail: optionalText("Customer e-mail", 5, undefined, 150),
    newLines: z
      .array(orderLine)
      .max(1000)
      .optional()
      .meta(field({ title: "Lines to add", order: 7 })),
    firstNewLineNo: z
      .number()
      .int()
      .positive()
      .max(99999)
      .optional()
      .meta(
        field({
          title: "Number of the first line to add",
          description:
            "Sterling's PrimeLineNo for the first of the lines to add, the next ones count up from it. It must be " +
            "above the order's existing line numbers: an async step cannot read the order to find them.",
          order: 7,
        }),
      ),
    shipTo: shipToAddress.optional().meta(field({ title: "New ship-to address", order: 8 })),
    additionalAttributes: additionalAttributesField(
      9,
      "changeOrder",
      '{ "OrderLines": { "OrderLine": [{ "PrimeLineNo": "1", "SubLineNo": "1", "Action": "CANCEL" }] } }',
      {
        OrderHeaderKey: "orderHeaderKey",
        OrderNo: "orderNo",
        EnterpriseCode: "enterpriseCode",
        DocumentType: "documentType",
        CustomerEMailID: "customerEmail",
      },
    ),
    ...deliveryFields("changeOrder"),
  })
  .superRefine((value, ctx) => {
    checkOrderIdentity(value, ctx);
    if (value.newLines?.length && value.firstNewLineNo === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["firstNewLineNo"],
        message: "is required with lines to add, above the order's existing line numbers",
      });
    }
  });

export const changeOrderAsyncAction = mqAction({
  key: "changeOrderAsync",
  label: LABEL,
  description: "Puts Sterling's changeOrder input on IBM MQ: header changes and new lines for an existing order.",
  group: "Orders",
  input,
  async run({ input, ctx }) {
    const order = withAdditional(
      input.additionalAttributes,
      compact({
        ...orderIdentity(input),
        CustomerEMailID: input.customerEmail,
        PersonInfoShipTo: personInfo(input.shipTo),
        OrderLines: input.newLines?.length
          ? orderLinesElement(input.newLines, "CREATE", input.firstNewLineNo)
          : undefined,
      }),
    );
    return putSterlingDocument(ctx, "changeOrder", "Order", order, input);
  },
});
