// GET /api/runs/export?<the list's filters>: the matching runs as a CSV download, streamed.
import { filterFromSearchParams } from "@/lib/run-filters";
import { requireAccess } from "@/server/auth/route-guard";
import { getDb } from "@/server/db/client";
import { exportRunsCsv } from "@/server/services/runs-export.service";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { principal, refusal } = await requireAccess(request, "read");
  if (refusal) return refusal;
  const db = getDb();
  const workspaceId = principal.workspaceId;
  const filter = filterFromSearchParams(new URL(request.url).searchParams);
  const rows = exportRunsCsv(db, workspaceId, filter);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    // Pulled, not pushed: a slow download reads the next page only when the last one was taken.
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(`[conflux] run export failed: ${String(error)}`);
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="conflux-runs-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
