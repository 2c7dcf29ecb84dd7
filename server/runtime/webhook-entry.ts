// The webhook route's one entry, called by the Next.js route (app/api/hooks/[id]) and, under `npm start` and the
// worker-less web process, straight from the HTTP server (server/boot/web-server.ts) without Next.js's request
// handling, which cost more CPU per webhook than the rest of the request together (bench:runtime's profile).
import { getConfig } from "../boot/config";
import { getDb } from "../db/client";
import { getHotSql } from "../db/hot-sql";
import { defaultKeyRing } from "../security/keyring";
import { getRunQueue } from "./queue";
import { handleWebhookRequest } from "./webhook";

export function answerWebhook(request: Request, webhookId: string): Promise<Response> {
  return handleWebhookRequest(request, webhookId, {
    db: getDb(),
    sql: getHotSql(),
    queue: getRunQueue,
    keys: defaultKeyRing(),
    bodyLimitBytes: getConfig().CONFLUX_WEBHOOK_BODY_LIMIT_KB * 1024,
    depthLimit: getConfig().CONFLUX_JSON_DEPTH_LIMIT,
  });
}
