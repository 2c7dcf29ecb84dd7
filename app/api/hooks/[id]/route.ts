import { answerWebhook } from "@/server/runtime/webhook-entry";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return answerWebhook(request, id);
}
