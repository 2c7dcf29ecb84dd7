// Downloading an order's documents. Order 2.0's OrderState lists them with a downloadLink (the definition's example
// points at IOM's DocumentServlet, with a key in the query that opens the document). The account's credentials are
// sent only when the link is on the IOM server itself: a link to another host gets a plain request.
import { ConfluxError, RemoteError } from "@/lib/errors";
import { errorForResponse, httpRequest, type RunFileRef, type RunFiles } from "../sdk";
import type { IomAccount } from "./auth";
import { CALL_TIMEOUT_MS } from "./client";
import type { OrderState } from "./order-states";

export type OrderDocument = OrderState["documents"][number];

const extensions: Record<string, string> = {
  "application/pdf": "pdf",
  "application/xml": "xml",
  "text/xml": "xml",
  "text/html": "html",
  "text/plain": "txt",
  "image/png": "png",
  "image/jpeg": "jpg",
};

function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The file name a document is stored under: unique per order, type and position, the same on every re-run. */
export function documentFileName(shopOrderNumber: string, type: string, index: number, mimeType: string): string {
  const extension = extensions[mediaTypeOf(mimeType)] ?? "bin";
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${safe(shopOrderNumber)}-${safe(type)}-${index}.${extension}`;
}

/** Fetches one document's bytes and stores them as a run file. */
export async function downloadDocument(
  account: IomAccount,
  document: OrderDocument,
  target: { files: RunFiles; name: string; signal: AbortSignal },
): Promise<RunFileRef> {
  let link: URL;
  try {
    link = new URL(document.downloadLink, `${account.baseUrl}/`);
  } catch {
    throw new ConfluxError(
      "REMOTE",
      `IOM listed an order document (${document.type}) whose link is not a URL: ${document.downloadLink}`,
    );
  }
  const home = link.origin === new URL(account.baseUrl).origin;
  const response = await httpRequest({
    method: "GET",
    url: link.toString(),
    headers: { Accept: `${document.mimeType ?? "application/pdf"}, */*` },
    credentialHeaders: home ? { Authorization: account.authorization } : undefined,
    timeoutMs: CALL_TIMEOUT_MS,
    signal: target.signal,
    keepBytes: true,
    // Read no further than a run may store: the step fails clearly instead of buffering a runaway download.
    maxResponseBytes: target.files.limitBytes + 1,
  });
  if (response.status === 404 || response.status === 403) {
    throw new RemoteError(
      "REMOTE",
      `IOM (${link.host}) does not give the ${document.type} at its link (${response.status}): the link may have ` +
        "expired; read the order's state again for a fresh one",
      { status: response.status, retryable: false },
    );
  }
  if (response.status < 200 || response.status >= 300) {
    throw errorForResponse(response, `IOM (${link.host}) ${document.type} download`);
  }
  const contentType = mediaTypeOf(response.headers["content-type"]) || document.mimeType || "application/octet-stream";
  return target.files.save({ name: target.name, contentType, content: response.bytes ?? new Uint8Array() });
}
