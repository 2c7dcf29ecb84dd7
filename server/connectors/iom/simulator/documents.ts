// IOM's order documents (invoices, delivery notes, credit notes, return slips). Order 2.0's OrderState lists each as
// { type, downloadLink, creationDate, mimeType }; the definition's example link points at IOM's DocumentServlet:
// https://<iom>/servlets/DocumentServlet/v1.0/invoiceNote/InvoiceNote.pdf?k=<key>&i=<id>&s=<…>. The key in the link
// is what opens the document (guess: the servlet asks for no Basic authentication; the meaning of `s` is not
// documented, so the simulator leaves it out). The simulator makes small real PDFs.
import { randomBytes } from "node:crypto";
import { empty, type SimOrder, type SimReply, type SimState } from "./state";

export interface SimDocument {
  id: number;
  type: string;
  fileName: string;
  key: string;
  creationDate: string;
  mimeType: string;
  content: Buffer;
}

export const DOCUMENT_SERVLET_PATH = "/servlets/DocumentServlet/v1.0";

const fileNames: Record<string, string> = {
  invoiceNote: "InvoiceNote",
  creditNote: "CreditNote",
  deliveryNote: "DeliveryNote",
  returnNote: "ReturnNote",
};

/** Adds a document of `type` to the order, as IOM does when it invoices, dispatches or credits it. */
export function addOrderDocument(state: SimState, order: SimOrder, type: string): SimDocument {
  const id = state.nextId++;
  const base = fileNames[type] ?? type.replace(/[^A-Za-z0-9]/g, "") ?? "Document";
  const document: SimDocument = {
    id,
    type,
    fileName: `${base}.pdf`,
    key: `${id}${randomBytes(32).toString("hex")}`,
    creationDate: state.clock().toISOString(),
    mimeType: "application/pdf",
    content: samplePdf(`${base} ${order.order.shopOrderNumber}`, [
      `Shop order number: ${order.order.shopOrderNumber}`,
      `Customer: ${order.order.customerData.shopCustomerNumber ?? "-"}`,
      `Total: ${order.order.sales.total.gross ?? order.order.sales.total.net} ${order.order.sales.currencyCode}`,
      `Document ${id}, ${type}`,
    ]),
  };
  order.documents.push(document);
  return document;
}

/** The document as Order 2.0's OrderDocument lists it, with a link on the server that was asked. */
export function orderDocument(base: string, document: SimDocument) {
  const query = new URLSearchParams({ k: document.key, i: String(document.id) });
  return {
    type: document.type,
    downloadLink: `${base}${DOCUMENT_SERVLET_PATH}/${document.type}/${document.fileName}?${query.toString()}`,
    creationDate: document.creationDate,
    mimeType: document.mimeType,
  };
}

/** GET /servlets/DocumentServlet/v1.0/{type}/{file}?k=&i=: the document's bytes when the key matches. */
export function serveDocument(state: SimState, path: string, query: URLSearchParams): SimReply {
  const match = /^\/servlets\/DocumentServlet\/v1\.0\/([^/]+)\/([^/]+)$/.exec(path);
  const id = Number(query.get("i"));
  const document = state.orders
    .flatMap((order) => order.documents)
    .find((candidate) => candidate.id === id && candidate.key === query.get("k"));
  if (!match || !document || decodeURIComponent(match[1] ?? "") !== document.type) return empty(404);
  return {
    status: 200,
    headers: {
      "content-type": document.mimeType,
      "content-disposition": `inline; filename="${document.fileName}"`,
      "content-length": String(document.content.byteLength),
    },
    body: document.content,
  };
}

/** A one-page PDF with a title and lines of text (PDF 1.4, Helvetica), with a correct cross-reference table. */
export function samplePdf(title: string, lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (char) => `\\${char}`).replace(/[^\x20-\x7e]/g, "?");
  const text = [`BT /F1 18 Tf 72 760 Td (${escape(title)}) Tj ET`]
    .concat(lines.map((line, index) => `BT /F1 11 Tf 72 ${730 - index * 16} Td (${escape(line)}) Tj ET`))
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}
