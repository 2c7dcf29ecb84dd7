// Retrieve shipments: Sterling's getShipmentList, e.g. to pass tracking numbers on once an order has shipped.
import { enterpriseCodeField, optionalText, shipNodeField, statusField } from "../common";
import { shipmentDocument } from "../documents";
import { retrieveAction } from "./retrieve";

export const getShipmentListAction = retrieveAction({
  key: "getShipmentList",
  label: "Retrieve shipments",
  description: "Finds shipments by order, shipment number, ship node or status (Sterling getShipmentList).",
  group: "Shipments",
  list: { api: "getShipmentList", inputRoot: "Shipment", root: "Shipments", element: "Shipment", key: "ShipmentKey" },
  rows: { key: "shipments", title: "Shipments", schema: shipmentDocument },
  filters: {
    orderNo: optionalText("Order number", 1, "The shipments of the order with this number.", 40),
    shipmentNo: optionalText("Shipment number", 2, undefined, 40),
    enterpriseCode: enterpriseCodeField(3),
    shipNode: shipNodeField(4),
    status: statusField(5, {
      description: "Only shipments in this status, e.g. 1400 (Shipped); type a status your pipeline adds.",
      placeholder: "1400",
      options: "shipmentStatuses",
    }),
  },
  toInput: (input) => ({
    OrderNo: input.orderNo,
    ShipmentNo: input.shipmentNo,
    EnterpriseCode: input.enterpriseCode,
    ShipNode: input.shipNode,
    Status: input.status,
  }),
  sortBy: { ShipmentNo: "Shipment number", ActualShipmentDate: "Shipped on", Modifyts: "Last changed" },
});
