// GET /api/runs/<run id>/files/<file id>: a file a step of the run stored, as a download.
import { NotFoundError } from "@/lib/errors";
import { requireAccess } from "@/server/auth/route-guard";
import { getDb } from "@/server/db/client";
import { attachmentDisposition, runFileDownload } from "@/server/services/run-files.service";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string; fileId: string }> }) {
  const { id, fileId } = await context.params;
  const { principal, refusal } = await requireAccess(request, "read");
  if (refusal) return refusal;
  const db = getDb();
  const workspaceId = principal.workspaceId;
  try {
    const file = await runFileDownload(db, workspaceId, id, fileId);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": attachmentDisposition(file.name),
        // A stored file is whatever a remote system sent: never let the browser run it as a page of this origin.
        "Content-Security-Policy": "sandbox",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response(error.message, { status: 404 });
    throw error;
  }
}
