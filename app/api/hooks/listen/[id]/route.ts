import { getConfig } from "@/server/boot/config";
import { getDb } from "@/server/db/client";
import { handleSampleRequest } from "@/server/runtime/webhook-sample";
import { defaultKeyRing } from "@/server/security/keyring";

export const dynamic = "force-dynamic";

/** "Listen for a test event": the first request here becomes the trigger's sample and starts no run. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return handleSampleRequest(request, id, {
    db: getDb(),
    keys: defaultKeyRing(),
    bodyLimitBytes: getConfig().CONFLUX_WEBHOOK_BODY_LIMIT_KB * 1024,
    depthLimit: getConfig().CONFLUX_JSON_DEPTH_LIMIT,
  });
}
