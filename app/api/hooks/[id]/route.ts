import { getConfig } from "@/server/boot/config";
import { getDb } from "@/server/db/client";
import { getHotSql } from "@/server/db/hot-sql";
import { getRunQueue } from "@/server/runtime";
import { handleWebhookRequest } from "@/server/runtime/webhook";
import { defaultKeyRing } from "@/server/security/keyring";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return handleWebhookRequest(request, id, {
    db: getDb(),
    sql: getHotSql(),
    queue: getRunQueue,
    keys: defaultKeyRing(),
    bodyLimitBytes: getConfig().CONFLUX_WEBHOOK_BODY_LIMIT_KB * 1024,
    depthLimit: getConfig().CONFLUX_JSON_DEPTH_LIMIT,
  });
}
