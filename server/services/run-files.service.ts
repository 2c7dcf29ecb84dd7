// Downloads of the files a run's steps stored. The file must belong to the run named in the address (and to the
// caller's workspace): a file id alone never opens another run's file.
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "../db/client";
import { findRunFile } from "../db/run-files.repository";

export async function runFileDownload(db: DbOrTx, workspaceId: string, runId: string, fileId: string) {
  const file = await findRunFile(db, workspaceId, runId, fileId);
  if (!file) throw new NotFoundError("This file of the run");
  return file;
}

/** Content-Disposition for a download: an ASCII fallback name and the exact name in RFC 5987 form. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
