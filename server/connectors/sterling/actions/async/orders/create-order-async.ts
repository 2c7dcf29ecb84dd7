// Create order (async): the input of Sterling's createOrder, `<Order EnterpriseCode DocumentType OrderNo …>` with
// its lines, on the queue Sterling's order service reads. The order number is required: with no reply, it is how
// a later step or person finds the order, and Sterling refuses a second order with the same number.
import { z } from "zod";
import { field } from "../../../../sdk";
import { compact } from "../../../client";
import {
  additionalAttributesField,
  documentTypeField,
  optionalText,
  requiredEnterpriseCodeField,
} from "../../../common";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";
import { orderLine, orderLinesElement, personInfo, shipToAddress } from "../../../order-lines";

const LABEL = "Create order (async)";

const input = z.object({
  enterpriseCode: requiredEnterpriseCodeField(1),
  documentType: documentTypeField(2),
  orderNo: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta(field({ title: "Order number", description: "Usually the number from the ordering system.", order: 3 })),
  sellerOrganizationCode: optionalText("Seller organization", 4, undefined, 40),
  customerEmail: optionalText("Customer e-mail", 5, undefined, 150),
  currency: optionalText("Currency", 6, "ISO code, e.g. USD.", 40),
  lines: z
    .array(orderLine)
    .min(1)
    .max(1000)
    .meta(field({ title: "Order lines", placeholder: '[{ "itemId": "SKU-1", "quantity": 2 }]', order: 7 })),
  shipTo: shipToAddress.optional().meta(field({ title: "Ship-to address", order: 8 })),
  additionalAttributes: additionalAttributesField(9, "createOrder", '{ "OrderType": "ShipToHome" }', {
    EnterpriseCode: "enterpriseCode",
    DocumentType: "documentType",
    OrderNo: "orderNo",
    SellerOrganizationCode: "sellerOrganizationCode",
    CustomerEMailID: "customerEmail",
  }),
  ...deliveryFields("createOrder"),
});

export const createOrderAsyncAction = mqAction({
  key: "createOrderAsync",
  label: LABEL,
  description: "Puts Sterling's createOrder input, with lines and ship-to address, on IBM MQ.",
  group: "Orders",
  input,
  async run({ input, ctx }) {
    const order = withAdditional(
      input.additionalAttributes,
      compact({
        EnterpriseCode: input.enterpriseCode,
        DocumentType: input.documentType,
        OrderNo: input.orderNo,
        SellerOrganizationCode: input.sellerOrganizationCode,
        CustomerEMailID: input.customerEmail,
        PriceInfo: input.currency ? { Currency: input.currency } : undefined,
        PersonInfoShipTo: personInfo(input.shipTo),
        OrderLines: orderLinesElement(input.lines),
      }),
    );
    return putSterlingDocument(ctx, "createOrder", "Order", order, input);
  },
});
