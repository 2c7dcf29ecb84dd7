// New shipment: a shipment created in Sterling. REST: getShipmentList (through getPage) by Createts, filtered by
// enterprise, document type and ship node in Sterling; one run per shipment.
import { z } from "zod";
import { compact } from "../client";
import { elementList, shipmentDocument } from "../documents";
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import { pollChangedRows } from "../events/rest-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "New shipment";

const shipmentLine = z.looseObject({
  OrderNo: z.string().optional().meta({ title: "Order number" }),
  PrimeLineNo: z.string().optional().meta({ title: "Order line number" }),
  ItemID: z.string().optional().meta({ title: "Item ID" }),
  Quantity: z.string().optional().meta({ title: "Quantity" }),
});

const output = shipmentDocument.extend({
  OrderHeaderKey: z.string().optional().meta({ title: "Order header key" }),
  DocumentType: z.string().optional().meta({ title: "Document type" }),
  Createts: z.string().optional().meta({ title: "Created at" }),
  ShipmentLines: z
    .looseObject({ ShipmentLine: elementList(shipmentLine).meta({ title: "Shipment lines" }) })
    .optional()
    .meta({ title: "Shipment lines" }),
});

const template = {
  ShipmentKey: "",
  ShipmentNo: "",
  OrderHeaderKey: "",
  OrderNo: "",
  EnterpriseCode: "",
  DocumentType: "",
  ShipNode: "",
  Status: "",
  SCAC: "",
  TrackingNo: "",
  ActualShipmentDate: "",
  Createts: "",
  ShipmentLines: { ShipmentLine: { OrderNo: "", PrimeLineNo: "", ItemID: "", Quantity: "" } },
};

export const newShipmentTrigger = sterlingAccounts.pollingTrigger({
  key: "newShipment",
  label: LABEL,
  description: "Starts the flow once for each shipment created in Sterling OMS, with its lines.",
  group: "Shipments",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.OrderNo }}",
  sample: {
    ShipmentKey: "202503061000000000000009",
    ShipmentNo: "100000401",
    OrderHeaderKey: "202503010900000000000001",
    OrderNo: "Y100001",
    EnterpriseCode: "DEFAULT",
    DocumentType: "0001",
    ShipNode: "DC-EAST",
    Status: "1100",
    Createts: "2025-03-06T10:00:00+00:00",
    ShipmentLines: { ShipmentLine: [{ OrderNo: "Y100001", PrimeLineNo: "1", ItemID: "SKU-1", Quantity: "3" }] },
  },
  poll: (args) =>
    pollByMode(
      "newShipment",
      args,
      async (rest) => {
        const { rows, nextCursor } = await pollChangedRows(rest, {
          api: "getShipmentList",
          root: "Shipments",
          element: "Shipment",
          inputRoot: "Shipment",
          timestamp: "Createts",
          key: "ShipmentKey",
          versioned: false,
          filters: compact({
            EnterpriseCode: rest.input.enterpriseCode,
            DocumentType: rest.input.documentType,
            ShipNode: rest.input.shipNode,
          }),
          template,
        });
        const items = rows.flatMap((row) => {
          const shipment = output.safeParse(row.document);
          return shipment.success ? [{ dedupeKey: row.key, data: shipment.data }] : [];
        });
        return { items, nextCursor };
      },
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("newShipment"),
});
