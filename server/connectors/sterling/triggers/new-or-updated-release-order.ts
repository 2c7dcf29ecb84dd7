// New or updated release order: a release (the part of an order sent to one ship node) created or changed. REST:
// getOrderReleaseList (through getPage) by Modifyts, filtered by enterprise, document type and ship node in
// Sterling; one run per version of the release (Modifyts and Lockid).
import { z } from "zod";
import { compact } from "../client";
import { orderReleaseDocument } from "../documents";
import { acknowledgeMqEvent, pollMqEvent } from "../events/mq-source";
import { pollChangedRows } from "../events/rest-changes";
import { sterlingAccounts } from "../auth";
import { eventInput, pollByMode } from "../events/source";

const LABEL = "New or updated release order";

const output = orderReleaseDocument.extend({
  DocumentType: z.string().optional().meta({ title: "Document type" }),
  Createts: z.string().optional().meta({ title: "Created at" }),
  Modifyts: z.string().optional().meta({ title: "Last modified at" }),
  IsNew: z
    .boolean()
    .meta({ title: "New release", description: "True for a release just created, false for a change." }),
});

const template = {
  OrderReleaseKey: "",
  ReleaseNo: "",
  OrderHeaderKey: "",
  SalesOrderNo: "",
  EnterpriseCode: "",
  DocumentType: "",
  ShipNode: "",
  Status: "",
  Createts: "",
  Modifyts: "",
};

export const newOrUpdatedReleaseOrderTrigger = sterlingAccounts.pollingTrigger({
  key: "newOrUpdatedReleaseOrder",
  label: LABEL,
  description: "Starts the flow when Sterling OMS creates or changes a release order (an order's part for one node).",
  group: "Release orders",
  kind: "poll",
  intervalSeconds: 60,
  input: eventInput,
  output,
  // Runs are found by the order number on Runs (Flow settings may name another business key).
  businessKey: "{{ trigger.SalesOrderNo }}",
  sample: {
    OrderReleaseKey: "202503010905000000000007",
    ReleaseNo: "1",
    OrderHeaderKey: "202503010900000000000001",
    SalesOrderNo: "Y100001",
    EnterpriseCode: "DEFAULT",
    DocumentType: "0001",
    ShipNode: "DC-EAST",
    Status: "Released",
    Createts: "2025-03-01T09:05:00+00:00",
    Modifyts: "2025-03-01T09:05:00+00:00",
    IsNew: true,
  },
  poll: (args) =>
    pollByMode(
      "newOrUpdatedReleaseOrder",
      args,
      async (rest) => {
        const { rows, nextCursor } = await pollChangedRows(rest, {
          api: "getOrderReleaseList",
          root: "OrderReleaseList",
          element: "OrderRelease",
          inputRoot: "OrderRelease",
          timestamp: "Modifyts",
          key: "OrderReleaseKey",
          versioned: true,
          filters: compact({
            EnterpriseCode: rest.input.enterpriseCode,
            DocumentType: rest.input.documentType,
            ShipNode: rest.input.shipNode,
          }),
          template,
        });
        const items = rows.flatMap((row) => {
          const release = output.omit({ IsNew: true }).safeParse(row.document);
          if (!release.success) return [];
          const lockid = row.lockid;
          const isNew = lockid === "0" || (lockid === "" && release.data.Createts === release.data.Modifyts);
          return [{ dedupeKey: row.key, version: `${row.ts}#${lockid}`, data: { ...release.data, IsNew: isNew } }];
        });
        return { items, nextCursor };
      },
      pollMqEvent,
    ),
  acknowledge: acknowledgeMqEvent("newOrUpdatedReleaseOrder"),
});
