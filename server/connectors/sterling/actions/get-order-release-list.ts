// Retrieve release orders: Sterling's getOrderReleaseList, the releases an order was split into for its ship nodes.
import { enterpriseCodeField, optionalText, shipNodeField } from "../common";
import { orderReleaseDocument } from "../documents";
import { retrieveAction } from "./retrieve";

export const getOrderReleaseListAction = retrieveAction({
  key: "getOrderReleaseList",
  label: "Retrieve release orders",
  description: "Finds the release orders of an order or ship node (Sterling getOrderReleaseList).",
  group: "Release orders",
  list: {
    api: "getOrderReleaseList",
    inputRoot: "OrderRelease",
    root: "OrderReleaseList",
    element: "OrderRelease",
    key: "OrderReleaseKey",
  },
  rows: { key: "releases", title: "Release orders", schema: orderReleaseDocument },
  filters: {
    orderHeaderKey: optionalText("Order header key", 1, "The releases of this order.", 40),
    salesOrderNo: optionalText("Order number", 2, "The releases of the order with this number.", 40),
    enterpriseCode: enterpriseCodeField(3),
    shipNode: shipNodeField(4, "Only releases to this node."),
    releaseNo: optionalText("Release number", 5, undefined, 40),
  },
  toInput: (input) => ({
    OrderHeaderKey: input.orderHeaderKey,
    SalesOrderNo: input.salesOrderNo,
    EnterpriseCode: input.enterpriseCode,
    ShipNode: input.shipNode,
    ReleaseNo: input.releaseNo,
  }),
});
