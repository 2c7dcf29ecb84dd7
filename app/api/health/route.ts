import { getDb } from "@/server/db/client";
import { getRunQueue } from "@/server/runtime";
import { checkHealth } from "@/server/services/health.service";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth(getDb, async () => (await getRunQueue()).check());
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
