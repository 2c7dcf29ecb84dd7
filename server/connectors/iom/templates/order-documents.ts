// IOM template: whenever an order's state changes in IOM, keep its newest invoice with the run, to download from the
// run page or hand to a later step (an archive, an e-mail service). States without an invoice yet store nothing.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { chain } from "./graph";

export const orderDocumentsTemplate: FlowTemplate = {
  id: "iom-order-state-invoice",
  name: "IOM order state changed → keep its invoice",
  description: "On each change of an order's status in IOM, downloads its newest invoice and keeps it with the run.",
  graph: chain(
    {
      id: "trigger",
      connectorId: "iom",
      operation: "orderStateChanged",
      label: "Order state changed",
      inputs: { createdWithinDays: 30, intervalSeconds: 60 },
    },
    [
      {
        id: "download_invoice",
        connectorId: "iom",
        operation: "downloadDocuments",
        label: "Download the invoice",
        inputs: {
          shopOrderNumber: "{{ trigger.shopOrderNumber }}",
          documentTypes: "invoiceNote",
          newestOnly: true,
        },
      },
    ],
  ),
};
