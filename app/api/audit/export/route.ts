// GET /api/audit/export?<the audit page's filters>: the matching audit events as a CSV download (admins).
import { requireAccess } from "@/server/auth/route-guard";
import { getDb } from "@/server/db/client";
import { auditCsv, auditFilterSchema } from "@/server/services/audit-log.service";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { principal, refusal } = await requireAccess(request, "admin");
  if (refusal) return refusal;
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const filter = auditFilterSchema.safeParse(params);
  if (!filter.success) {
    return new Response(`The filter cannot be read: ${filter.error.issues.map((issue) => issue.message).join("; ")}`, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const csv = await auditCsv(getDb(), principal.workspaceId, filter.data);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="conflux-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
