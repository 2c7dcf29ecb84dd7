// Retrieve release orders: Sterling's getOrderReleaseList, the releases an order was split into for its ship nodes.
// Read-only, so it needs no idempotency key.
import { z } from "zod";
import { compact, invokeSterling, parseOutput } from "../client";
import { enterpriseCodeField, maximumRecordsField, optionalText, restAction, shipNodeField } from "../common";
import { restAccount } from "../account";
import { elementList, orderReleaseDocument } from "../documents";

const LABEL = "Retrieve release orders";

const input = z.object({
  orderHeaderKey: optionalText("Order header key", 1, "The releases of this order.", 40),
  salesOrderNo: optionalText("Order number", 2, "The releases of the order with this number.", 40),
  enterpriseCode: enterpriseCodeField(3),
  shipNode: shipNodeField(4, "Only releases to this node."),
  releaseNo: optionalText("Release number", 5, undefined, 40),
  maximumRecords: maximumRecordsField(6),
});

const output = z.object({
  releases: z.array(orderReleaseDocument).meta({ title: "Release orders" }),
  count: z.number().meta({ title: "Number of releases returned" }),
});

const reply = z.looseObject({ OrderRelease: elementList(orderReleaseDocument) });

export const getOrderReleaseListAction = restAction({
  key: "getOrderReleaseList",
  label: LABEL,
  description: "Finds the release orders of an order or ship node (Sterling getOrderReleaseList).",
  group: "Release orders",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const document = await invokeSterling(
      account,
      "getOrderReleaseList",
      compact({
        OrderHeaderKey: input.orderHeaderKey,
        SalesOrderNo: input.salesOrderNo,
        EnterpriseCode: input.enterpriseCode,
        ShipNode: input.shipNode,
        ReleaseNo: input.releaseNo,
        MaximumRecords: String(input.maximumRecords),
      }),
      { signal: ctx.signal },
    );
    const list = parseOutput(reply, document, "getOrderReleaseList");
    return { releases: list.OrderRelease, count: list.OrderRelease.length };
  },
});
