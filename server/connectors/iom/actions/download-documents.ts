// Download documents: reads the order's state (Order 2.0) and stores each of its documents — invoices, delivery
// notes, credit notes, return slips — as a file of the run, listed on the run page with a download link. Later steps
// get each file's reference (id, name, type, size) in the output.
import { z } from "zod";
import { ConfluxError, RemoteError } from "@/lib/errors";
import { field, runFileRef } from "../../sdk";
import { iomAccount, iomAction, shopOrderNumberField, textList } from "../common";
import { documentFileName, downloadDocument } from "../documents";
import { allOrderStates } from "../order-states";

export const downloadDocumentsAction = iomAction({
  key: "downloadDocuments",
  label: "Download documents",
  description:
    "Stores an order's documents from IOM (invoice, delivery note, credit note, return slip) as files of the run.",
  group: "Order state",
  input: z.object({
    shopOrderNumber: shopOrderNumberField(1),
    documentTypes: textList(
      "Document types",
      "IOM's document types to download, e.g. invoiceNote, deliveryNote, creditNote; empty: every document.",
      2,
    ),
    newestOnly: z
      .boolean()
      .default(false)
      .meta(field({ title: "Newest of each type only", order: 3 })),
  }),
  output: z.object({
    shopOrderNumber: z.string(),
    documents: z.array(
      z.object({
        type: z.string(),
        creationDate: z.string().nullable(),
        file: runFileRef,
      }),
    ),
    count: z.number(),
  }),
  async run({ input, ctx }) {
    if (!ctx.files) throw new ConfluxError("INTERNAL", "Download documents needs the run's file store");
    const account = iomAccount(ctx.account);
    const { orders } = await allOrderStates(account, { shopOrderNumbers: [input.shopOrderNumber] }, ctx.signal, {
      maxOrders: 1,
    });
    const order = orders.find((candidate) => candidate.shopOrderNumber === input.shopOrderNumber);
    if (!order) {
      throw new RemoteError(
        "REMOTE",
        `IOM (${new URL(account.baseUrl).host}) has no order ${input.shopOrderNumber} in shop ${account.shopId}`,
        { retryable: false },
      );
    }
    const types = new Set(input.documentTypes);
    const wanted = order.documents.filter((document) => types.size === 0 || types.has(document.type));
    // Numbered per type in IOM's order (oldest first by creation date), so a re-run stores under the same names.
    const ordered = [...wanted].sort((a, b) => (a.creationDate ?? "").localeCompare(b.creationDate ?? ""));
    const picked = input.newestOnly
      ? ordered.filter((document, index) => !ordered.slice(index + 1).some((later) => later.type === document.type))
      : ordered;
    const documents = [];
    for (const document of picked) {
      const index = ordered.filter((other) => other.type === document.type).indexOf(document) + 1;
      const name = documentFileName(order.shopOrderNumber, document.type, index, document.mimeType ?? "");
      const file = await downloadDocument(account, document, { files: ctx.files, name, signal: ctx.signal });
      documents.push({ type: document.type, creationDate: document.creationDate ?? null, file });
    }
    return { shopOrderNumber: order.shopOrderNumber, documents, count: documents.length };
  },
});
